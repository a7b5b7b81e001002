using System.Globalization;

namespace Wiber.Cli.Commands.Bench.Harness;

/// <summary>
/// Samples, at the start and at the end of the measured window, every observable node's /metrics and the CPU
/// time of the processes involved (this client, each node, the lab's proxy, and any pid given with
/// <c>--observe-pids</c>), and turns the differences into a per-message breakdown.
/// </summary>
internal sealed class BenchObserver(BenchCluster? cluster, IReadOnlyList<int> extraPids) : IDisposable
{
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(2) };
    private Sample? _first;
    private Sample? _last;

    public async Task SampleAsync(bool start)
    {
        var sample = await TakeAsync().ConfigureAwait(false);
        if (start)
        {
            _first = sample;
        }
        else
        {
            _last = sample;
        }
    }

    private async Task<Sample> TakeAsync()
    {
        var cpu = new Dictionary<string, double?>(StringComparer.Ordinal) { ["client"] = ProcessStats.CpuSeconds(Environment.ProcessId) };
        var metrics = new Dictionary<string, NodeMetrics?>(StringComparer.Ordinal);
        if (cluster is not null)
        {
            foreach (var node in cluster.Nodes)
            {
                cpu[node.Id] = node.Pid is { } pid ? ProcessStats.CpuSeconds(pid) : null;
            }

            if (cluster.ProxyPid is { } proxy)
            {
                cpu["proxy"] = ProcessStats.CpuSeconds(proxy);
            }

            var scraped = await Task.WhenAll(cluster.Nodes.Select(n => NodeMetrics.ScrapeAsync(_http, n.Host, n.AdminPort, CancellationToken.None))).ConfigureAwait(false);
            for (var i = 0; i < cluster.Nodes.Count; i++)
            {
                metrics[cluster.Nodes[i].Id] = scraped[i];
            }
        }

        foreach (var pid in extraPids)
        {
            cpu["pid" + pid.ToString(CultureInfo.InvariantCulture)] = ProcessStats.CpuSeconds(pid);
        }

        return new Sample(cpu, metrics);
    }

    /// <summary>The breakdown for <paramref name="messages"/> acknowledged in the window, or null when nothing was sampled.</summary>
    public BenchBreakdownJson? Breakdown(long messages)
    {
        if (_first is null || _last is null || messages <= 0)
        {
            return null;
        }

        var cpu = new SortedDictionary<string, double>(StringComparer.Ordinal);
        foreach (var (name, before) in _first.Cpu)
        {
            if (before is { } b && _last.Cpu.TryGetValue(name, out var after) && after is { } a)
            {
                cpu[name] = Math.Round((a - b) * 1e6 / messages, 1);
            }
        }

        string? leader = null;
        double? commitMean = null;
        double? leaderFsyncs = null;
        var followerFsyncs = new List<double>();
        var nodes = new List<BenchNodeJson>();
        foreach (var (id, before) in _first.Metrics)
        {
            if (before is null || !_last.Metrics.TryGetValue(id, out var after) || after is null)
            {
                continue;
            }

            var fsyncs = (after["wiber_storage_fsyncs_total"] - before["wiber_storage_fsyncs_total"]) / messages;
            var rss = after["wiber_process_working_set_bytes"] / (1024 * 1024);
            var published = after["wiber_publishes_total"] - before["wiber_publishes_total"];
            nodes.Add(new BenchNodeJson(id, cluster?.Nodes.FirstOrDefault(n => n.Id == id)?.Pid, after.IsLeader ? "leader" : "follower", Math.Round(fsyncs, 4), Math.Round(rss, 1), Math.Round(after["wiber_gc_heap_bytes"] / (1024 * 1024), 1), (long)published));
            if (after.IsLeader)
            {
                leader = id;
                leaderFsyncs = fsyncs;
                var count = after["wiber_publish_commit_seconds_count"] - before["wiber_publish_commit_seconds_count"];
                var sum = after["wiber_publish_commit_seconds_sum"] - before["wiber_publish_commit_seconds_sum"];
                commitMean = count > 0 ? Math.Round(sum / count * 1000, 4) : null;
            }
            else
            {
                followerFsyncs.Add(fsyncs);
            }
        }

        return new BenchBreakdownJson(
            leader,
            commitMean,
            leaderFsyncs is { } l ? Math.Round(l, 4) : null,
            followerFsyncs.Count > 0 ? Math.Round(followerFsyncs.Average(), 4) : null,
            cpu,
            Math.Round(cpu.Values.Sum(), 1),
            [.. nodes.OrderBy(n => n.Node, StringComparer.Ordinal)]);
    }

    public void Dispose() => _http.Dispose();

    private sealed record Sample(IReadOnlyDictionary<string, double?> Cpu, IReadOnlyDictionary<string, NodeMetrics?> Metrics);
}
