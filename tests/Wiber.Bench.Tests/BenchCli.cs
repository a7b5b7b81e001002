using System.Text.Json;
using Wiber.Cli;
using Wiber.Cli.Commands.Bench;

namespace Wiber.Bench.Tests;

/// <summary>One in-process run of <c>wiber bench …</c> (through wiber itself once the verb is registered there).</summary>
internal sealed record BenchCli(int ExitCode, string Out, string Error)
{
    public override string ToString() => $"exit {ExitCode}\nstdout:\n{Out}\nstderr:\n{Error}";

    public static async Task<BenchCli> RunAsync(string directory, IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        using var input = new StringReader("");
        var console = new CliConsole(output, error, input, InputRedirected: false, name => environment is not null && environment.TryGetValue(name, out var v) ? v : null, OutputIsTerminal: false, WorkingDirectory: directory);
        var code = await BenchStandalone.RunAsync(args, console, TestContext.Current.CancellationToken);
        return new BenchCli(code, output.ToString(), error.ToString());
    }

    public JsonElement Json => JsonDocument.Parse(Out.Trim()).RootElement.Clone();

    public void AssertUsageError(string mentions)
    {
        Assert.True(ExitCode == 2, ToString());
        var lines = Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length == 1 && lines[0].StartsWith("wiber: ", StringComparison.Ordinal), ToString());
        Assert.Contains(mentions, lines[0], StringComparison.Ordinal);
        Assert.Equal("", Out);
    }
}
