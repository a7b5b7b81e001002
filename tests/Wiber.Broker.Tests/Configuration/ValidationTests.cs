using Wiber.Broker.Configuration;

namespace Wiber.Broker.Tests.Configuration;

/// <summary>Every validation error: each names the field and the problem.</summary>
public sealed class ValidationTests
{
    private static string OnlyError(string yaml)
    {
        var result = ClusterConfig.TryParse(yaml);
        Assert.False(result.IsValid, "expected the configuration to be rejected");
        return Assert.Single(result.Errors);
    }

    private static string Node(string id, int client, int peer, int admin, string extra = "") => $"""
          - id: {id}
            client_port: {client}
            peer_port: {peer}
            admin_port: {admin}
        {extra}
        """;

    private static string Nodes(params string[] nodes) => "cluster_id: t\nnodes:\n" + string.Join("\n", nodes);

    [Theory]
    [InlineData("cluster_id: t\nnodes: [\n", "YAML syntax error at line")]
    [InlineData("", "the configuration is empty")]
    [InlineData("- a\n- b\n", "the configuration must be a mapping of settings")]
    [InlineData("nodes: []\n", "cluster_id: is required")]
    [InlineData("cluster_id: t\n", "nodes: is required")]
    [InlineData("cluster_id: t\nnodes: []\n", "nodes: must list at least one node")]
    [InlineData("cluster_id: t\nnodes: n1\n", "nodes: expected a list (lines starting with '- '), got the value \"n1\"")]
    [InlineData("cluster_id: t\nnodes:\n  - n1\n", "nodes[0]: expected a mapping of settings, got the value \"n1\"")]
    [InlineData("cluster_id: 'has space'\nnodes:\n  - { id: n1, client_port: 1, peer_port: 2, admin_port: 3 }\n", "cluster_id: 'has space' is not a valid cluster id")]
    public void Shape_problems(string yaml, string expected) =>
        Assert.Contains(expected, OnlyError(yaml), StringComparison.Ordinal);

    [Theory]
    [InlineData("client_port: 7001\n    peer_port: 7101\n    admin_port: 7201", "nodes[0].id: is required")]
    [InlineData("id: N1\n    client_port: 7001\n    peer_port: 7101\n    admin_port: 7201", "nodes[0].id: 'N1' is not a valid node id")]
    [InlineData("id: n_1\n    client_port: 7001\n    peer_port: 7101\n    admin_port: 7201", "nodes[0].id: 'n_1' is not a valid node id")]
    [InlineData("id: -n1\n    client_port: 7001\n    peer_port: 7101\n    admin_port: 7201", "nodes[0].id: '-n1' is not a valid node id")]
    [InlineData("id: n1\n    peer_port: 7101\n    admin_port: 7201", "nodes[0].client_port: is required")]
    [InlineData("id: n1\n    client_port: abc\n    peer_port: 7101\n    admin_port: 7201", "nodes[0].client_port: \"abc\" is not a whole number")]
    [InlineData("id: n1\n    client_port: 7001\n    peer_port: 70000\n    admin_port: 7201", "nodes[0].peer_port: 70000 is out of range (1 to 65535)")]
    [InlineData("id: n1\n    client_port: 7001\n    peer_port: 7101\n    admin_port: 0", "nodes[0].admin_port: 0 is out of range (1 to 65535)")]
    [InlineData("id: n1\n    client_port: [1, 2]\n    peer_port: 7101\n    admin_port: 7201", "nodes[0].client_port: expected a single value, got a list")]
    [InlineData("id: n1\n    client_port: 7001\n    peer_port: 7101\n    admin_port: 7201\n    advertise: { client: nowhere }", "nodes[0].advertise.client: \"nowhere\" is not an address (write host:port")]
    [InlineData("id: n1\n    client_port: 7001\n    peer_port: 7101\n    admin_port: 7201\n    advertise: { peer: 'h:99999' }", "nodes[0].advertise.peer: \"h:99999\" is not an address")]
    [InlineData("id: n1\n    client_port: 7001\n    peer_port: 7101\n    admin_port: 7201\n    advertise: { peer_from: { n9: 'h:1' } }", "nodes[0].advertise.peer_from.n9: no node 'n9' in nodes")]
    [InlineData("id: n1\n    client_port: 7001\n    peer_port: 7101\n    admin_port: 7201\n    advertise: { peer_from: { n1: 'h:1' } }", "nodes[0].advertise.peer_from.n1: a node never dials itself")]
    [InlineData("id: n1\n    client_port: 7001\n    peer_port: 7101\n    admin_port: 7201\n    advertise: { clients: 'h:1' }", "nodes[0].advertise.clients: unknown key (did you mean 'client'?)")]
    [InlineData("id: n1\n    client_port: 7001\n    peer_port: 7101\n    admin_port: 7201\n    listen: 1", "nodes[0].listen: unknown key (known keys here: id, host, client_port, peer_port, admin_port, advertise)")]
    [InlineData("id: n1\n    host: 0.0.0.0\n    client_port: 7001\n    peer_port: 7101\n    admin_port: 7201", "nodes[0].host: 0.0.0.0 listens on every interface but is not an address to connect to; set nodes[0].advertise.client and nodes[0].advertise.peer")]
    public void Node_entry_problems(string entry, string expected) =>
        Assert.Contains(expected, OnlyError("cluster_id: t\nnodes:\n  - " + entry + "\n"), StringComparison.Ordinal);

    [Fact]
    public void A_wildcard_host_is_fine_when_others_are_told_where_to_connect()
    {
        var config = ClusterConfig.Parse(Nodes(
            Node("n1", 7001, 7101, 7201, "    host: 0.0.0.0\n    advertise: { client: 'box:7001', peer_from: { n2: 'proxy:18012' } }"),
            Node("n2", 7002, 7102, 7202, "    host: 10.0.0.2")));

        Assert.Equal(new HostPort("proxy", 18012), config.Nodes[0].PeerAddressFor("n2"));
    }

    [Fact]
    public void Duplicate_node_ids_name_both_entries()
    {
        var error = OnlyError(Nodes(Node("n1", 7001, 7101, 7201), Node("n2", 7002, 7102, 7202), Node("n2", 7003, 7103, 7203)));
        Assert.Equal("nodes[2].id: duplicate node id 'n2' (also nodes[1].id)", error);
    }

    [Fact]
    public void A_port_used_twice_on_one_host_names_both_fields()
    {
        var error = OnlyError(Nodes(Node("n1", 7001, 7101, 7201), Node("n2", 7001, 7102, 7202)));
        Assert.Equal("nodes[1].client_port: 7001 is already used by nodes[0].client_port", error);
    }

    [Fact]
    public void Ports_clash_across_kinds_and_with_the_admin_bind_address()
    {
        var error = OnlyError(Nodes(Node("n1", 7001, 7101, 7201), Node("n2", 7002, 7201, 7202)));
        Assert.Equal("nodes[1].peer_port: 7201 is already used by nodes[0].admin_port", error);

        // The admin endpoint binds admin.bind, not the node's host: a wildcard there clashes with everything.
        var wildcard = OnlyError(Nodes(Node("n1", 7001, 7101, 7201, "    host: 10.0.0.1"), Node("n2", 7002, 7102, 7001, "    host: 10.0.0.2")) + "\nadmin: { bind: 0.0.0.0 }\n");
        Assert.Equal("nodes[1].admin_port: 7001 is already used by nodes[0].client_port", wildcard);
    }

    [Fact]
    public void The_same_port_on_different_hosts_is_fine()
    {
        var config = ClusterConfig.Parse(Nodes(
            Node("n1", 7001, 7101, 7201, "    host: 10.0.0.1"),
            Node("n2", 7001, 7101, 7202, "    host: 10.0.0.2")));
        Assert.Equal(2, config.Nodes.Count);
    }

    [Theory]
    [InlineData("raft: { election_timeout: abc }", "raft.election_timeout: \"abc\" is not a duration (write e.g. 150ms, 2s, 1m)")]
    [InlineData("raft: { election_timeout: 1000 }", "raft.election_timeout: \"1000\" is not a duration")]
    [InlineData("raft: { tick: 1.5s }", "raft.tick: \"1.5s\" is not a duration")]
    [InlineData("raft: { tick: 0ms }", "raft.tick: 0ms is out of range (1ms to 10s)")]
    [InlineData("raft: { heartbeat: 75ms }", "raft.heartbeat: 75ms is not a whole number of raft.tick (50ms)")]
    [InlineData("raft: { election_timeout: 1025ms }", "raft.election_timeout: 1025ms is not a whole number of raft.tick (50ms)")]
    [InlineData("raft: { election_timeout: 200ms, heartbeat: 200ms }", "raft.election_timeout: 200ms must be longer than raft.heartbeat (200ms)")]
    [InlineData("raft: { pre_vote: maybe }", "raft.pre_vote: \"maybe\" is not true or false")]
    [InlineData("raft: { max_inflight_msgs: 0 }", "raft.max_inflight_msgs: 0 is out of range (1 to 65536)")]
    [InlineData("raft: { max_size_per_msg: 1MB }", "raft.max_size_per_msg: \"1MB\" is not a byte size (write e.g. 65536, 64KiB, 1MiB)")]
    [InlineData("raft: { snapshot_every: -1 }", "raft.snapshot_every: -1 is out of range")]
    [InlineData("raft: { electon_timeout: 2s }", "raft.electon_timeout: unknown key (did you mean 'election_timeout'?)")]
    [InlineData("raft: 5", "raft: expected a mapping of settings (key: value lines), got the value \"5\"")]
    [InlineData("raft: { tick: { ms: 5 } }", "raft.tick: expected a single value, got a mapping")]
    [InlineData("storage: { fsync: sometimes }", "storage.fsync: invalid fsync policy 'sometimes': expected 'always', 'interval:<ms>'")]
    [InlineData("storage: { fsync: 'interval:0' }", "storage.fsync: invalid fsync policy 'interval:0'")]
    [InlineData("storage: { segment_bytes: 1KiB }", "storage.segment_bytes: 1KiB is out of range (4KiB to 1024GiB)")]
    [InlineData("limits: { max_connections: lots }", "limits.max_connections: \"lots\" is not a whole number")]
    [InlineData("limits: { max_line_bytes: 8 }", "limits.max_line_bytes: 8 is out of range (64 to")]
    [InlineData("limits: { max_payload_bytes: 2MiB }\nraft: { max_uncommitted_bytes: 1MiB }", "limits.max_payload_bytes: 2MiB is larger than raft.max_uncommitted_bytes (1MiB)")]
    [InlineData("dedup: { window: forever }", "dedup.window: \"forever\" is not a duration")]
    [InlineData("dedup: { window_ids: 0 }", "dedup.window_ids: 0 is out of range")]
    [InlineData("clock: { allow_skew: 1 }", "clock.allow_skew: \"1\" is not true or false")]
    [InlineData("admin: { port: 1 }", "admin.port: unknown key (known keys here: bind)")]
    [InlineData("tunables: {}", "tunables: unknown key (known keys here: cluster_id, nodes, raft, storage, limits, dedup, clock, admin)")]
    [InlineData("Raft: {}", "Raft: unknown key (did you mean 'raft'?)")]
    public void Setting_problems(string sections, string expected) =>
        Assert.Contains(expected, OnlyError(ConfigText.With(sections)), StringComparison.Ordinal);

    [Fact]
    public void Every_problem_is_reported_at_once_and_Parse_throws_with_all_of_them()
    {
        var yaml = ConfigText.With("raft: { tick: x, heartbeat: y }\nlimits: { max_topics: z }\nextra: 1");

        var error = Assert.Throws<ConfigurationException>(() => ClusterConfig.Parse(yaml));

        Assert.Equal(4, error.Errors.Count);
        Assert.All(error.Errors, e => Assert.Contains(e, error.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void Load_names_a_missing_file()
    {
        var result = ClusterConfig.TryLoad("/nonexistent/cluster.yaml");
        Assert.Equal("config file '/nonexistent/cluster.yaml' not found", Assert.Single(result.Errors));
    }

    [Fact]
    public void Duplicate_yaml_keys_are_a_syntax_error()
    {
        Assert.Contains("YAML syntax error", OnlyError(ConfigText.With("clock: {}\nclock: {}")), StringComparison.Ordinal);
    }
}
