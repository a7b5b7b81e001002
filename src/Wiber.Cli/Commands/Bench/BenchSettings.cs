using System.Globalization;
using System.Text.RegularExpressions;
using Wiber.Cli.Commands.Bench.Harness;
using Wiber.Lab;
using Wiber.Lab.State;

namespace Wiber.Cli.Commands.Bench;

/// <summary>The options of <c>wiber bench</c> as given (null = not given), before validation.</summary>
internal sealed record BenchArguments
{
    public string? Target { get; init; }

    public int? InFlight { get; init; }

    public int? Size { get; init; }

    public string? Duration { get; init; }

    public string? Warmup { get; init; }

    public int? Topics { get; init; }

    public int? Producers { get; init; }

    public int? Subscribers { get; init; }

    public bool StartLab { get; init; }

    public bool StartNodes { get; init; }

    public int? Nodes { get; init; }

    public string? Fsync { get; init; }

    public string? TopicPrefix { get; init; }

    public string? Stream { get; init; }

    public int? Replicas { get; init; }

    public string? ObservePids { get; init; }

    public string? TempDirectory { get; init; }

    /// <summary>Whether <c>--servers</c> (or <c>$WIBER_SERVERS</c>) named the servers explicitly.</summary>
    public bool ServersGiven { get; init; }
}

/// <summary>Validated settings of one <c>wiber bench</c> run. <see cref="From"/> throws <see cref="UsageException"/> (exit 2) naming the bad option.</summary>
internal sealed partial record BenchSettings(
    string Target,
    BenchWorkload Workload,
    string? Start,
    int? Nodes,
    string? Fsync,
    string Stream,
    int Replicas,
    IReadOnlyList<int> ObservePids,
    string? TempDirectory)
{
    public const string WiberTarget = "wiber";
    public const string NatsTarget = "nats";
    public const int MaxInFlight = 10_000;
    public const int MaxSize = 1024 * 1024;
    public const int MaxTopics = 1000;
    public const int MaxProducers = 64;
    public const int MaxSubscribers = 64;

    public static BenchSettings From(BenchArguments a)
    {
        ArgumentNullException.ThrowIfNull(a);
        var target = a.Target ?? WiberTarget;
        if (target is not (WiberTarget or NatsTarget))
        {
            throw new UsageException($"--target must be wiber or nats, was '{target}'");
        }

        var inFlight = InRange(a.InFlight ?? 1, 1, MaxInFlight, "--inflight");
        var size = InRange(a.Size ?? 128, 1, MaxSize, "--size");
        var duration = ParseDuration(a.Duration ?? "10s", "--duration");
        if (duration <= TimeSpan.Zero || duration > TimeSpan.FromHours(1))
        {
            throw new UsageException($"--duration must be more than 0 and at most 1h, was '{a.Duration}'");
        }

        var warmup = ParseDuration(a.Warmup ?? "2s", "--warmup");
        if (warmup > TimeSpan.FromMinutes(10))
        {
            throw new UsageException($"--warmup must be at most 10m, was '{a.Warmup}'");
        }

        var topics = InRange(a.Topics ?? 1, 1, MaxTopics, "--topics");
        var producers = InRange(a.Producers ?? 1, 1, MaxProducers, "--producers");
        var subscribers = InRange(a.Subscribers ?? 0, 0, MaxSubscribers, "--subscribers");
        if (subscribers > 0 && size < BenchRunner.StampLength)
        {
            throw new UsageException($"--subscribers needs --size {BenchRunner.StampLength} or more (the payload carries its send time), was {size}");
        }

        if (subscribers * topics > 256)
        {
            throw new UsageException($"--subscribers × --topics must be at most 256 subscriptions, was {subscribers * topics}");
        }

        if ((long)producers * inFlight > 100_000)
        {
            throw new UsageException($"--producers × --inflight must be at most 100000, was {(long)producers * inFlight}");
        }

        if (a.StartLab && a.StartNodes)
        {
            throw new UsageException("--start-lab and --start-nodes cannot be combined");
        }

        var start = a.StartLab ? "lab" : a.StartNodes ? "nodes" : null;
        if (start is null && (a.Nodes is not null || a.Fsync is not null))
        {
            throw new UsageException("--nodes and --fsync need --start-lab or --start-nodes (they set up the cluster the bench starts)");
        }

        if (start is not null && a.ServersGiven)
        {
            throw new UsageException($"--start-{start} starts its own cluster: do not give --servers (or $WIBER_SERVERS)");
        }

        var nodes = start is null ? (int?)null : InRange(a.Nodes ?? 3, 1, 9, "--nodes");
        var fsync = start is null ? null : a.Fsync ?? "always";
        if (fsync is not null && !FsyncPattern().IsMatch(fsync))
        {
            throw new UsageException($"--fsync must be always, never or interval:<ms>, was '{fsync}'");
        }

        if (target == NatsTarget)
        {
            if (start is not null)
            {
                throw new UsageException("--target nats runs against a NATS cluster you started (bench/compare/run.sh does): not with --start-lab/--start-nodes");
            }

            if (!a.ServersGiven)
            {
                throw new UsageException("--target nats needs --servers with the NATS servers' host:port");
            }

            if (subscribers > 0)
            {
                throw new UsageException("--subscribers is not supported with --target nats (publish only)");
            }
        }
        else if (a.Stream is not null || a.Replicas is not null)
        {
            throw new UsageException("--stream and --replicas are for --target nats");
        }

        var prefix = a.TopicPrefix ?? "bench-" + Guid.NewGuid().ToString("N")[..8];
        if (!TopicPattern().IsMatch(prefix))
        {
            throw new UsageException($"--topic-prefix must be 1..100 characters of A-Z a-z 0-9 . _ - /, was '{prefix}'");
        }

        var stream = a.Stream ?? "BENCH";
        if (!StreamPattern().IsMatch(stream))
        {
            throw new UsageException($"--stream must be 1..64 characters of A-Z a-z 0-9 _ -, was '{stream}'");
        }

        var replicas = InRange(a.Replicas ?? 3, 1, 5, "--replicas");
        var pids = new List<int>();
        foreach (var part in (a.ObservePids ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var pid) || pid <= 0)
            {
                throw new UsageException($"--observe-pids must be process ids separated by commas, was '{a.ObservePids}'");
            }

            pids.Add(pid);
        }

        return new BenchSettings(
            target,
            new BenchWorkload(inFlight, size, duration, warmup, topics, producers, subscribers, prefix),
            start,
            nodes,
            fsync,
            stream,
            replicas,
            pids,
            a.TempDirectory);
    }

    private static int InRange(int value, int min, int max, string option) =>
        value >= min && value <= max ? value : throw new UsageException(string.Create(CultureInfo.InvariantCulture, $"{option} must be {min}..{max}, was {value}"));

    private static TimeSpan ParseDuration(string text, string option)
    {
        try
        {
            return Durations.Parse(text, option);
        }
        catch (LabException ex)
        {
            throw new UsageException(ex.Message, ex);
        }
    }

    [GeneratedRegex("^(always|never|interval:[0-9]{1,5})$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex FsyncPattern();

    [GeneratedRegex("^[A-Za-z0-9._/-]{1,100}$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex TopicPattern();

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex StreamPattern();
}
