using System.Globalization;

namespace Wiber.Broker.Configuration;

/// <summary>
/// Byte counts as written in the configuration: a whole number of bytes (<c>1048576</c>) or with a
/// binary unit (<c>64KiB</c>, <c>1MiB</c>, <c>2GiB</c>). Decimal units (MB) are refused so nobody has to
/// wonder whether 1MB is 10^6 or 2^20.
/// </summary>
public static class ByteSizeText
{
    private static readonly (string Suffix, long Bytes)[] Units =
    [
        ("KiB", 1L << 10),
        ("MiB", 1L << 20),
        ("GiB", 1L << 30),
    ];

    public static bool TryParse(string? text, out long bytes)
    {
        bytes = 0;
        var trimmed = text?.Trim() ?? string.Empty;
        var multiplier = 1L;
        foreach (var (suffix, unit) in Units)
        {
            if (trimmed.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
            {
                trimmed = trimmed[..^suffix.Length].TrimEnd();
                multiplier = unit;
                break;
            }
        }
        if (!long.TryParse(trimmed, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value > long.MaxValue / multiplier)
        {
            return false;
        }
        bytes = value * multiplier;
        return true;
    }

    public static string Format(long bytes)
    {
        for (var i = Units.Length - 1; i >= 0; i--)
        {
            if (bytes != 0 && bytes % Units[i].Bytes == 0)
            {
                return string.Create(CultureInfo.InvariantCulture, $"{bytes / Units[i].Bytes}{Units[i].Suffix}");
            }
        }
        return bytes.ToString(CultureInfo.InvariantCulture);
    }
}
