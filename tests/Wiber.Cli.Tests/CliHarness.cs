using System.Text.Json;
namespace Wiber.Cli.Tests;

/// <summary>The result of one in-process run of <c>wiber</c>.</summary>
internal sealed record CliRun(int ExitCode, string Out, string Error)
{
    public string[] OutLines => Out.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public JsonElement[] JsonLines => [.. OutLines.Select(l => JsonDocument.Parse(l).RootElement.Clone())];

    public override string ToString() => $"exit {ExitCode}\nstdout:\n{Out}\nstderr:\n{Error}";
}

/// <summary>Runs the CLI's entry point in-process with captured stdout/stderr.</summary>
internal static class Cli
{
    public static async Task<CliRun> RunAsync(string[] args, string? stdin = null, IReadOnlyDictionary<string, string>? environment = null, string? directory = null, bool terminal = false)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        using var input = new StringReader(stdin ?? "");
        var console = new CliConsole(
            output,
            error,
            input,
            stdin is not null,
            name => environment is not null && environment.TryGetValue(name, out var v) ? v : null,
            OutputIsTerminal: terminal,
            WorkingDirectory: directory ?? Path.GetTempPath());
        var code = await WiberCli.RunAsync(args, console, TestContext.Current.CancellationToken);
        return new CliRun(code, output.ToString(), error.ToString());
    }

    /// <summary>Runs against the cluster: <c>--servers</c> of its nodes appended.</summary>
    public static Task<CliRun> RunAsync(LocalCluster cluster, params string[] args) =>
        RunAsync([.. args, "--servers", string.Join(',', cluster.Servers)]);

    public static string[] FieldNames(JsonElement element) => [.. element.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal)];
}

/// <summary>One 3-node cluster shared by the tests of a class.</summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    internal LocalCluster Cluster { get; } = new();

    public async ValueTask InitializeAsync()
    {
        await Cluster.StartAllAsync();
        await Cluster.WaitForLeaderAsync(TimeSpan.FromSeconds(10));
    }

    public async ValueTask DisposeAsync() => await Cluster.DisposeAsync();
}
