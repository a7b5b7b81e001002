using System.Buffers;
using System.Globalization;
using System.Text;

namespace Wiber.Client.Internal;

/// <summary>Formats requests (docs/protocol.md) and checks names so that nothing can inject a second command.</summary>
internal static class Wire
{
    /// <summary>Text payloads up to this size go as PUB; longer or non-line-safe ones as PUBB.</summary>
    public const int MaxTextPublishBytes = 1024;

    public static void CheckName(string? value, string paramName)
    {
        if (string.IsNullOrEmpty(value) || value.Length > 128 || !value.All(c => c is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9') or '.' or '_' or '-' or '/'))
        {
            throw new ArgumentException($"'{value}' is not a valid name: 1-128 characters of A-Z a-z 0-9 . _ - /", paramName);
        }
    }

    public static void CheckMessageId(string? value, string paramName)
    {
        if (string.IsNullOrEmpty(value) || value.Length > 64 || !value.All(c => c is > ' ' and < (char)127))
        {
            throw new ArgumentException($"'{value}' is not a valid message id: 1-64 printable ASCII characters, no spaces", paramName);
        }
    }

    public static void CheckWord(string? value, string paramName)
    {
        if (string.IsNullOrEmpty(value) || value.Length > 64 || !value.All(char.IsAsciiLetterOrDigit))
        {
            throw new ArgumentException($"'{value}' is not valid here: letters and digits only", paramName);
        }
    }

    public static void CheckFreeText(string? value, string paramName)
    {
        if (value is not null && value.Any(c => char.IsControl(c) && c != '\t'))
        {
            throw new ArgumentException("must be single-line text without control characters", paramName);
        }
    }

    /// <summary>Not empty, valid UTF-8, no control characters except TAB.</summary>
    public static bool IsLineSafe(ReadOnlySpan<byte> payload)
    {
        if (payload.IsEmpty || !System.Text.Unicode.Utf8.IsValid(payload))
        {
            return false;
        }

        foreach (var b in payload)
        {
            if ((b < 0x20 && b != (byte)'\t') || b == 0x7F)
            {
                return false;
            }
        }

        // C1 control characters (U+0080..U+009F) are encoded as C2 80..C2 9F.
        for (var i = 0; i + 1 < payload.Length; i++)
        {
            if (payload[i] == 0xC2 && payload[i + 1] is >= 0x80 and <= 0x9F)
            {
                return false;
            }
        }

        return true;
    }

    public static byte[] Publish(string topic, ReadOnlySpan<byte> payload, string id)
    {
        var output = new ArrayBufferWriter<byte>(payload.Length + 128);
        var text = payload.Length <= MaxTextPublishBytes && IsLineSafe(payload) && !LooksLikeOption(payload);
        if (text)
        {
            Append(output, $"PUB {topic} id={id} redirect=1 ");
            output.Write(payload);
            Append(output, "\r\n");
        }
        else
        {
            Append(output, string.Create(CultureInfo.InvariantCulture, $"PUBB {topic} {payload.Length} id={id} redirect=1\r\n"));
            output.Write(payload);
            Append(output, "\r\n");
        }

        return output.WrittenSpan.ToArray();
    }

    public static byte[] Subscribe(string topic, SubscribeFrom from, string? group)
    {
        var start = from switch
        {
            SubscribeFrom.NewOnly => " from=new",
            SubscribeFrom.AtOffset at => string.Create(CultureInfo.InvariantCulture, $" from={at.Value}"),
            SubscribeFrom.LastMessages last => string.Create(CultureInfo.InvariantCulture, $" last={last.Count}"),
            _ => "",
        };
        return Line($"SUB {topic}{start}{(group is null ? "" : " group=" + group)} format=binary");
    }

    public static byte[] History(string topic, HistoryQuery query, bool linearizable)
    {
        var selection = query switch
        {
            HistoryQuery.LastMessages last => string.Create(CultureInfo.InvariantCulture, $" last={last.Count}"),
            HistoryQuery.FromRange range => string.Create(CultureInfo.InvariantCulture, $" from={range.From} limit={range.Limit}"),
            HistoryQuery.TimeWindow window => string.Create(
                CultureInfo.InvariantCulture,
                $"{(window.SinceMs is { } s ? $" since={s}" : "")}{(window.UntilMs is { } u ? $" until={u}" : "")} limit={window.Limit}"),
            _ => throw new ArgumentException("unknown history query", nameof(query)),
        };
        return Line($"HISTORY {topic}{selection}{(linearizable ? " linearizable" : "")} format=binary");
    }

    public static byte[] Line(string text) => Encoding.UTF8.GetBytes(text + "\r\n");

    /// <summary>A text message whose first word is an option key or <c>--</c> would be misread: send it as PUBB.</summary>
    private static bool LooksLikeOption(ReadOnlySpan<byte> payload)
    {
        var space = payload.IndexOf((byte)' ');
        var first = space < 0 ? payload : payload[..space];
        if (first.SequenceEqual("--"u8))
        {
            return true;
        }

        var equals = first.IndexOf((byte)'=');
        if (equals < 0)
        {
            return false;
        }

        var key = first[..equals];
        return Ascii.EqualsIgnoreCase(key, "id"u8) || Ascii.EqualsIgnoreCase(key, "ts"u8) || Ascii.EqualsIgnoreCase(key, "redirect"u8);
    }

    private static void Append(ArrayBufferWriter<byte> output, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        output.Write(bytes);
    }
}
