using Wiber.Cli.Commands.Bench.Harness;

namespace Wiber.Bench.Tests;

public sealed class HistogramTests
{
    private static readonly double[] Percentiles = [0, 1, 10, 25, 50, 75, 90, 99, 99.9, 99.99, 100];

    /// <summary>Nearest rank on a sorted array: the ⌈p·n⌉-th smallest (the first for p = 0).</summary>
    private static long Exact(long[] sorted, double percentile) => sorted[Math.Max(0, (int)Math.Ceiling(percentile / 100 * sorted.Length) - 1)];

    private static void AssertClose(LogLinearHistogram h, long[] sorted)
    {
        foreach (var p in Percentiles)
        {
            var exact = Exact(sorted, p);
            var reported = h.ValueAtPercentile(p);
            // Never below the true percentile; above it by less than one bucket (relative error 2^(1-P)).
            Assert.True(reported >= exact, $"p{p}: reported {reported} < exact {exact}");
            Assert.True(reported <= exact + (long)Math.Floor(exact * h.RelativeError), $"p{p}: reported {reported} too far above exact {exact} (relative error {h.RelativeError})");
        }

        Assert.Equal(sorted[^1], h.Max);
        Assert.Equal(sorted[0], h.Min);
        Assert.Equal(sorted.Length, h.Count);
        var mean = sorted.Average(v => (double)v);
        Assert.True(Math.Abs(mean - h.Mean) <= 1e-9 * Math.Max(1, mean), $"mean {h.Mean} vs {mean}");
    }

    [Theory]
    [InlineData(1, 100_000)]
    [InlineData(2, 1_000)]
    [InlineData(3, 7)]
    [InlineData(4, 1)]
    public void Percentiles_match_a_sorted_array_on_random_latencies(int seed, int n)
    {
        var random = new Random(seed);
        // Log-uniform from 1 ns to ~100 s, like latencies with a long tail.
        var values = Enumerable.Range(0, n).Select(_ => (long)Math.Exp(random.NextDouble() * Math.Log(1e11))).ToArray();
        var h = new LogLinearHistogram();
        foreach (var v in values)
        {
            h.Record(v);
        }

        Array.Sort(values);
        AssertClose(h, values);
    }

    [Fact]
    public void Percentiles_match_on_clustered_values_and_duplicates()
    {
        var random = new Random(42);
        var values = Enumerable.Range(0, 50_000).Select(i => i % 10 == 0 ? 5_000_000L + random.Next(1000) : 700_000L + random.Next(50)).ToArray();
        var h = new LogLinearHistogram(precisionBits: 8);
        foreach (var v in values)
        {
            h.Record(v);
        }

        Array.Sort(values);
        AssertClose(h, values);
    }

    [Fact]
    public void Small_values_are_exact()
    {
        var h = new LogLinearHistogram();
        for (var v = 0; v < 2048; v++)
        {
            h.Record(v);
        }

        Assert.Equal(1023, h.ValueAtPercentile(50));
        Assert.Equal(2047, h.ValueAtPercentile(100));
        Assert.Equal(0, h.ValueAtPercentile(0));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(8)]
    [InlineData(11)]
    public void Buckets_are_contiguous_and_every_value_falls_in_its_own(int precision)
    {
        var h = new LogLinearHistogram(precision, maxExponent: 30);
        for (var i = 0; i < h.BucketCount; i++)
        {
            var low = h.LowestEquivalent(i);
            var high = h.HighestEquivalent(i);
            Assert.Equal(i, h.IndexOf(low));
            Assert.Equal(i, h.IndexOf(high));
            if (i + 1 < h.BucketCount)
            {
                Assert.Equal(high + 1, h.LowestEquivalent(i + 1));
            }

            Assert.True(high - low <= Math.Max(0, low * h.RelativeError), $"bucket {i} [{low}, {high}] wider than the relative error");
        }
    }

    [Fact]
    public void Adding_histograms_equals_recording_everything_in_one()
    {
        var random = new Random(7);
        var values = Enumerable.Range(0, 20_000).Select(_ => (long)random.Next(1, 50_000_000)).ToArray();
        var a = new LogLinearHistogram();
        var b = new LogLinearHistogram();
        var all = new LogLinearHistogram();
        for (var i = 0; i < values.Length; i++)
        {
            (i % 2 == 0 ? a : b).Record(values[i]);
            all.Record(values[i]);
        }

        a.Add(b);
        foreach (var p in Percentiles)
        {
            Assert.Equal(all.ValueAtPercentile(p), a.ValueAtPercentile(p));
        }

        Assert.Equal(all.Count, a.Count);
        Assert.Equal(all.Max, a.Max);
        Assert.True(Math.Abs(all.Mean - a.Mean) <= 1e-9 * all.Mean);
    }

    [Fact]
    public void Concurrent_recording_loses_nothing()
    {
        var h = new LogLinearHistogram();
        Parallel.For(0, 8, t =>
        {
            for (var i = 0; i < 50_000; i++)
            {
                h.Record(1000 + i);
            }
        });

        Assert.Equal(400_000, h.Count);
        Assert.Equal(50_999, h.Max);
        Assert.Equal(1000, h.Min);
    }

    [Fact]
    public void Out_of_range_values_are_clamped_but_the_max_is_exact()
    {
        var h = new LogLinearHistogram(precisionBits: 11, maxExponent: 20);
        h.Record(-5);
        h.Record(long.MaxValue / 2);
        Assert.Equal(long.MaxValue / 2, h.Max);
        Assert.Equal(0, h.Min);
        Assert.Equal(long.MaxValue / 2, h.ValueAtPercentile(100));
        Assert.Throws<ArgumentOutOfRangeException>(() => h.ValueAtPercentile(101));
        Assert.Equal(0, new LogLinearHistogram().ValueAtPercentile(99));
    }

    [Fact]
    public void The_send_stamp_round_trips()
    {
        var payload = BenchRunner.NewPayload(128);
        BenchRunner.WriteStamp(payload, 0x0123_4567_89ab_cdef);
        Assert.True(BenchRunner.TryReadStamp(payload, out var stamp));
        Assert.Equal(0x0123_4567_89ab_cdef, stamp);
        Assert.False(BenchRunner.TryReadStamp(BenchRunner.NewPayload(8), out _));
        Assert.All(payload, b => Assert.InRange(b, (byte)'0', (byte)'z'));
    }
}
