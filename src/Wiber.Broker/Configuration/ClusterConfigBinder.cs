using Wiber.Storage;

namespace Wiber.Broker.Configuration;

/// <summary>
/// Turns the YAML tree into typed settings: types, ranges, required keys and unknown keys. Rules that
/// relate several fields live in <see cref="ClusterConfigValidator"/>.
/// </summary>
internal static class ClusterConfigBinder
{
    private static readonly TimeSpan OneMs = TimeSpan.FromMilliseconds(1);

    public static ClusterConfig Bind(YamlSection root)
    {
        var config = new ClusterConfig
        {
            ClusterId = root.RequiredString("cluster_id"),
            Nodes = BindNodes(root),
            Raft = BindRaft(root.Section("raft")),
            Storage = BindStorage(root.Section("storage")),
            Limits = BindLimits(root.Section("limits")),
            Dedup = BindDedup(root.Section("dedup")),
            Clock = BindClock(root.Section("clock")),
            Admin = BindAdmin(root.Section("admin")),
        };
        root.ReportUnknownKeys();
        return config;
    }

    private static List<NodeConfig> BindNodes(YamlSection root)
    {
        var sections = root.SectionList("nodes");
        if (sections is null)
        {
            root.Error("nodes", "is required (the list of the cluster's nodes)");
            return [];
        }
        var nodes = new List<NodeConfig>();
        for (var i = 0; i < sections.Count; i++)
        {
            nodes.Add(BindNode(sections[i], (ulong)(i + 1)));
        }
        return nodes;
    }

    private static NodeConfig BindNode(YamlSection node, ulong raftId)
    {
        var id = node.RequiredString("id");
        var host = node.OptionalString("host") ?? NodeDefaults.Host;
        var clientPort = node.RequiredInt("client_port", HostPort.MinPort, HostPort.MaxPort);
        var peerPort = node.RequiredInt("peer_port", HostPort.MinPort, HostPort.MaxPort);
        var adminPort = node.RequiredInt("admin_port", HostPort.MinPort, HostPort.MaxPort);
        var advertise = node.Section("advertise");
        var peerFrom = advertise.Section("peer_from");
        var config = new NodeConfig
        {
            Id = id,
            RaftId = raftId,
            Host = host,
            ClientPort = clientPort,
            PeerPort = peerPort,
            AdminPort = adminPort,
            AdvertiseClient = Address(advertise, "client"),
            AdvertisePeer = Address(advertise, "peer"),
            AdvertisePeerFrom = peerFrom.Entries()
                .Select(e => (e.Key, Address: Address(peerFrom, e.Key)))
                .Where(e => e.Address is not null)
                .ToDictionary(e => e.Key, e => e.Address!.Value, StringComparer.Ordinal),
        };
        advertise.ReportUnknownKeys();
        node.ReportUnknownKeys();
        return config;
    }

    private static HostPort? Address(YamlSection section, string key)
    {
        var text = section.OptionalString(key);
        if (text is null)
        {
            return null;
        }
        if (HostPort.TryParse(text, out var address))
        {
            return address;
        }
        section.Error(key, $"\"{text}\" is not an address (write host:port, e.g. 127.0.0.1:17001)");
        return null;
    }

    private static RaftSettings BindRaft(YamlSection raft)
    {
        var defaults = new RaftSettings();
        var settings = new RaftSettings
        {
            Tick = raft.Duration("tick", defaults.Tick, OneMs, TimeSpan.FromSeconds(10)),
            ElectionTimeout = raft.Duration("election_timeout", defaults.ElectionTimeout, OneMs, TimeSpan.FromMinutes(10)),
            Heartbeat = raft.Duration("heartbeat", defaults.Heartbeat, OneMs, TimeSpan.FromMinutes(1)),
            PreVote = raft.Bool("pre_vote", defaults.PreVote),
            CheckQuorum = raft.Bool("check_quorum", defaults.CheckQuorum),
            MaxInflightMsgs = raft.OptionalInt("max_inflight_msgs", defaults.MaxInflightMsgs, 1, 1 << 16),
            MaxInflightBytes = raft.Bytes("max_inflight_bytes", defaults.MaxInflightBytes, 0, 1L << 40),
            MaxSizePerMsg = raft.Bytes("max_size_per_msg", defaults.MaxSizePerMsg, 1, 1L << 30),
            SnapshotEvery = raft.OptionalLong("snapshot_every", defaults.SnapshotEvery, 1, long.MaxValue),
            MaxUncommittedBytes = raft.Bytes("max_uncommitted_bytes", defaults.MaxUncommittedBytes, 0, 1L << 40),
        };
        raft.ReportUnknownKeys();
        return settings;
    }

    private static StorageSettings BindStorage(YamlSection storage)
    {
        var defaults = new StorageSettings();
        var fsync = defaults.Fsync;
        var fsyncText = storage.OptionalString("fsync");
        if (fsyncText is not null && !FsyncPolicy.TryParse(fsyncText, out fsync, out var problem))
        {
            storage.Error("fsync", problem);
        }
        var settings = new StorageSettings
        {
            Fsync = fsync,
            SegmentBytes = storage.Bytes("segment_bytes", defaults.SegmentBytes, 4096, 1L << 40),
        };
        storage.ReportUnknownKeys();
        return settings;
    }

    private static LimitSettings BindLimits(YamlSection limits)
    {
        var defaults = new LimitSettings();
        var settings = new LimitSettings
        {
            MaxLineBytes = (int)limits.Bytes("max_line_bytes", defaults.MaxLineBytes, 64, int.MaxValue),
            MaxPayloadBytes = (int)limits.Bytes("max_payload_bytes", defaults.MaxPayloadBytes, 1, int.MaxValue),
            MaxConnections = limits.OptionalInt("max_connections", defaults.MaxConnections, 1, int.MaxValue),
            MaxSubscriptionsPerConnection = limits.OptionalInt("max_subscriptions_per_connection", defaults.MaxSubscriptionsPerConnection, 1, int.MaxValue),
            SubscriberBuffer = limits.OptionalInt("subscriber_buffer", defaults.SubscriberBuffer, 1, int.MaxValue),
            MaxTopics = limits.OptionalInt("max_topics", defaults.MaxTopics, 1, int.MaxValue),
        };
        limits.ReportUnknownKeys();
        return settings;
    }

    private static DedupSettings BindDedup(YamlSection dedup)
    {
        var defaults = new DedupSettings();
        var settings = new DedupSettings
        {
            WindowIds = dedup.OptionalInt("window_ids", defaults.WindowIds, 1, int.MaxValue),
            Window = dedup.Duration("window", defaults.Window, OneMs, TimeSpan.FromDays(7)),
        };
        dedup.ReportUnknownKeys();
        return settings;
    }

    private static ClockSettings BindClock(YamlSection clock)
    {
        var settings = new ClockSettings { AllowSkew = clock.Bool("allow_skew", false) };
        clock.ReportUnknownKeys();
        return settings;
    }

    private static AdminSettings BindAdmin(YamlSection admin)
    {
        var settings = new AdminSettings { Bind = admin.OptionalString("bind") ?? new AdminSettings().Bind };
        admin.ReportUnknownKeys();
        return settings;
    }
}
