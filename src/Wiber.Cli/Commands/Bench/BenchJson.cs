using Wiber.Cli.Commands.Bench.Harness;

namespace Wiber.Cli.Commands.Bench;

/// <summary>
/// The one JSON object of <c>wiber bench --json</c> (snake_case; every field always present, null when it does
/// not apply). The settings used come first, then the figures. Latencies in milliseconds.
/// </summary>
internal sealed record BenchJson(
    string Target,
    string Cluster,
    IReadOnlyList<string> Servers,
    int? Nodes,
    string? Fsync,
    string Durability,
    int Inflight,
    int Size,
    double DurationS,
    double WarmupS,
    int Topics,
    int Producers,
    int Subscribers,
    long Published,
    long PublishedTotal,
    long Errors,
    string? FirstError,
    double Seconds,
    double MsgsPerS,
    double MbPerS,
    double P50Ms,
    double P90Ms,
    double P99Ms,
    double P999Ms,
    double MaxMs,
    double MeanMs,
    long? Delivered,
    double? DeliverMsgsPerS,
    double? E2eP50Ms,
    double? E2eP90Ms,
    double? E2eP99Ms,
    double? E2eP999Ms,
    double? E2eMaxMs,
    bool? SubscribersCaughtUp,
    double? TimeToLeaderMs,
    BenchBreakdownJson? Breakdown)
{
    public static BenchJson From(BenchSettings settings, IBenchTarget target, BenchCluster? cluster, IReadOnlyList<string> servers, string? fsync, BenchRunResult run, BenchBreakdownJson? breakdown)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(run);
        var w = settings.Workload;
        var rate = run.Acknowledged / Math.Max(run.Seconds, 1e-9);
        var e2e = run.EndToEnd;
        return new BenchJson(
            target.Name,
            cluster?.Kind ?? "servers",
            servers,
            settings.Nodes ?? (cluster is { Nodes.Count: > 0 } ? cluster.Nodes.Count : null),
            fsync,
            target.Durability,
            w.InFlight,
            w.Size,
            w.Duration.TotalSeconds,
            w.Warmup.TotalSeconds,
            w.Topics,
            w.Producers,
            w.Subscribers,
            run.Acknowledged,
            run.AcknowledgedTotal,
            run.Errors,
            run.FirstError,
            Math.Round(run.Seconds, 3),
            Math.Round(rate, 1),
            Math.Round(rate * w.Size / 1e6, 3),
            Ms(run.Latency.ValueAtPercentile(50)),
            Ms(run.Latency.ValueAtPercentile(90)),
            Ms(run.Latency.ValueAtPercentile(99)),
            Ms(run.Latency.ValueAtPercentile(99.9)),
            Ms(run.Latency.Max),
            Math.Round(run.Latency.Mean / 1e6, 4),
            e2e is null ? null : run.Delivered,
            e2e is null ? null : Math.Round(run.Delivered / Math.Max(run.Seconds, 1e-9), 1),
            e2e is null ? null : Ms(e2e.ValueAtPercentile(50)),
            e2e is null ? null : Ms(e2e.ValueAtPercentile(90)),
            e2e is null ? null : Ms(e2e.ValueAtPercentile(99)),
            e2e is null ? null : Ms(e2e.ValueAtPercentile(99.9)),
            e2e is null ? null : Ms(e2e.Max),
            e2e is null ? null : run.SubscribersCaughtUp,
            cluster?.TimeToLeaderMs is { } t ? Math.Round(t) : null,
            breakdown);
    }

    private static double Ms(long nanoseconds) => Math.Round(nanoseconds / 1e6, 4);
}

/// <summary>Where a message's cost went, from the servers' counters and processes' CPU time over the measured window.</summary>
internal sealed record BenchBreakdownJson(
    string? Leader,
    double? ServerCommitMeanMs,
    double? LeaderFsyncsPerMsg,
    double? FollowerFsyncsPerMsg,
    IReadOnlyDictionary<string, double> CpuUsPerMsg,
    double CpuUsPerMsgTotal,
    IReadOnlyList<BenchNodeJson> Nodes);

/// <summary>One node in the breakdown: process id, role, fsyncs per acknowledged message, memory after the run, publishes it acknowledged.</summary>
internal sealed record BenchNodeJson(string Node, int? Pid, string Role, double FsyncsPerMsg, double RssMb, double GcHeapMb, long Publishes);
