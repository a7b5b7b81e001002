using System.Buffers;

namespace Wiber.Broker.Protocol;

/// <summary>
/// Reads client requests incrementally, garnet style: each <see cref="Read"/> consumes what it can from
/// the front of the buffer (slicing it) and keeps its place in between calls, so a caller feeding a
/// <c>PipeReader</c> does
/// <code>
/// var buffer = result.Buffer;
/// while (reader.Read(ref buffer) is { Status: not ProtocolReadStatus.NeedMoreData } r) { … }
/// pipe.AdvanceTo(buffer.Start, buffer.End);
/// </code>
/// It never throws on input and never leaves more than <see cref="ProtocolLimits.MaxUnconsumedBytes"/>
/// unconsumed, so it cannot stall a pipe whose pause threshold is above that. One instance per connection;
/// not thread-safe.
/// </summary>
public sealed class ProtocolReader
{
    private const byte Lf = (byte)'\n';
    private const byte Cr = (byte)'\r';

    private readonly ProtocolLimits _limits;
    private State _state;

    // PUBB in progress: the header's request, and the payload being filled (or the bytes left to skip).
    private PublishRequest? _pendingPublish;
    private byte[] _payload = [];
    private int _payloadFilled;
    private long _skipRemaining;

    public ProtocolReader(ProtocolLimits? limits = null)
    {
        _limits = limits ?? ProtocolLimits.Default;
        _limits.Validate();
    }

    private enum State
    {
        /// <summary>At the start of a command line.</summary>
        Lines,

        /// <summary>After LINE_TOO_LONG: dropping bytes up to the next newline.</summary>
        DiscardingLine,

        /// <summary>Copying a PUBB payload.</summary>
        Payload,

        /// <summary>Dropping the payload of a refused PUBB.</summary>
        SkippingPayload,

        /// <summary>Expecting the line ending that follows a PUBB payload.</summary>
        PayloadEnd,

        /// <summary>After an error that lost the framing: everything is dropped.</summary>
        Closed,
    }

    public ProtocolLimits Limits => _limits;

    /// <summary>Bytes held for a PUBB payload being filled (for tests of the memory bound).</summary>
    internal int HeldPayloadBytes => _payload.Length;

    /// <summary>True after an error with <see cref="ProtocolError.MustClose"/>; further input is ignored.</summary>
    public bool IsClosed => _state == State.Closed;

    /// <summary>
    /// Reads at most one request or error from the front of <paramref name="buffer"/>, which is sliced past
    /// whatever was consumed. Call again until it returns <see cref="ProtocolReadStatus.NeedMoreData"/>.
    /// </summary>
    public ProtocolReadResult Read(ref ReadOnlySequence<byte> buffer)
    {
        while (true)
        {
            switch (_state)
            {
                case State.Lines:
                    if (ReadLine(ref buffer) is { } result)
                    {
                        return result;
                    }

                    break;

                case State.DiscardingLine:
                    if (buffer.PositionOf(Lf) is not { } newline)
                    {
                        buffer = buffer.Slice(buffer.End);
                        return ProtocolReadResult.NeedMoreData;
                    }

                    buffer = buffer.Slice(buffer.GetPosition(1, newline));
                    _state = State.Lines;
                    break;

                case State.Payload:
                    var copy = (int)Math.Min(buffer.Length, _payload.Length - _payloadFilled);
                    buffer.Slice(0, copy).CopyTo(_payload.AsSpan(_payloadFilled));
                    buffer = buffer.Slice(copy);
                    _payloadFilled += copy;
                    if (_payloadFilled < _payload.Length)
                    {
                        return ProtocolReadResult.NeedMoreData;
                    }

                    _state = State.PayloadEnd;
                    break;

                case State.SkippingPayload:
                    var skip = Math.Min(buffer.Length, _skipRemaining);
                    buffer = buffer.Slice(skip);
                    _skipRemaining -= skip;
                    if (_skipRemaining > 0)
                    {
                        return ProtocolReadResult.NeedMoreData;
                    }

                    _state = State.PayloadEnd;
                    break;

                case State.PayloadEnd:
                    if (ReadPayloadEnd(ref buffer) is { } ended)
                    {
                        return ended;
                    }

                    break;

                default:
                    buffer = buffer.Slice(buffer.End);
                    return ProtocolReadResult.NeedMoreData;
            }
        }
    }

    /// <summary>Reads one line in the Lines state; null means "go round again" (blank line, or PUBB header accepted).</summary>
    private ProtocolReadResult? ReadLine(ref ReadOnlySequence<byte> buffer)
    {
        // Look no further than a maximal line plus CR LF: a longer line is refused without buffering it.
        var window = _limits.MaxLineBytes + 2L;
        var scanned = buffer.Length > window ? buffer.Slice(0, window) : buffer;
        if (scanned.PositionOf(Lf) is not { } newline)
        {
            if (buffer.Length < window)
            {
                return ProtocolReadResult.NeedMoreData;
            }

            buffer = buffer.Slice(window);
            _state = State.DiscardingLine;
            return LineTooLong();
        }

        var line = buffer.Slice(0, newline);
        buffer = buffer.Slice(buffer.GetPosition(1, newline));
        if (line.Length > 0 && line.Slice(line.Length - 1).FirstSpan[0] == Cr)
        {
            line = line.Slice(0, line.Length - 1);
        }

        if (line.Length > _limits.MaxLineBytes)
        {
            return LineTooLong();
        }

        if (line.IsSingleSegment)
        {
            return ParseLine(line.FirstSpan);
        }

        var rented = ArrayPool<byte>.Shared.Rent((int)line.Length);
        try
        {
            line.CopyTo(rented);
            return ParseLine(rented.AsSpan(0, (int)line.Length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private ProtocolReadResult? ParseLine(ReadOnlySpan<byte> line)
    {
        // Blank lines are what a person pressing Enter in nc sends; they are not errors.
        if (line.TrimStart((byte)' ').IsEmpty)
        {
            return null;
        }

        if (line.Contains((byte)0))
        {
            return ProtocolReadResult.Fail(ErrorCode.BadCommand, "line contains a NUL byte; use PUBB for binary payloads");
        }

        if (!PayloadText.IsText(line))
        {
            return ProtocolReadResult.Fail(ErrorCode.BadCommand, "line is not UTF-8 text without control characters; use PUBB for binary payloads");
        }

        var result = RequestParser.ParseLine(line, _limits, out var pending);
        if (result.Status == ProtocolReadStatus.Error && result.Error!.MustClose)
        {
            return Close(result);
        }

        if (pending is null)
        {
            return result;
        }

        _payloadFilled = 0;
        if (pending.Request is null)
        {
            _skipRemaining = pending.Length;
            _state = State.SkippingPayload;
            return result;
        }

        // The length was checked against MaxPayloadBytes, so this allocation is bounded.
        _pendingPublish = pending.Request;
        _payload = pending.Length == 0 ? [] : new byte[pending.Length];
        _state = State.Payload;
        return null;
    }

    /// <summary>The payload must be followed by LF or CR LF; anything else means the length was wrong.</summary>
    private ProtocolReadResult? ReadPayloadEnd(ref ReadOnlySequence<byte> buffer)
    {
        if (buffer.IsEmpty)
        {
            return ProtocolReadResult.NeedMoreData;
        }

        var first = buffer.FirstSpan[0];
        var endLength = first == Lf ? 1 : first == Cr ? 2 : 0;
        if (endLength == 2)
        {
            if (buffer.Length < 2)
            {
                return ProtocolReadResult.NeedMoreData;
            }

            endLength = buffer.Slice(1, 1).FirstSpan[0] == Lf ? 2 : 0;
        }

        if (endLength == 0)
        {
            buffer = buffer.Slice(buffer.End);
            return Close(ProtocolReadResult.Fail(
                ErrorCode.BadArgument,
                "PUBB payload is not followed by a line ending (wrong length?), closing",
                mustClose: true));
        }

        buffer = buffer.Slice(endLength);
        _state = State.Lines;
        var request = _pendingPublish;
        var payload = _payload;
        _pendingPublish = null;
        _payload = [];
        return request is null ? null : ProtocolReadResult.Of(request with { Payload = payload });
    }

    private ProtocolReadResult LineTooLong() =>
        ProtocolReadResult.Fail(ErrorCode.LineTooLong, $"line is longer than {_limits.MaxLineBytes} bytes; it was discarded");

    private ProtocolReadResult Close(ProtocolReadResult result)
    {
        _state = State.Closed;
        _pendingPublish = null;
        _payload = [];
        return result;
    }
}
