using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace Wiber.Cli;

/// <summary>Validators shared by verbs, so every range error reads the same way.</summary>
internal static class CliValidation
{
    /// <summary>Adds a range check to a numeric option (a token that is not a number is already a parse error).</summary>
    public static Option<T?> InRange<T>(Option<T?> option, long min, long max)
        where T : struct
    {
        option.Validators.Add((OptionResult r) =>
        {
            if (r.Tokens.Count == 1 && long.TryParse(r.Tokens[0].Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number)
                && (number < min || number > max))
            {
                var range = max == long.MaxValue ? $"{min} or more" : $"{min}..{max}";
                r.AddError($"{option.Name} must be {range}, was {number.ToString(CultureInfo.InvariantCulture)}");
            }
        });
        return option;
    }
}
