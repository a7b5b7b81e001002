namespace Wiber.Checker.Timeline;

/// <summary>Acknowledged publishes per time bucket: one-second buckets, wider ones for long runs (at most ~200 bars).</summary>
internal static class Throughput
{
    private const int MaxBuckets = 200;

    public static (long BucketMs, int[] Counts) Build(IEnumerable<PublishRecord> publishes, long startMs, long endMs)
    {
        var span = Math.Max(1, endMs - startMs);
        var bucketMs = Math.Max(1_000, (span + (MaxBuckets * 1_000L) - 1) / (MaxBuckets * 1_000L) * 1_000L);
        var counts = new int[(int)((span / bucketMs) + 1)];
        foreach (var p in publishes)
        {
            if (p.Outcome == PublishOutcome.Ok && p.CompleteAtMs >= startMs && p.CompleteAtMs <= endMs)
            {
                counts[(p.CompleteAtMs - startMs) / bucketMs]++;
            }
        }

        return (bucketMs, counts);
    }
}
