using System.Globalization;
using System.Text.RegularExpressions;

namespace Wiber.Cli;

/// <summary>
/// A point in time on the command line: unix milliseconds (<c>1718000000123</c>), ISO-8601
/// (<c>2024-06-01T12:00:00Z</c>, <c>2024-06-01</c>; no offset means UTC), or an age meaning that long ago
/// (<c>90s</c>, <c>15m</c>, <c>2h</c>, <c>7d</c>).
/// </summary>
internal static partial class TimeArgument
{
    public const string Forms = "unix ms, ISO-8601 (2024-06-01T12:00:00Z) or an age (90s, 15m, 2h, 7d)";

    public static bool TryParse(string text, DateTimeOffset now, out DateTimeOffset value)
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        if (Age().Match(text) is { Success: true } age)
        {
            var amount = long.Parse(age.Groups["n"].Value, NumberStyles.None, CultureInfo.InvariantCulture);
            var unit = age.Groups["unit"].Value switch
            {
                "s" => TimeSpan.FromSeconds(1),
                "m" => TimeSpan.FromMinutes(1),
                "h" => TimeSpan.FromHours(1),
                _ => TimeSpan.FromDays(1),
            };
            if (amount > 36_500 * TimeSpan.TicksPerDay / unit.Ticks)
            {
                return false;
            }

            value = now - (unit * amount);
            return true;
        }

        if (text.All(char.IsAsciiDigit))
        {
            if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var ms) || ms > 253402300799999)
            {
                return false;
            }

            value = DateTimeOffset.FromUnixTimeMilliseconds(ms);
            return true;
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out value)
            && text.Contains('-', StringComparison.Ordinal);
    }

    [GeneratedRegex("^(?<n>[0-9]{1,12})(?<unit>[smhd])$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Age();
}
