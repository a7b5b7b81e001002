using System.Globalization;
using System.Text;

namespace Wiber.Broker.Protocol;

/// <summary>
/// Parsers for single argument values. Each returns null on success or the text of a BAD_ARGUMENT
/// error, so command parsers stay flat and nothing throws on client input.
/// </summary>
internal static class Arguments
{
    // ISO-8601 forms accepted for times; a missing offset means UTC. Exact formats, not
    // DateTimeOffset.TryParse, whose leniency ("June 1") would make the contract unclear.
    private static readonly string[] IsoFormats =
    [
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
        "yyyy-MM-dd'T'HH:mm:ssK",
        "yyyy-MM-dd'T'HH:mmK",
        "yyyy-MM-dd",
    ];

    private static readonly long MaxUnixMs = DateTimeOffset.MaxValue.ToUnixTimeMilliseconds();

    /// <summary>Topic and group names: 1..max bytes of <c>A-Z a-z 0-9 . _ - /</c>, case-sensitive.</summary>
    public static string? Name(ReadOnlySpan<byte> token, int maxBytes, string what, out string name)
    {
        name = "";
        if (token.IsEmpty)
        {
            return $"missing {what}";
        }

        if (token.Length > maxBytes)
        {
            return $"{what} is longer than {maxBytes} bytes";
        }

        foreach (var b in token)
        {
            if (!IsNameByte(b))
            {
                return $"invalid {what} '{Show(token)}': use letters, digits, '.', '_', '-' and '/'";
            }
        }

        name = Encoding.ASCII.GetString(token);
        return null;
    }

    /// <summary>Message ids: 1..max bytes of printable ASCII without spaces.</summary>
    public static string? MessageId(ReadOnlySpan<byte> value, int maxBytes, out string id)
    {
        id = "";
        if (value.IsEmpty || value.Length > maxBytes)
        {
            return $"id must be 1 to {maxBytes} bytes";
        }

        foreach (var b in value)
        {
            if (b is < 0x21 or > 0x7E)
            {
                return "id must be printable ASCII";
            }
        }

        id = Encoding.ASCII.GetString(value);
        return null;
    }

    /// <summary>A non-negative decimal integer without sign, at most long.MaxValue.</summary>
    public static string? Number(ReadOnlySpan<byte> token, string what, out long value)
    {
        value = 0;
        if (token.IsEmpty || token.Length > 19)
        {
            return $"{what} must be a non-negative integer";
        }

        foreach (var b in token)
        {
            if (b is < (byte)'0' or > (byte)'9')
            {
                return $"{what} must be a non-negative integer";
            }

            var next = (value * 10) + (b - '0');
            if (next < value)
            {
                return $"{what} is too large";
            }

            value = next;
        }

        return null;
    }

    /// <summary>A count from 0 to max.</summary>
    public static string? Count(ReadOnlySpan<byte> token, string what, int max, out int count)
    {
        count = 0;
        if (Number(token, what, out var value) is { } error)
        {
            return error;
        }

        if (value > max)
        {
            return $"{what} must be at most {max}";
        }

        count = (int)value;
        return null;
    }

    /// <summary>Unix milliseconds (all digits) or ISO-8601 (UTC unless an offset is given).</summary>
    public static string? Time(ReadOnlySpan<byte> token, string what, out long unixMs)
    {
        unixMs = 0;
        if (token.Length > 0 && token.IndexOfAnyExceptInRange((byte)'0', (byte)'9') < 0)
        {
            if (Number(token, what, out unixMs) is null && unixMs <= MaxUnixMs)
            {
                return null;
            }

            return $"{what} is out of range";
        }

        if (token.Length <= 40
            && DateTimeOffset.TryParseExact(
                Encoding.UTF8.GetString(token),
                IsoFormats,
                CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal,
                out var time)
            && time >= DateTimeOffset.UnixEpoch)
        {
            unixMs = time.ToUnixTimeMilliseconds();
            return null;
        }

        return $"{what} must be unix milliseconds or ISO-8601 like 2025-01-31T12:00:00Z";
    }

    /// <summary><c>forever</c>, a message count, or an age with unit s, m, h or d.</summary>
    public static string? Retention(ReadOnlySpan<byte> token, out TopicRetention retention)
    {
        retention = TopicRetention.Forever;
        if (Ascii.EqualsIgnoreCase(token, "forever"u8))
        {
            return null;
        }

        const string Usage = "retention must be 'forever', a message count, or an age like 30s, 15m, 24h, 7d";
        if (token.IsEmpty)
        {
            return Usage;
        }

        var unit = (byte)(token[^1] | 0x20);
        var isAge = unit is (byte)'s' or (byte)'m' or (byte)'h' or (byte)'d';
        if (Number(isAge ? token[..^1] : token, "retention", out var amount) is not null || amount == 0)
        {
            return Usage;
        }

        if (!isAge)
        {
            retention = TopicRetention.Messages(amount);
            return null;
        }

        var seconds = unit switch { (byte)'s' => 1L, (byte)'m' => 60L, (byte)'h' => 3600L, _ => 86400L };
        if (amount > TimeSpan.MaxValue.TotalSeconds / seconds / 2)
        {
            return "retention age is too large";
        }

        retention = TopicRetention.Age(TimeSpan.FromSeconds(amount * seconds));
        return null;
    }

    /// <summary><c>1|true|yes</c> or <c>0|false|no</c>.</summary>
    public static string? Flag(ReadOnlySpan<byte> value, string what, out bool flag)
    {
        flag = Ascii.EqualsIgnoreCase(value, "1"u8) || Ascii.EqualsIgnoreCase(value, "true"u8) || Ascii.EqualsIgnoreCase(value, "yes"u8);
        var off = Ascii.EqualsIgnoreCase(value, "0"u8) || Ascii.EqualsIgnoreCase(value, "false"u8) || Ascii.EqualsIgnoreCase(value, "no"u8);
        return flag || off ? null : $"{what} must be 1 or 0";
    }

    /// <summary><c>auto</c> or <c>binary</c>.</summary>
    public static string? Format(ReadOnlySpan<byte> value, out DeliveryFormat format)
    {
        format = Ascii.EqualsIgnoreCase(value, "binary"u8) ? DeliveryFormat.Binary : DeliveryFormat.Auto;
        return format == DeliveryFormat.Binary || Ascii.EqualsIgnoreCase(value, "auto"u8)
            ? null
            : "format must be auto or binary";
    }

    /// <summary>Splits <c>key=value</c>; false when the token has no '='.</summary>
    public static bool TrySplitOption(ReadOnlySpan<byte> token, out ReadOnlySpan<byte> key, out ReadOnlySpan<byte> value)
    {
        var equals = token.IndexOf((byte)'=');
        key = equals < 0 ? token : token[..equals];
        value = equals < 0 ? default : token[(equals + 1)..];
        return equals >= 0;
    }

    /// <summary>A client's token quoted in an error: decoded (lines are valid UTF-8 by then) and cut short.</summary>
    public static string Show(ReadOnlySpan<byte> token)
    {
        var text = Encoding.UTF8.GetString(token[..Math.Min(token.Length, 160)]);
        return text.Length <= 40 ? text : string.Concat(text.AsSpan(0, 40), "…");
    }

    private static bool IsNameByte(byte b) =>
        b is (>= (byte)'a' and <= (byte)'z') or (>= (byte)'A' and <= (byte)'Z') or (>= (byte)'0' and <= (byte)'9')
            or (byte)'.' or (byte)'_' or (byte)'-' or (byte)'/';
}
