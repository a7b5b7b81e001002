using System.Globalization;
using System.Text.RegularExpressions;
using Wiber.Lab.State;

namespace Wiber.Lab;

/// <summary>Durations and signed offsets on the lab's command line: <c>200ms</c>, <c>1.5s</c>, <c>2m</c>, <c>-500ms</c>, <c>+2s</c>, <c>0</c>.</summary>
public static partial class Durations
{
    public static TimeSpan Parse(string text, string what, bool allowNegative = false)
    {
        var match = Pattern().Match(text ?? "");
        if (!match.Success || !double.TryParse(match.Groups["n"].Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
        {
            throw new LabException(LabErrorKind.Usage, $"{what}: '{text}' is not a duration (e.g. 200ms, 1.5s, 2m)");
        }

        var unit = match.Groups["unit"].Value;
        if (unit.Length == 0 && number != 0)
        {
            throw new LabException(LabErrorKind.Usage, $"{what}: '{text}' needs a unit (ms, s or m)");
        }

        var ms = number * unit switch { "s" => 1000, "m" => 60_000, "h" => 3_600_000, _ => 1 };
        if (match.Groups["sign"].Value == "-")
        {
            ms = -ms;
        }

        if ((ms < 0 && !allowNegative) || Math.Abs(ms) > 86_400_000)
        {
            throw new LabException(LabErrorKind.Usage, $"{what}: '{text}' must be {(allowNegative ? "within ±24h" : "0 or more, at most 24h")}");
        }

        return TimeSpan.FromMilliseconds(ms);
    }

    [GeneratedRegex("^(?<sign>[+-]?)(?<n>[0-9]+(\\.[0-9]+)?)(?<unit>ms|s|m|h)?$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Pattern();
}
