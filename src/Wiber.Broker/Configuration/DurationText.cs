using System.Globalization;

namespace Wiber.Broker.Configuration;

/// <summary>
/// Durations as written in the configuration: a whole number and a unit, <c>150ms</c>, <c>2s</c>,
/// <c>1m</c> (also <c>h</c>). A bare number is refused on purpose: "election_timeout: 1" could mean
/// one second or one millisecond, and guessing wrong makes a cluster that never elects a leader.
/// </summary>
public static class DurationText
{
    private static readonly (string Suffix, long Milliseconds)[] Units =
    [
        ("ms", 1),
        ("s", 1_000),
        ("m", 60_000),
        ("h", 3_600_000),
    ];

    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        var trimmed = text?.Trim() ?? string.Empty;
        foreach (var (suffix, unitMs) in Units)
        {
            if (!trimmed.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }
            var number = trimmed[..^suffix.Length];
            // "5ms" also ends with "s"; the ms unit is tried first, and "5m" must not parse as "5" + "ms".
            if (long.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
                && value <= long.MaxValue / unitMs / TimeSpan.TicksPerMillisecond)
            {
                duration = TimeSpan.FromMilliseconds(value * unitMs);
                return true;
            }
            return false;
        }
        return false;
    }

    /// <summary>The shortest form with a whole number, e.g. <c>1s</c>, <c>150ms</c>, <c>2m</c>.</summary>
    public static string Format(TimeSpan duration)
    {
        var ms = (long)duration.TotalMilliseconds;
        for (var i = Units.Length - 1; i > 0; i--)
        {
            if (ms != 0 && ms % Units[i].Milliseconds == 0)
            {
                return string.Create(CultureInfo.InvariantCulture, $"{ms / Units[i].Milliseconds}{Units[i].Suffix}");
            }
        }
        return string.Create(CultureInfo.InvariantCulture, $"{ms}ms");
    }
}
