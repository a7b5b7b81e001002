namespace Wiber.Lab.Dashboard.Live;

/// <summary>One point of the throughput strip: commits per second since the previous point, and who led.</summary>
public sealed record TimelineSample(long AtMs, double? CommitsPerSecond, string? Leader, long? Term, bool LeaderChanged);

/// <summary>What a page that connects gets first: the recent samples, oldest first.</summary>
public sealed record TimelineView(IReadOnlyList<TimelineSample> Samples);

/// <summary>
/// The recent history behind the page's strip, bounded: commit throughput computed from the highest commit
/// index any node reports (monotonic in a healthy cluster; a drop — the node that had it died — counts as 0),
/// and leader changes (another node, or the same node in a new term, leads). Pure: callers pass the time.
/// </summary>
public sealed class Timeline(int capacity)
{
    private readonly Queue<TimelineSample> _samples = new();
    private long? _lastAtMs;
    private long? _lastCommit;
    private (string Leader, long? Term)? _lastLeader;

    public TimelineSample Add(long atMs, long? maxCommit, string? leader, long? term)
    {
        double? rate = null;
        if (_lastAtMs is { } previousAt && _lastCommit is { } previousCommit && maxCommit is { } commit && atMs > previousAt)
        {
            rate = Math.Round(Math.Max(0, commit - previousCommit) * 1000.0 / (atMs - previousAt), 1);
        }

        if (maxCommit is not null)
        {
            _lastCommit = maxCommit;
        }

        _lastAtMs = atMs;
        var changed = leader is not null && _lastLeader is { } last && (last.Leader != leader || last.Term != term);
        if (leader is not null)
        {
            changed |= _lastLeader is null && _samples.Count > 0;   // a leader again after a time without one
            _lastLeader = (leader, term);
        }

        var sample = new TimelineSample(atMs, rate, leader, term, changed);
        _samples.Enqueue(sample);
        while (_samples.Count > capacity)
        {
            _samples.Dequeue();
        }

        return sample;
    }

    /// <summary>A new lab: a new cluster whose commit indexes start again.</summary>
    public void Reset()
    {
        _lastCommit = null;
        _lastLeader = null;
    }

    public TimelineView View() => new([.. _samples]);
}
