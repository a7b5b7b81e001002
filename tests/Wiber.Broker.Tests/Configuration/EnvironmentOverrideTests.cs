using Wiber.Broker.Configuration;
using Wiber.Storage;

namespace Wiber.Broker.Tests.Configuration;

public sealed class EnvironmentOverrideTests
{
    private static ClusterConfig Parse(params (string Name, string Value)[] variables) =>
        ClusterConfig.Parse(ConfigText.With("storage: { fsync: always }"), variables.ToDictionary(v => v.Name, v => v.Value));

    private static string OnlyError(params (string Name, string Value)[] variables)
    {
        var result = ClusterConfig.TryParse(ConfigText.Minimal, variables.ToDictionary(v => v.Name, v => v.Value));
        return Assert.Single(result.Errors);
    }

    [Fact]
    public void Section_and_key_are_separated_by_a_double_underscore()
    {
        var config = Parse(("WIBER_RAFT__ELECTION_TIMEOUT", "2s"), ("WIBER_STORAGE__FSYNC", "never"), ("WIBER_CLOCK__ALLOW_SKEW", "true"));

        Assert.Equal(TimeSpan.FromSeconds(2), config.Raft.ElectionTimeout);
        Assert.Same(FsyncPolicy.Never, config.Storage.Fsync);
        Assert.True(config.Clock.AllowSkew);
    }

    [Fact]
    public void A_node_is_named_by_its_id()
    {
        var config = Parse(("WIBER_NODES__N2__CLIENT_PORT", "17002"), ("WIBER_NODES__N3__ADVERTISE__PEER_FROM__N1", "127.0.0.1:18013"));

        Assert.Equal(17002, config.FindNode("n2")!.ClientPort);
        Assert.Equal(new HostPort("127.0.0.1", 18013), config.FindNode("n3")!.PeerAddressFor("n1"));
        Assert.Equal(new HostPort("127.0.0.1", 7103), config.FindNode("n3")!.PeerAddressFor("n2"));
    }

    [Fact]
    public void Cluster_id_is_the_one_top_level_value()
    {
        Assert.Equal("other", Parse(("WIBER_CLUSTER_ID", "other")).ClusterId);
    }

    [Fact]
    public void Names_are_case_insensitive_and_empty_values_and_foreign_names_are_ignored()
    {
        var config = Parse(
            ("wiber_raft__heartbeat", "200ms"),
            ("WIBER_LIMITS__MAX_TOPICS", ""),
            ("WIBER_LAB_DIR", "/tmp/lab"),
            ("WIBER_ID", "n1"),
            ("PATH", "/usr/bin"));

        Assert.Equal(TimeSpan.FromMilliseconds(200), config.Raft.Heartbeat);
        Assert.Equal(new LimitSettings().MaxTopics, config.Limits.MaxTopics);
    }

    [Fact]
    public void An_overridden_value_passes_the_same_checks_and_names_its_variable()
    {
        Assert.Equal(
            "raft.election_timeout: \"abc\" is not a duration (write e.g. 150ms, 2s, 1m) (from WIBER_RAFT__ELECTION_TIMEOUT)",
            OnlyError(("WIBER_RAFT__ELECTION_TIMEOUT", "abc")));
        Assert.Equal(
            "nodes[1].client_port: 7001 is already used by nodes[0].client_port (from WIBER_NODES__N2__CLIENT_PORT)",
            OnlyError(("WIBER_NODES__N2__CLIENT_PORT", "7001")));
    }

    [Fact]
    public void A_misspelt_variable_is_an_unknown_key_not_silence()
    {
        Assert.Equal(
            "raft.electon_timeout: unknown key (did you mean 'election_timeout'?) (from WIBER_RAFT__ELECTON_TIMEOUT)",
            OnlyError(("WIBER_RAFT__ELECTON_TIMEOUT", "2s")));
        Assert.StartsWith("raftt: unknown key", OnlyError(("WIBER_RAFTT__TICK", "2s")), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("WIBER_NODES__N9__HOST", "WIBER_NODES__N9__HOST: no node with id 'n9' in nodes")]
    [InlineData("WIBER_NODES__N1", "WIBER_NODES__N1: names a whole node; name one of its settings")]
    [InlineData("WIBER_CLUSTER_ID__X", "WIBER_CLUSTER_ID__X: cluster_id is a single value, it has no setting 'x'")]
    [InlineData("WIBER_RAFT____TICK", "WIBER_RAFT____TICK: not a configuration path")]
    public void Paths_that_lead_nowhere_are_reported(string name, string expected) =>
        Assert.StartsWith(expected, OnlyError((name, "1")), StringComparison.Ordinal);
}
