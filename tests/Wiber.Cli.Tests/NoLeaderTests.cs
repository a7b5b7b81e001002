namespace Wiber.Cli.Tests;

/// <summary><c>status</c> and <c>ping</c> are most needed when there is no leader: they must work then too.</summary>
public sealed class NoLeaderTests
{
    [Fact]
    public async Task Status_and_ping_answer_from_a_node_that_has_no_quorum()
    {
        await using var cluster = new LocalCluster();
        await cluster.StartAsync(0);   // one node of three: it can never elect a leader

        var status = await Cli.RunAsync(["status", "--json", "--timeout", "1", "--servers", string.Join(',', cluster.Servers)]);
        Assert.Equal(0, status.ExitCode);
        var up = Assert.Single(status.JsonLines, row => row.GetProperty("error").ValueKind == System.Text.Json.JsonValueKind.Null);
        Assert.Equal("n1", up.GetProperty("node").GetString());
        Assert.NotEqual("leader", up.GetProperty("role").GetString());
        Assert.Equal(2, status.JsonLines.Count(row => row.GetProperty("error").ValueKind == System.Text.Json.JsonValueKind.String));

        var ping = await Cli.RunAsync(["ping", "--json", "--timeout", "1", "--servers", cluster.Servers[0]]);
        Assert.Equal(0, ping.ExitCode);
        Assert.True(Assert.Single(ping.JsonLines).GetProperty("ok").GetBoolean());
    }
}
