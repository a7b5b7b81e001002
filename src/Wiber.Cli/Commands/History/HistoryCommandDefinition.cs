using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace Wiber.Cli.Commands.History;

/// <summary>The options and arguments of <c>wiber history</c>.</summary>
internal static class HistoryCommandDefinition
{
    public const int MaxCount = 1000;

    public static readonly Argument<string> Topic = new("topic") { Description = "The topic to read" };

    public static readonly Option<int?> Last = InRange(new Option<int?>("--last", "-n") { Description = "The last N messages (1..1000; default 10)", HelpName = "N" }, 1, MaxCount);

    public static readonly Option<long?> From = InRange(new Option<long?>("--from") { Description = "Start at this offset (0 or more) instead of --last", HelpName = "offset" }, 0, long.MaxValue);

    public static readonly Option<int?> Limit = InRange(new Option<int?>("--limit") { Description = "With --from: at most this many messages (1..1000; default 1000)", HelpName = "N" }, 1, MaxCount);

    public static readonly Option<bool> Linearizable = new("--linearizable")
    {
        Description = "Confirm with the leader that the answer includes everything committed so far",
    };

    public static Command Create(CliConsole console)
    {
        var command = new Command("history", """
            Read the committed messages of a topic, oldest first.

            Examples:
              wiber history chat
              wiber history chat --last 50 --json
              wiber history chat --from 100 --limit 20
            """)
        {
            Topic,
            Last,
            From,
            Limit,
            Linearizable,
        };
        command.Validators.Add(r =>
        {
            if (r.GetResult(Last) is { Implicit: false } && r.GetResult(From) is { Implicit: false })
            {
                r.AddError("--last and --from cannot be combined");
            }
            else if (r.GetResult(Limit) is { Implicit: false } && r.GetResult(From) is null)
            {
                r.AddError("--limit needs --from (use --last N for the last N messages)");
            }
        });
        command.SetAction((parseResult, ct) => CommandRunner.RunAsync(console, parseResult, HistoryCommand.Create, ct));
        return command;
    }

    private static Option<T?> InRange<T>(Option<T?> option, long min, long max)
        where T : struct
    {
        option.Validators.Add((OptionResult r) =>
        {
            // A token that is not a number is already a parse error; only check numbers here.
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
