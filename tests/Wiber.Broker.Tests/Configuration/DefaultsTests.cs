using Wiber.Broker.Configuration;
using Wiber.Storage;

namespace Wiber.Broker.Tests.Configuration;

public sealed class DefaultsTests
{
    [Fact]
    public void Only_cluster_id_and_node_ports_are_required()
    {
        var config = ClusterConfig.Parse(ConfigText.Minimal);

        var n1 = config.Nodes[0];
        Assert.Equal("127.0.0.1", n1.Host);
        Assert.Null(n1.AdvertiseClient);
        Assert.Null(n1.AdvertisePeer);
        Assert.Empty(n1.AdvertisePeerFrom);
        Assert.Equal("127.0.0.1", config.Admin.Bind);
        Assert.False(config.Clock.AllowSkew);
    }

    [Fact]
    public void Raft_defaults_give_ten_election_ticks_and_one_heartbeat_tick()
    {
        var raft = ClusterConfig.Parse(ConfigText.Minimal).Raft;

        Assert.Equal(TimeSpan.FromMilliseconds(50), raft.Tick);
        Assert.Equal(TimeSpan.FromMilliseconds(500), raft.ElectionTimeout);
        Assert.Equal(TimeSpan.FromMilliseconds(50), raft.Heartbeat);
        Assert.Equal(10, raft.ElectionTicks);
        Assert.Equal(1, raft.HeartbeatTicks);
        Assert.True(raft.PreVote);
        Assert.True(raft.CheckQuorum);
        Assert.Equal(256, raft.MaxInflightMsgs);
        Assert.Equal(1L << 20, raft.MaxSizePerMsg);
        Assert.Equal(10_000, raft.SnapshotEvery);
        Assert.Equal(256L << 20, raft.MaxUncommittedBytes);
    }

    [Fact]
    public void Storage_limits_and_dedup_defaults()
    {
        var config = ClusterConfig.Parse(ConfigText.Minimal);

        Assert.Same(FsyncPolicy.Always, config.Storage.Fsync);
        Assert.Equal(64L << 20, config.Storage.SegmentBytes);
        Assert.Equal(64 << 10, config.Limits.MaxLineBytes);
        Assert.Equal(1 << 20, config.Limits.MaxPayloadBytes);
        Assert.Equal(1024, config.Limits.MaxConnections);
        Assert.Equal(64, config.Limits.MaxSubscriptionsPerConnection);
        Assert.Equal(1024, config.Limits.SubscriberBuffer);
        Assert.Equal(10_000, config.Limits.MaxTopics);
        Assert.Equal(100_000, config.Dedup.WindowIds);
        Assert.Equal(TimeSpan.FromMinutes(10), config.Dedup.Window);
    }

    [Fact]
    public void Raft_ids_are_one_based_positions_in_the_list()
    {
        var config = ClusterConfig.Parse(ConfigText.Minimal);

        Assert.Equal([1UL, 2UL, 3UL], config.Nodes.Select(n => n.RaftId));
        Assert.Equal("n2", config.FindNode(2UL)!.Id);
        Assert.Null(config.FindNode(4UL));
    }

    [Fact]
    public void Every_key_can_be_set()
    {
        var config = ClusterConfig.Parse("""
            cluster_id: lab.2
            nodes:
              - id: a-1
                host: 10.0.0.1
                client_port: 1
                peer_port: 2
                admin_port: 3
                advertise:
                  client: proxy:17001
                  peer: "[::1]:18001"
                  peer_from:
                    b-2: proxy:18021
              - id: b-2
                host: 10.0.0.2
                client_port: 1
                peer_port: 2
                admin_port: 4
            raft:
              tick: 50ms
              election_timeout: 2s
              heartbeat: 150ms
              pre_vote: false
              check_quorum: False
              max_inflight_msgs: 16
              max_inflight_bytes: 0
              max_size_per_msg: 64KiB
              snapshot_every: 500
              max_uncommitted_bytes: 1GiB
            storage:
              fsync: interval:20
              segment_bytes: 1048576
            limits:
              max_line_bytes: 4KiB
              max_payload_bytes: 512KiB
              max_connections: 10
              max_subscriptions_per_connection: 2
              subscriber_buffer: 100
              max_topics: 5
            dedup:
              window_ids: 7
              window: 1m
            clock:
              allow_skew: true
            admin:
              bind: 0.0.0.0
            """);

        var a = config.Nodes[0];
        Assert.Equal(new HostPort("proxy", 17001), a.ClientAddress);
        Assert.Equal(new HostPort("::1", 18001), a.PeerAddressFor("someone-else"));
        Assert.Equal(new HostPort("proxy", 18021), a.PeerAddressFor("b-2"));
        Assert.Equal(new HostPort("10.0.0.1", 1), a.ClientListen);
        Assert.Equal(new HostPort("10.0.0.2", 2), config.Nodes[1].PeerAddressFor("a-1"));
        Assert.Equal(40, config.Raft.ElectionTicks);
        Assert.Equal(3, config.Raft.HeartbeatTicks);
        Assert.False(config.Raft.PreVote);
        Assert.False(config.Raft.CheckQuorum);
        Assert.Equal(64 << 10, config.Raft.MaxSizePerMsg);
        Assert.Equal(0, config.Raft.MaxInflightBytes);
        Assert.Equal(1L << 30, config.Raft.MaxUncommittedBytes);
        Assert.Equal("interval:20", config.Storage.Fsync.ToString());
        Assert.Equal(4096, config.Limits.MaxLineBytes);
        Assert.Equal(TimeSpan.FromMinutes(1), config.Dedup.Window);
        Assert.True(config.Clock.AllowSkew);
        Assert.Equal(new HostPort("0.0.0.0", 4), config.AdminListen(config.Nodes[1]));
    }

    [Fact]
    public void Raft_settings_map_onto_the_raft_core()
    {
        var config = ClusterConfig.Parse(ConfigText.With("raft: { tick: 10ms, election_timeout: 300ms, heartbeat: 30ms, max_inflight_msgs: 8 }"));

        var raft = config.Raft.ToRaftConfig(2, config.Voters);

        Assert.Equal(2UL, raft.Id);
        Assert.Equal([1UL, 2UL, 3UL], raft.Peers);
        Assert.Equal(30, raft.ElectionTick);
        Assert.Equal(3, raft.HeartbeatTick);
        Assert.Equal(8, raft.MaxInflightMsgs);
        Assert.Equal(config.Raft.MaxUncommittedBytes, raft.MaxUncommittedEntriesSize);
    }

    [Fact]
    public void An_empty_value_means_the_default()
    {
        var config = ClusterConfig.Parse(ConfigText.With("raft:\n  tick:\n  heartbeat: ~\nclock:\n"));

        Assert.Equal(new RaftSettings(), config.Raft);
        Assert.False(config.Clock.AllowSkew);
    }
}
