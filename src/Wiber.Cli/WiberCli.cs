using System.CommandLine;
using System.Text.RegularExpressions;
using Wiber.Cli.Commands.History;
using Wiber.Cli.Commands.Ping;
using Wiber.Cli.Commands.Pub;
using Wiber.Cli.Commands.Status;

namespace Wiber.Cli;

/// <summary>The entry point of <c>wiber</c>, callable in-process with any console (tests do).</summary>
internal static class WiberCli
{
    public static RootCommand CreateRoot(CliConsole console)
    {
        var root = new RootCommand("""
            wiber — talk to a Wiber cluster.

            Examples:
              wiber pub chat "Hello world"
              wiber history chat --last 5 --json
              wiber status --servers 127.0.0.1:7001,127.0.0.1:7002
            """);
        GlobalOptions.AddTo(root);
        root.Add(PubCommandDefinition.Create(console));
        root.Add(HistoryCommandDefinition.Create(console));
        root.Add(StatusCommandDefinition.Create(console));
        root.Add(PingCommandDefinition.Create(console));
        return root;
    }

    /// <summary>The parser's conversion error without the .NET type name.</summary>
    private static string Friendly(string message)
    {
        var match = Regex.Match(message, "^Cannot parse argument '(?<value>.*)' for (option|command) '(?<name>[^']*)'", RegexOptions.None, TimeSpan.FromSeconds(1));
        return match.Success ? $"{match.Groups["name"].Value}: '{match.Groups["value"].Value}' is not a valid number" : message.ReplaceLineEndings(" ");
    }

    public static async Task<int> RunAsync(string[] args, CliConsole console, CancellationToken cancellationToken)
    {
        var parseResult = CreateRoot(console).Parse(args);
        if (parseResult.Errors.Count > 0)
        {
            var verb = parseResult.CommandResult.Command is RootCommand ? "wiber" : "wiber " + parseResult.CommandResult.Command.Name;
            console.Error.WriteLine($"wiber: {Friendly(parseResult.Errors[0].Message)} (see '{verb} --help')");
            return ExitCodes.Usage;
        }

        var invocation = new InvocationConfiguration
        {
            Output = console.Out,
            Error = console.Error,
            EnableDefaultExceptionHandler = false,
        };
        return await parseResult.InvokeAsync(invocation, cancellationToken).ConfigureAwait(false);
    }
}
