namespace Wiber.Cli.Tests;

/// <summary>What the CLI does without a cluster: completion, time arguments, tables, bad config files.</summary>
public sealed class OfflineTests
{
    [Theory]
    [InlineData("bash", "complete -o default -F _wiber_complete wiber")]
    [InlineData("zsh", "compdef _wiber wiber")]
    [InlineData("pwsh", "Register-ArgumentCompleter -Native -CommandName wiber")]
    public async Task Completion_PrintsAScriptThatCallsTheSuggestDirective(string shell, string marker)
    {
        var run = await Cli.RunAsync(["completion", shell]);
        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        Assert.Contains(marker, run.Out, StringComparison.Ordinal);
        Assert.Contains("[suggest:", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SuggestDirective_CompletesVerbsAndOptions()
    {
        var verbs = await Cli.RunAsync(["[suggest:8]", "wiber t"]);
        Assert.Contains("topics", verbs.OutLines);
        var options = await Cli.RunAsync(["[suggest:15]", "wiber sub x --g"]);
        Assert.Contains("--group", options.OutLines);
    }

    [Fact]
    public async Task Completion_ForAnUnknownShell_IsAUsageError()
    {
        var run = await Cli.RunAsync(["completion", "fish"]);
        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        BadInputTests.AssertOneErrorLine(run, "fish");
    }

    [Theory]
    [InlineData("1718000000123", 1718000000123L)]
    [InlineData("2024-06-01T12:00:00Z", 1717243200000L)]
    [InlineData("2024-06-01T14:00:00+02:00", 1717243200000L)]
    [InlineData("2024-06-01", 1717200000000L)]
    public void TimeArgument_ParsesAbsoluteTimes(string text, long expectedMs)
    {
        Assert.True(TimeArgument.TryParse(text, DateTimeOffset.UnixEpoch, out var value));
        Assert.Equal(expectedMs, value.ToUnixTimeMilliseconds());
    }

    [Theory]
    [InlineData("90s", 90_000L)]
    [InlineData("15m", 900_000L)]
    [InlineData("2h", 7_200_000L)]
    [InlineData("7d", 604_800_000L)]
    public void TimeArgument_AnAgeMeansThatLongAgo(string text, long agoMs)
    {
        var now = DateTimeOffset.FromUnixTimeMilliseconds(2_000_000_000_000);
        Assert.True(TimeArgument.TryParse(text, now, out var value));
        Assert.Equal(agoMs, (now - value).TotalMilliseconds);
    }

    [Theory]
    [InlineData("")]
    [InlineData("yesterday")]
    [InlineData("15x")]
    [InlineData("-5m")]
    [InlineData("99999999999999999999")]
    [InlineData("999999999999d")]
    public void TimeArgument_RejectsWhatIsNotATime(string text) => Assert.False(TimeArgument.TryParse(text, DateTimeOffset.UtcNow, out _));

    [Fact]
    public async Task History_WithABadSince_IsAUsageErrorNamingTheOption()
    {
        var run = await Cli.RunAsync(["history", "t", "--since", "yesterday", "--servers", "127.0.0.1:1"]);
        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        BadInputTests.AssertOneErrorLine(run, "--since");
    }

    [Fact]
    public void Table_PadsColumnsAndNeverEndsALineWithSpaces()
    {
        var table = new Output.Table("A", "LONGER", "C").Add("wide cell", "x", "").Add("y", "z", "last");
        using var output = new StringWriter();
        table.Write(output, color: false);
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("A          LONGER  C", lines[0].TrimEnd('\r'));
        Assert.Equal("wide cell  x", lines[1].TrimEnd('\r'));
        Assert.Equal("y          z       last", lines[2].TrimEnd('\r'));
    }

    [Fact]
    public async Task ABrokenConfigFile_IsAUsageErrorNamingTheFile()
    {
        var directory = Directory.CreateTempSubdirectory("wiber-cli-badconfig-");
        try
        {
            Directory.CreateDirectory(Path.Combine(directory.FullName, "config"));
            await File.WriteAllTextAsync(Path.Combine(directory.FullName, "config", "cluster.yaml"), "nodes:\n  - id: n1\n    client_port: lots\n", TestContext.Current.CancellationToken);
            var run = await Cli.RunAsync(["ping"], directory: directory.FullName);
            Assert.Equal(ExitCodes.Usage, run.ExitCode);
            BadInputTests.AssertOneErrorLine(run, "client_port");
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task RateWithoutCount_IsAUsageError()
    {
        var run = await Cli.RunAsync(["pub", "t", "x", "--rate", "5"]);
        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        BadInputTests.AssertOneErrorLine(run, "--rate needs --count");
    }
}
