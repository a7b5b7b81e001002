using System.Text.Json;
using Wiber.Cli;

namespace Wiber.Lab.Tests;

/// <summary>One in-process run of <c>wiber</c> in a working directory (so <c>./.wiber-lab</c> is found as a user would).</summary>
internal sealed record CliRun(int ExitCode, string Out, string Error)
{
    public string[] OutLines => Out.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public JsonElement[] JsonLines => [.. OutLines.Select(l => JsonDocument.Parse(l).RootElement.Clone())];

    public static string[] FieldNames(JsonElement element) => [.. element.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal)];

    public override string ToString() => $"exit {ExitCode}\nstdout:\n{Out}\nstderr:\n{Error}";

    public static async Task<CliRun> RunAsync(string directory, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        using var input = new StringReader("");
        var console = new CliConsole(output, error, input, InputRedirected: false, _ => null, OutputIsTerminal: false, WorkingDirectory: directory);
        var code = await WiberCli.RunAsync(args, console, TestContext.Current.CancellationToken);
        return new CliRun(code, output.ToString(), error.ToString());
    }

    /// <summary>Asserts the run failed with the code and exactly one <c>wiber:</c> line on stderr mentioning the text.</summary>
    public void AssertFailed(int code, string mentions)
    {
        Assert.True(ExitCode == code, ToString());
        var lines = Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length == 1 && lines[0].StartsWith("wiber: ", StringComparison.Ordinal), ToString());
        Assert.Contains(mentions, lines[0], StringComparison.Ordinal);
    }
}
