using Wiber.Broker.Configuration;

namespace Wiber.Broker.Tests.Configuration;

public sealed class ShippedConfigTests
{
    private static readonly string ShippedPath = ConfigText.RepositoryFile("config/cluster.yaml");

    [Fact]
    public void Config_cluster_yaml_loads_cleanly_as_a_three_node_loopback_cluster()
    {
        var config = ClusterConfig.Load(ShippedPath);

        Assert.Equal("wiber-local", config.ClusterId);
        Assert.Equal(["n1", "n2", "n3"], config.Nodes.Select(n => n.Id));
        Assert.Equal([1UL, 2UL, 3UL], config.Voters);
        Assert.All(config.Nodes, n => Assert.Equal("127.0.0.1", n.Host));
        Assert.Equal(new HostPort("127.0.0.1", 7002), config.FindNode("n2")!.ClientAddress);
        Assert.Equal(new HostPort("127.0.0.1", 7103), config.FindNode("n3")!.PeerAddressFor("n1"));
        Assert.Equal(new HostPort("127.0.0.1", 7201), config.AdminListen(config.Nodes[0]));
    }

    [Fact]
    public void The_shipped_values_are_the_documented_defaults()
    {
        var config = ClusterConfig.Load(ShippedPath);

        Assert.Equal(new RaftSettings(), config.Raft);
        Assert.Equal(new StorageSettings(), config.Storage);
        Assert.Equal(new LimitSettings(), config.Limits);
        Assert.Equal(new DedupSettings(), config.Dedup);
        Assert.Equal(new ClockSettings(), config.Clock);
        Assert.Equal(new AdminSettings(), config.Admin);
    }
}
