using System.CommandLine;

namespace Wiber.Cli.Commands.Status;

/// <summary>The options of <c>wiber status</c> (only the global ones).</summary>
internal static class StatusCommandDefinition
{
    public static Command Create(CliConsole console)
    {
        var command = new Command("status", """
            Show every server's STATUS: node, role, term, leader, commit, applied, fsync.
            Exits 0 when at least one server answered; unreachable servers are listed with their error.

            Examples:
              wiber status
              wiber status --json --servers 127.0.0.1:7001,127.0.0.1:7002,127.0.0.1:7003
            """);
        command.SetAction((parseResult, ct) => CommandRunner.RunAsync(console, parseResult, _ => new StatusCommand(), ct));
        return command;
    }
}
