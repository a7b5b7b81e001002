namespace Wiber.Broker.Hosting;

/// <summary>
/// A fixed-bucket latency histogram in the Prometheus style (cumulative buckets, sum, count), lock-free to
/// record. Bucket bounds in milliseconds cover loopback commits (sub-ms) to stalls (seconds).
/// </summary>
public sealed class LatencyHistogram
{
    public static readonly double[] BoundsMs = [0.25, 0.5, 1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000];

    private readonly long[] _counts = new long[BoundsMs.Length + 1];
    private long _count;
    private long _sumMicros;

    public void Record(TimeSpan latency)
    {
        var ms = latency.TotalMilliseconds;
        var bucket = Array.BinarySearch(BoundsMs, ms);
        if (bucket < 0)
        {
            bucket = ~bucket;
        }
        Interlocked.Increment(ref _counts[bucket]);
        Interlocked.Increment(ref _count);
        Interlocked.Add(ref _sumMicros, (long)(ms * 1000));
    }

    public long Count => Volatile.Read(ref _count);

    public double SumSeconds => Volatile.Read(ref _sumMicros) / 1e6;

    /// <summary>Cumulative counts per bound (the last one is +Inf).</summary>
    public long[] CumulativeCounts()
    {
        var result = new long[_counts.Length];
        long running = 0;
        for (var i = 0; i < _counts.Length; i++)
        {
            running += Volatile.Read(ref _counts[i]);
            result[i] = running;
        }
        return result;
    }
}
