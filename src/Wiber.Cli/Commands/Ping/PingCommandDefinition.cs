using System.CommandLine;

namespace Wiber.Cli.Commands.Ping;

/// <summary>The options of <c>wiber ping</c> (only the global ones).</summary>
internal static class PingCommandDefinition
{
    public static Command Create(CliConsole console)
    {
        var command = new Command("ping", """
            PING every server and show the round trip. Exits 3 unless every server answered.

            Examples:
              wiber ping
              wiber ping --json --servers 127.0.0.1:7001
            """);
        command.SetAction((parseResult, ct) => CommandRunner.RunAsync(console, parseResult, _ => new PingCommand(), ct));
        return command;
    }
}
