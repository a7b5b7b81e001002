using Wiber.Broker.Admin;
using Wiber.Broker.Hosting;
using Wiber.Raft;

namespace Wiber.Broker.Node;

public sealed partial class BrokerNode
{
    /// <summary>The status document: /status on the admin port and STATUS on the client port.</summary>
    public NodeStatusDocument BuildStatus()
    {
        var status = _host.Status;
        var raft = status.Raft;
        var transport = _transport.GetStatus();
        var peers = _options.Peers.Select(peer =>
        {
            var progress = raft.Progress.FirstOrDefault(p => p.Id == peer.RaftId);
            var link = transport.Peers.FirstOrDefault(p => p.PeerId == peer.RaftId);
            Time.ClockOffsetEstimate? clock;
            lock (_clockEstimators)
            {
                clock = _clockEstimators.TryGetValue(peer.RaftId, out var estimator) ? estimator.Estimate() : null;
            }
            return new PeerStatusDocument
            {
                Id = peer.Id,
                MatchIndex = raft.Role == StateRole.Leader ? progress.Match : null,
                Lag = raft.Role == StateRole.Leader ? raft.LastIndex - Math.Min(raft.LastIndex, progress.Match) : null,
                Replication = raft.Role == StateRole.Leader ? progress.State.ToString().ToLowerInvariant() : null,
                Connected = link?.Connected,
                ClockOffsetMs = clock?.OffsetMs,
                RoundTripMs = clock?.RoundTripMs,
            };
        }).ToArray();
        return new NodeStatusDocument
        {
            Id = _options.Self.Id,
            RaftId = raft.Id,
            Role = raft.Role.ToString().ToLowerInvariant(),
            Term = raft.Term,
            Leader = raft.Leader == 0 ? null : _options.Cluster.FindNode(raft.Leader)?.Id,
            CommitIndex = raft.Commit,
            AppliedIndex = raft.Applied,
            LastIndex = raft.LastIndex,
            FirstIndex = raft.FirstIndex,
            DurableIndex = status.DurableIndex,
            Fsync = _storage.FsyncPolicy.Describe(),
            Peers = peers,
            ClockSkewMs = (long)_wallClock.Offset.TotalMilliseconds,
            Version = BrokerInfo.Version,
            UptimeSeconds = Math.Round(_wallClock.Elapsed.TotalSeconds, 1),
        };
    }

    /// <summary>Ready: a leader is known and everything known committed is applied.</summary>
    public bool IsReady
    {
        get
        {
            var raft = _host.Status.Raft;
            return raft.Leader != 0 && raft.Applied >= raft.Commit;
        }
    }

    private string BuildMetrics()
    {
        var status = _host.Status.Raft;
        var m = _host.Metrics;
        var c = _context.Counters;
        var writer = new PrometheusWriter(_options.Self.Id)
            .Gauge("wiber_raft_term", "Current Raft term.", status.Term)
            .Gauge("wiber_raft_is_leader", "1 when this node is the leader.", status.Role == StateRole.Leader ? 1 : 0)
            .Gauge("wiber_raft_commit_index", "Highest committed log index known here.", status.Commit)
            .Gauge("wiber_raft_applied_index", "Highest log index applied to the broker state.", status.Applied)
            .Gauge("wiber_raft_last_index", "Index of the last log entry.", status.LastIndex)
            .Counter("wiber_raft_leaderships_total", "Times this node became leader.", m.LeadershipsWon)
            .Counter("wiber_raft_proposals_total", "Proposals made on this node.", m.Proposals)
            .Counter("wiber_raft_entries_applied_total", "Normal entries applied.", m.Committed)
            .Counter("wiber_storage_fsyncs_total", "Synchronous writes (log fsyncs and hard state replacements).", m.Fsyncs)
            .Counter("wiber_raft_snapshots_taken_total", "Snapshots taken of the broker state.", m.SnapshotsTaken)
            .Counter("wiber_raft_snapshots_installed_total", "Snapshots installed from the leader.", m.SnapshotsInstalled)
            .Histogram("wiber_publish_commit_seconds", "Time from proposal to applied, on the leader.", m.CommitLatency)
            .Counter("wiber_publishes_total", "Publishes acknowledged to clients of this node.", c.Publishes)
            .Counter("wiber_publishes_forwarded_total", "Publishes forwarded from this follower to the leader.", c.Forwarded)
            .Gauge("wiber_client_connections", "Open client connections.", c.Connections)
            .Gauge("wiber_subscribers", "Active subscriptions.", c.Subscribers)
            .Counter("wiber_slow_consumers_dropped_total", "Subscribers disconnected for falling behind.", c.SlowConsumersDropped)
            .Gauge("wiber_process_working_set_bytes", "Resident memory of the node process.", Environment.WorkingSet)
            .Gauge("wiber_gc_heap_bytes", "Managed heap in use after the last collection.", GC.GetGCMemoryInfo().HeapSizeBytes)
            .Counter("wiber_gc_collections_total", "Generation 2 garbage collections.", GC.CollectionCount(2));
        if (status.Role == StateRole.Leader)
        {
            writer.Gauges("wiber_replication_lag_entries", "Entries the leader holds that a follower is not known to hold.",
                status.Progress.Where(p => p.Id != status.Id).Select(p =>
                    ("peer", _options.Cluster.FindNode(p.Id)?.Id ?? p.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                     (double)(status.LastIndex - Math.Min(status.LastIndex, p.Match)))));
        }
        return writer.ToString();
    }
}
