using System.Globalization;
using System.Text;

namespace Wiber.Client.Internal;

/// <summary>One reply unit: a line (without its ending) and, for MSGB/HISTORYB, the payload that followed it.</summary>
internal sealed record Frame(string Line, byte[]? Payload)
{
    public bool IsDelivery => Line.StartsWith("MSG ", StringComparison.Ordinal) || Line.StartsWith("MSGB ", StringComparison.Ordinal);

    public bool IsError => Line.StartsWith("ERR ", StringComparison.Ordinal) || Line == "ERR";

    /// <summary>Splits <c>ERR CODE text</c>.</summary>
    public (string Code, string Text) Error()
    {
        var rest = Line.Length > 4 ? Line[4..] : "";
        var space = rest.IndexOf(' ', StringComparison.Ordinal);
        return space < 0 ? (rest, "") : (rest[..space], rest[(space + 1)..]);
    }

    /// <summary>
    /// Parses <c>VERB topic offset hts pts payload</c> (text) or <c>VERBB topic offset hts pts length</c> + payload.
    /// </summary>
    public ReceivedMessage ToMessage()
    {
        var parts = Line.Split(' ', 6);
        if (parts.Length < 6)
        {
            throw new WiberException($"malformed message line '{Truncate(Line)}'");
        }

        var offset = long.Parse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture);
        long? producer = parts[4] == "-" ? null : long.Parse(parts[4], NumberStyles.None, CultureInfo.InvariantCulture);
        var payload = Payload ?? Encoding.UTF8.GetBytes(parts[5]);
        return new ReceivedMessage(parts[1], offset, parts[3], producer, payload);
    }

    public static string Truncate(string s) => s.Length <= 200 ? s : s[..200] + "…";
}

/// <summary>
/// Reads frames from a stream with one bounded buffer: a line is at most <see cref="MaxLineBytes"/>, a
/// binary payload at most <see cref="MaxPayloadBytes"/> (allocated exactly once, by its announced length).
/// </summary>
internal sealed class FrameReader(Stream stream)
{
    public const int MaxLineBytes = 4 * 1024 * 1024;
    public const int MaxPayloadBytes = 64 * 1024 * 1024;

    private byte[] _buffer = new byte[16 * 1024];
    private int _start;
    private int _end;

    /// <summary>The next frame, or null when the peer closed the connection.</summary>
    public async ValueTask<Frame?> ReadAsync(CancellationToken cancellationToken)
    {
        var line = await ReadLineAsync(cancellationToken).ConfigureAwait(false);
        if (line is null)
        {
            return null;
        }

        if (line.StartsWith("MSGB ", StringComparison.Ordinal) || line.StartsWith("HISTORYB ", StringComparison.Ordinal))
        {
            var lastSpace = line.LastIndexOf(' ');
            if (!int.TryParse(line.AsSpan(lastSpace + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var length) || length > MaxPayloadBytes)
            {
                throw new WiberException($"malformed binary frame header '{Frame.Truncate(line)}'");
            }

            var payload = new byte[length];
            await ReadExactAsync(payload, cancellationToken).ConfigureAwait(false);
            var ending = await ReadLineAsync(cancellationToken).ConfigureAwait(false);
            if (ending is null)
            {
                return null;
            }

            if (ending.Length != 0)
            {
                throw new WiberException("binary payload not followed by a line ending");
            }

            return new Frame(line, payload);
        }

        return new Frame(line, null);
    }

    private async ValueTask<string?> ReadLineAsync(CancellationToken cancellationToken)
    {
        var scanFrom = _start;
        while (true)
        {
            var lf = Array.IndexOf(_buffer, (byte)'\n', scanFrom, _end - scanFrom);
            if (lf >= 0)
            {
                var lineEnd = lf > _start && _buffer[lf - 1] == (byte)'\r' ? lf - 1 : lf;
                var text = Encoding.UTF8.GetString(_buffer, _start, lineEnd - _start);
                _start = lf + 1;
                return text;
            }

            scanFrom = _end;
            if (_end - _start > MaxLineBytes)
            {
                throw new WiberException($"a reply line is longer than {MaxLineBytes} bytes");
            }

            scanFrom -= _start;
            if (!await FillAsync(cancellationToken).ConfigureAwait(false))
            {
                return null;
            }

            scanFrom += _start;
        }
    }

    private async ValueTask ReadExactAsync(byte[] target, CancellationToken cancellationToken)
    {
        var buffered = Math.Min(_end - _start, target.Length);
        Buffer.BlockCopy(_buffer, _start, target, 0, buffered);
        _start += buffered;
        if (buffered < target.Length)
        {
            await stream.ReadExactlyAsync(target.AsMemory(buffered), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Compacts, grows if full, and reads more; false at end of stream.</summary>
    private async ValueTask<bool> FillAsync(CancellationToken cancellationToken)
    {
        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }

        if (_end == _buffer.Length)
        {
            Array.Resize(ref _buffer, _buffer.Length * 2);
        }

        var read = await stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken).ConfigureAwait(false);
        _end += read;
        return read > 0;
    }
}
