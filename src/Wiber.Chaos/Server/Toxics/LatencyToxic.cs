using Wiber.Chaos.Server.Links;

namespace Wiber.Chaos.Server.Toxics;

/// <summary>
/// Releases each chunk at (read time + latency ± jitter). Measured from the read time, so chunks queued behind
/// each other are delayed concurrently, not cumulatively; order is kept because chunks leave one at a time.
/// </summary>
internal sealed class LatencyToxic(long latency, long jitter) : IToxic
{
    public static readonly ToxicType Type = new("latency", "LatencyToxic", ["latency", "jitter"], static a => new LatencyToxic(a[0], a[1]));

    public async Task RunAsync(StageRun run)
    {
        while (await run.ReadAsync().ConfigureAwait(false) is { } chunk)
        {
            if (chunk.IsEnd)
            {
                run.Close();
                return;
            }
            var delay = MonotonicTime.Milliseconds(NextDelayMs());
            var release = MonotonicTime.Add(chunk.Timestamp, delay);
            if (!await run.DelayAsync(MonotonicTime.Until(release)).ConfigureAwait(false))
            {
                run.Write(chunk); // interrupted: a waiting chunk goes on at once
                return;
            }
            // Stamp the release time so that a second latency toxic further down adds its delay on top.
            chunk.Timestamp = release;
            run.Write(chunk);
        }
    }

    private long NextDelayMs()
    {
        if (jitter <= 0)
        {
            return latency;
        }
        var offset = Random.Shared.NextInt64(-jitter, jitter);
        return offset > 0 && latency > long.MaxValue - offset ? long.MaxValue : latency + offset;
    }
}
