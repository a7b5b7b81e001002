using System.CommandLine;
using System.Runtime.CompilerServices;

[assembly: InternalsVisibleTo("wiber-bench")]

namespace Wiber.Cli.Commands.Bench;

/// <summary>
/// Runs <c>wiber bench …</c> in-process: through <see cref="WiberCli"/> once the verb is registered there, else
/// through a root holding only the global options and <c>bench</c>, with the same error handling (one
/// <c>wiber:</c> line, exit 2 for bad input). Used by the tests and by <c>bench/compare</c>'s host.
/// </summary>
internal static class BenchStandalone
{
    /// <summary>Whether <c>wiber</c> itself has the <c>bench</c> verb.</summary>
    public static bool RegisteredInCli(CliConsole console) => WiberCli.CreateRoot(console).Subcommands.Any(c => c.Name == "bench");

    /// <summary><paramref name="args"/> as given after <c>wiber</c> (starting with <c>bench</c>).</summary>
    public static async Task<int> RunAsync(string[] args, CliConsole console, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(console);
        if (RegisteredInCli(console))
        {
            return await WiberCli.RunAsync(args, console, cancellationToken).ConfigureAwait(false);
        }

        var root = new RootCommand("wiber bench (standalone host until the verb is registered in wiber)");
        GlobalOptions.AddTo(root);
        root.Add(BenchCommandDefinition.Create(console));
        var parseResult = root.Parse(args);
        if (parseResult.Errors.Count > 0)
        {
            var verb = parseResult.CommandResult.Command is RootCommand ? "wiber" : "wiber " + parseResult.CommandResult.Command.Name;
            console.Error.WriteLine($"wiber: {parseResult.Errors[0].Message.ReplaceLineEndings(" ")} (see '{verb} --help')");
            return ExitCodes.Usage;
        }

        return await parseResult.InvokeAsync(new InvocationConfiguration { Output = console.Out, Error = console.Error, EnableDefaultExceptionHandler = false }, cancellationToken).ConfigureAwait(false);
    }
}
