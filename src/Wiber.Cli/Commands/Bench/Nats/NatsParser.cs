using System.Buffers.Text;
using System.Text;
using System.Text.Json;

namespace Wiber.Cli.Commands.Bench.Nats;

/// <summary>What the NATS server sends a client (the text protocol's server-to-client operations).</summary>
internal enum NatsOpKind
{
    Info,
    Msg,
    Ping,
    Pong,
    Ok,
    Err,
}

/// <summary>One parsed server operation. For MSG/HMSG: subject, sid, reply-to and the payload (headers skipped); INFO and -ERR: the text.</summary>
internal sealed record NatsOp(NatsOpKind Kind, string? Subject = null, string? Sid = null, string? ReplyTo = null, byte[]? Payload = null, string? Text = null);

/// <summary>The server sent something that is not the NATS protocol.</summary>
internal sealed class NatsProtocolException : Exception
{
    public NatsProtocolException()
    {
    }

    public NatsProtocolException(string message)
        : base(message)
    {
    }

    public NatsProtocolException(string message, Exception inner)
        : base(message, inner)
    {
    }
}

/// <summary>
/// A parser of the NATS text protocol as a server speaks it (INFO, MSG, HMSG, PING, PONG, +OK, -ERR), over a
/// buffer that may hold less than one operation or several. <see cref="TryParse"/> takes one operation from
/// the start of the buffer, or says that more bytes are needed.
/// </summary>
internal static class NatsParser
{
    /// <summary>Longest control line accepted (the server's INFO can be a few KB).</summary>
    public const int MaxControlLine = 64 * 1024;

    /// <summary>Largest payload accepted (the server's default max_payload is 1 MB).</summary>
    public const int MaxPayload = 64 * 1024 * 1024;

    /// <summary>
    /// True when a whole operation starts the buffer: <paramref name="op"/> is it and <paramref name="consumed"/>
    /// the bytes it took. False when the buffer ends inside the operation (read more and call again).
    /// Throws <see cref="NatsProtocolException"/> on bytes that are not the protocol.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> buffer, out NatsOp? op, out int consumed)
    {
        op = null;
        consumed = 0;
        var lineEnd = buffer.IndexOf((byte)'\n');
        if (lineEnd < 0)
        {
            if (buffer.Length > MaxControlLine)
            {
                throw new NatsProtocolException($"control line longer than {MaxControlLine} bytes");
            }

            return false;
        }

        var line = buffer[..lineEnd];
        if (line.Length > 0 && line[^1] == (byte)'\r')
        {
            line = line[..^1];
        }

        var afterLine = lineEnd + 1;
        var text = Encoding.ASCII.GetString(line);
        var space = text.IndexOfAny([' ', '\t']);
        var verb = (space < 0 ? text : text[..space]).ToUpperInvariant();
        var rest = space < 0 ? "" : text[(space + 1)..].Trim();
        switch (verb)
        {
            case "PING":
                op = new NatsOp(NatsOpKind.Ping);
                consumed = afterLine;
                return true;
            case "PONG":
                op = new NatsOp(NatsOpKind.Pong);
                consumed = afterLine;
                return true;
            case "+OK":
                op = new NatsOp(NatsOpKind.Ok);
                consumed = afterLine;
                return true;
            case "-ERR":
                op = new NatsOp(NatsOpKind.Err, Text: rest.Trim('\''));
                consumed = afterLine;
                return true;
            case "INFO":
                op = new NatsOp(NatsOpKind.Info, Text: rest);
                consumed = afterLine;
                return true;
            case "MSG":
            case "HMSG":
                return TryParseMessage(buffer, verb == "HMSG", rest, afterLine, out op, out consumed);
            default:
                throw new NatsProtocolException($"unknown operation '{Truncate(text)}'");
        }
    }

    private static bool TryParseMessage(ReadOnlySpan<byte> buffer, bool withHeaders, string arguments, int payloadStart, out NatsOp? op, out int consumed)
    {
        op = null;
        consumed = 0;
        var args = arguments.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        // MSG <subject> <sid> [reply-to] <#bytes>; HMSG <subject> <sid> [reply-to] <#header bytes> <#total bytes>
        var fixedCount = withHeaders ? 4 : 3;
        if (args.Length != fixedCount && args.Length != fixedCount + 1)
        {
            throw new NatsProtocolException($"{(withHeaders ? "HMSG" : "MSG")} with {args.Length} arguments");
        }

        var hasReply = args.Length == fixedCount + 1;
        var total = ParseLength(args[^1]);
        var headerBytes = withHeaders ? ParseLength(args[^2]) : 0;
        if (headerBytes > total)
        {
            throw new NatsProtocolException($"HMSG header length {headerBytes} exceeds total {total}");
        }

        if (buffer.Length < payloadStart + total + 2)
        {
            return false;
        }

        var trailer = buffer.Slice(payloadStart + total, 2);
        if (trailer[0] != (byte)'\r' || trailer[1] != (byte)'\n')
        {
            throw new NatsProtocolException("message payload not followed by CRLF");
        }

        var payload = buffer.Slice(payloadStart + headerBytes, total - headerBytes).ToArray();
        op = new NatsOp(NatsOpKind.Msg, args[0], args[1], hasReply ? args[2] : null, payload);
        consumed = payloadStart + total + 2;
        return true;
    }

    private static int ParseLength(string text)
    {
        if (!int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var length) || length > MaxPayload)
        {
            throw new NatsProtocolException($"bad payload length '{Truncate(text)}'");
        }

        return length;
    }

    private static string Truncate(string text) => text.Length <= 80 ? text : text[..80] + "…";
}

/// <summary>
/// JetStream's publish acknowledgement, the JSON message on the reply subject:
/// <c>{"stream":"BENCH","seq":42}</c> (maybe with <c>"duplicate":true</c>, <c>"domain"</c>), or
/// <c>{"error":{"code":503,"err_code":10077,"description":"…"}}</c>.
/// </summary>
internal static class JetStreamAck
{
    /// <summary>True with the sequence for an acknowledgement; false with the error's description otherwise.</summary>
    public static bool TryParse(ReadOnlySpan<byte> json, out long sequence, out string? error)
    {
        sequence = -1;
        error = null;
        string? stream = null;
        try
        {
            var reader = new Utf8JsonReader(json);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                error = "acknowledgement is not a JSON object";
                return false;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("seq"u8))
                {
                    reader.Read();
                    sequence = reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var s) ? s : -1;
                }
                else if (reader.ValueTextEquals("stream"u8))
                {
                    reader.Read();
                    stream = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                }
                else if (reader.ValueTextEquals("error"u8))
                {
                    reader.Read();
                    error = ReadError(ref reader);
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }
        }
        catch (JsonException ex)
        {
            error = "acknowledgement is not valid JSON: " + ex.Message;
            return false;
        }

        if (error is not null)
        {
            return false;
        }

        if (stream is null || sequence < 0)
        {
            error = "acknowledgement without stream and seq";
            return false;
        }

        return true;
    }

    private static string ReadError(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return "error";
        }

        long? code = null;
        string? description = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("code"u8))
            {
                reader.Read();
                code = reader.TokenType == JsonTokenType.Number ? reader.GetInt64() : null;
            }
            else if (reader.ValueTextEquals("description"u8))
            {
                reader.Read();
                description = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        return FormattableString.Invariant($"{code?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?"} {description ?? "error"}");
    }

    /// <summary>Parses a decimal number of ASCII digits (the inbox suffix of a reply subject).</summary>
    public static bool TryParseSuffix(ReadOnlySpan<byte> digits, out long value) => Utf8Parser.TryParse(digits, out value, out var used) && used == digits.Length;
}
