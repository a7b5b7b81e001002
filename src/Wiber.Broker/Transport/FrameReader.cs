using System.Buffers;
using System.IO.Pipelines;

namespace Wiber.Broker.Transport;

/// <summary>One frame as read; <see cref="Payload"/> stays valid only until the next <see cref="FrameReader.ReadAsync"/>.</summary>
internal readonly record struct Frame(FrameStatus Status, FrameType Type, ReadOnlySequence<byte> Payload, long DeclaredLength);

/// <summary>
/// Pulls frames off a pipe without copying them, and counts every byte received on the connection (the listening
/// side reports that count in its keepalives).
/// </summary>
internal sealed class FrameReader(PipeReader pipe)
{
    private ReadOnlySequence<byte> _buffer;
    private long _bufferLength;
    private bool _holding;
    private bool _completed;
    private long _consumed;
    private long _received;

    public long BytesReceived => Volatile.Read(ref _received);

    /// <summary>
    /// The next frame, or <see cref="FrameStatus.EndOfStream"/>, <see cref="FrameStatus.Truncated"/> (closed mid-frame)
    /// or <see cref="FrameStatus.TooLarge"/> (the length prefix exceeds <paramref name="maxPayload"/>). A partial
    /// frame is buffered only up to the length it declares, which is already checked against the maximum.
    /// </summary>
    public async ValueTask<Frame> ReadAsync(int maxPayload, CancellationToken cancellationToken)
    {
        while (true)
        {
            if (_holding)
            {
                var rest = _buffer;
                var status = Framing.TryReadFrame(ref rest, maxPayload, out var type, out var payload, out var declared);
                if (status == FrameStatus.Complete)
                {
                    _buffer = rest;
                    return new Frame(status, type, payload, declared);
                }
                if (status == FrameStatus.TooLarge)
                {
                    return new Frame(status, type, default, declared);
                }
                _consumed += _bufferLength - rest.Length;
                pipe.AdvanceTo(rest.Start, rest.End);
                _holding = false;
                if (_completed)
                {
                    return new Frame(rest.IsEmpty ? FrameStatus.EndOfStream : FrameStatus.Truncated, 0, default, declared);
                }
            }
            var result = await pipe.ReadAsync(cancellationToken).ConfigureAwait(false);
            _buffer = result.Buffer;
            _bufferLength = result.Buffer.Length;
            _holding = true;
            _completed = result.IsCompleted || result.IsCanceled;
            Volatile.Write(ref _received, _consumed + _bufferLength);
        }
    }

    /// <summary>Returns the pipe's buffers; call once, after the last read.</summary>
    public ValueTask CompleteAsync() => pipe.CompleteAsync();
}
