using System.CommandLine;
using Wiber.Cli.Commands.History;

namespace Wiber.Cli.Commands.Sub;

/// <summary>The options and arguments of <c>wiber sub</c>.</summary>
internal static class SubCommandDefinition
{
    public static readonly Argument<string> Topic = new("topic") { Description = "The topic to follow" };

    public static readonly Option<long?> From = CliValidation.InRange(new Option<long?>("--from") { Description = "Start at this offset (0 = the beginning)", HelpName = "offset" }, 0, long.MaxValue);

    public static readonly Option<long?> Last = CliValidation.InRange(new Option<long?>("--last", "-n") { Description = "Start with the last N messages, then follow", HelpName = "N" }, 0, long.MaxValue);

    public static readonly Option<bool> New = new("--new") { Description = "Only messages published from now on (the default without --group)" };

    public static readonly Option<string?> Group = new("--group", "-g")
    {
        Description = "Consume as this group: start after the group's last acknowledged offset, and acknowledge what was printed",
        HelpName = "name",
    };

    public static readonly Option<long?> Count = CliValidation.InRange(new Option<long?>("--count", "-c") { Description = "Exit after N messages (default: follow until Ctrl+C)", HelpName = "N" }, 1, long.MaxValue);

    public static Command Create(CliConsole console)
    {
        var command = new Command("sub", """
            Follow a topic: print every message as it is committed. Survives the loss of a node: it resumes
            on another one after the last printed offset, with no gap and no duplicate.

            Examples:
              wiber sub chat                       new messages from now on
              wiber sub chat --from 0              everything, then follow
              wiber sub chat --last 10 --count 10  the last ten, then exit
              wiber sub orders --group billing     resume where the group stopped; acknowledges as it prints
              wiber sub chat --json | jq .payload
            """)
        {
            Topic,
            From,
            Last,
            New,
            Group,
            Count,
        };
        command.Validators.Add(r =>
        {
            var starts = new[] { r.GetResult(From) is { Implicit: false }, r.GetResult(Last) is { Implicit: false }, r.GetResult(New) is { Implicit: false } }.Count(x => x);
            if (starts > 1)
            {
                r.AddError("--from, --last and --new cannot be combined");
            }
        });
        command.SetAction((parseResult, ct) => CommandRunner.RunAsync(console, parseResult, SubCommand.Create, ct));
        return command;
    }
}
