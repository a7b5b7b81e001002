using System.CommandLine;

namespace Wiber.Cli.Commands.History;

/// <summary>The options and arguments of <c>wiber history</c>.</summary>
internal static class HistoryCommandDefinition
{
    public const int MaxCount = 1000;

    public static readonly Argument<string> Topic = new("topic") { Description = "The topic to read" };

    public static readonly Option<int?> Last = CliValidation.InRange(new Option<int?>("--last", "-n") { Description = "The last N messages (1..1000; default 10)", HelpName = "N" }, 1, MaxCount);

    public static readonly Option<long?> From = CliValidation.InRange(new Option<long?>("--from") { Description = "Start at this offset (0 or more) instead of --last", HelpName = "offset" }, 0, long.MaxValue);

    public static readonly Option<int?> Limit = CliValidation.InRange(new Option<int?>("--limit") { Description = "With --from or --since: at most this many messages (1..1000; default 1000)", HelpName = "N" }, 1, MaxCount);

    public static readonly Option<string?> Since = new("--since") { Description = $"Messages committed at or after this time: {TimeArgument.Forms}", HelpName = "time" };

    public static readonly Option<string?> Until = new("--until") { Description = "Messages committed before this time (same forms as --since)", HelpName = "time" };

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
              wiber history chat --since 15m
              wiber history chat --since 2026-11-22T09:00:00Z --until 2026-11-22T10:00:00Z
            """)
        {
            Topic,
            Last,
            From,
            Limit,
            Since,
            Until,
            Linearizable,
        };
        command.Validators.Add(r =>
        {
            var explicitly = (System.CommandLine.Option o) => r.GetResult(o) is { Implicit: false };
            var selections = new[] { explicitly(Last), explicitly(From), explicitly(Since) || explicitly(Until) }.Count(x => x);
            if (selections > 1)
            {
                r.AddError("--last, --from and --since/--until cannot be combined");
            }
            else if (explicitly(Limit) && !explicitly(From) && !explicitly(Since) && !explicitly(Until))
            {
                r.AddError("--limit needs --from or --since (use --last N for the last N messages)");
            }
        });
        command.SetAction((parseResult, ct) => CommandRunner.RunAsync(console, parseResult, HistoryCommand.Create, ct));
        return command;
    }
}
