using System.CommandLine;
using System.Text.RegularExpressions;
using Wiber.Cli.Commands.Bench;
using Wiber.Cli.Commands.Completion;
using Wiber.Cli.Commands.History;
using Wiber.Cli.Commands.Lab;
using Wiber.Cli.Commands.Proxy;
using Wiber.Cli.Commands.Ping;
using Wiber.Cli.Commands.Pub;
using Wiber.Cli.Commands.Status;
using Wiber.Cli.Commands.Sub;
using Wiber.Cli.Commands.Topics;

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
              wiber sub chat --from 0
              wiber history chat --last 5 --json
              wiber topics
              wiber status --servers 127.0.0.1:7001,127.0.0.1:7002

            Servers: --servers, else $WIBER_SERVERS, else the lab in ./.wiber-lab, else ./config/cluster.yaml,
            else 127.0.0.1:7001-7003. Exit codes: 0 ok, 1 error, 2 usage, 3 cluster unavailable, 4 not found,
            5 publish failed, 6 publish outcome unknown, 7 no lab, 8 check failed (docs/cli.md).
            """);
        GlobalOptions.AddTo(root);
        root.Add(PubCommandDefinition.Create(console));
        root.Add(SubCommandDefinition.Create(console));
        root.Add(HistoryCommandDefinition.Create(console));
        root.Add(TopicsCommandDefinition.Create(console));
        root.Add(StatusCommandDefinition.Create(console));
        root.Add(PingCommandDefinition.Create(console));
        root.Add(BenchCommandDefinition.Create(console));
        root.Add(LabCommandDefinition.Create(console));
        root.Add(ProxyCommandDefinition.Create(console));
        root.Add(CompletionCommandDefinition.Create(console));
        return root;
    }

    /// <summary>The parser's conversion error without the .NET type name.</summary>
    private static string Friendly(string message)
    {
        var match = Regex.Match(message, "^Cannot parse argument '(?<value>.*)' for (option|command) '(?<name>[^']*)'", RegexOptions.None, TimeSpan.FromSeconds(1));
        return match.Success ? $"{match.Groups["name"].Value}: '{match.Groups["value"].Value}' is not a valid number" : message.ReplaceLineEndings(" ");
    }

    /// <summary>The shell completion scripts call <c>wiber [suggest:N] "line"</c>: a partial line is expected there, not an error.</summary>
    private static bool IsSuggestion(string[] args) => args.Length > 0 && args[0].StartsWith("[suggest", StringComparison.Ordinal);

    public static async Task<int> RunAsync(string[] args, CliConsole console, CancellationToken cancellationToken)
    {
        var parseResult = CreateRoot(console).Parse(args);
        if (parseResult.Errors.Count > 0 && !IsSuggestion(args))
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
