using System.Net;
using System.Net.Sockets;

namespace Wiber.Cli.Tests;

/// <summary>Bad input without a cluster: one clear stderr line, the documented exit code, no stack trace.</summary>
public sealed class BadInputTests
{
    internal static void AssertOneErrorLine(CliRun run, string contains)
    {
        var lines = run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length == 1, run.ToString());
        Assert.StartsWith("wiber: ", lines[0], StringComparison.Ordinal);
        Assert.Contains(contains, lines[0], StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
    }

    private static string ClosedServer()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return $"127.0.0.1:{port}";
    }

    [Theory]
    [InlineData("status", "--servers", "nope")]
    [InlineData("status", "--servers", "127.0.0.1:7001,host:99999")]
    [InlineData("ping", "--servers", "127.0.0.1:")]
    public async Task MalformedServers_IsAUsageError(params string[] args)
    {
        var run = await Cli.RunAsync(args);
        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        AssertOneErrorLine(run, "--servers");
    }

    [Fact]
    public async Task MalformedServersVariable_IsAUsageError()
    {
        var run = await Cli.RunAsync(["ping"], environment: new Dictionary<string, string> { ["WIBER_SERVERS"] = "a:b" });
        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        AssertOneErrorLine(run, "$WIBER_SERVERS");
    }

    [Theory]
    [InlineData("history", "t", "--last", "abc")]
    [InlineData("history", "t", "--last", "0")]
    [InlineData("history", "t", "--last", "1001")]
    [InlineData("history", "t", "--from", "-1")]
    [InlineData("history", "t", "--from", "1", "--limit", "x")]
    [InlineData("history", "t", "--last", "3", "--from", "1")]
    [InlineData("history", "t", "--limit", "3")]
    [InlineData("ping", "--timeout", "0")]
    [InlineData("pub")]
    [InlineData("frobnicate")]
    [InlineData()]
    public async Task InvalidCommandLine_IsAUsageError(params string[] args)
    {
        var run = await Cli.RunAsync(args);
        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        AssertOneErrorLine(run, "--help");
    }

    [Fact]
    public async Task Pub_WithoutMessageOrStdin_IsAUsageError()
    {
        var run = await Cli.RunAsync(["pub", "t", "--servers", ClosedServer()]);
        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        AssertOneErrorLine(run, "stdin");
    }

    [Theory]
    [InlineData("ping")]
    [InlineData("status")]
    [InlineData("history", "t")]
    [InlineData("pub", "t", "m")]
    public async Task UnreachableCluster_ExitsUnavailable(params string[] args)
    {
        var run = await Cli.RunAsync([.. args, "--servers", ClosedServer(), "--timeout", "0.3"]);
        Assert.Equal(ExitCodes.Unavailable, run.ExitCode);
        AssertOneErrorLine(run, "cluster unavailable");
    }

    [Fact]
    public async Task Verbose_AddsTheStackTrace()
    {
        var run = await Cli.RunAsync(["history", "t", "--servers", ClosedServer(), "--timeout", "0.3", "--verbose"]);
        Assert.Equal(ExitCodes.Unavailable, run.ExitCode);
        Assert.Contains("WiberUnavailableException", run.Error, StringComparison.Ordinal);
        Assert.Contains("   at ", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("pub")]
    [InlineData("history")]
    [InlineData("status")]
    [InlineData("ping")]
    public async Task Help_OnEveryVerb_HasAnExample(string verb)
    {
        var run = await Cli.RunAsync([verb, "--help"]);
        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        Assert.Contains("Examples:", run.Out, StringComparison.Ordinal);
        Assert.Contains($"wiber {verb}", run.Out, StringComparison.Ordinal);
        Assert.Equal("", run.Error);
    }
}
