using System.Diagnostics;

namespace Wiber.Cli.Commands.Bench.Harness;

/// <summary>
/// A latency histogram in the manner of HdrHistogram: log-linear buckets over non-negative integers
/// (nanoseconds here). Values below 2^P are counted exactly; every power-of-two range above is cut into
/// 2^(P-1) equal buckets, so any value is known to within a relative error of 2^(1-P) (P = 11: under
/// 0.1 %, "three significant digits"). Recording is lock-free (one <see cref="Interlocked"/> increment),
/// so many completions may record into one histogram at once. Percentiles are nearest-rank: the value
/// reported for p is the highest value of the bucket holding the ⌈p·n⌉-th smallest recording, capped at
/// the exact maximum — never below the true percentile, and above it by less than the bucket width.
/// </summary>
internal sealed class LogLinearHistogram
{
    /// <summary>Default precision: 11 bits (2048 sub-buckets).</summary>
    public const int DefaultPrecisionBits = 11;

    /// <summary>Largest value tracked without clamping: 2^40 ns ≈ 18 minutes.</summary>
    public const int DefaultMaxExponent = 40;

    private readonly long[] _counts;
    private readonly int _precision;
    private readonly int _subBuckets;     // 2^P
    private readonly int _halfSubBuckets; // 2^(P-1)
    private readonly long _highestTrackable;
    private long _count;
    private long _max = long.MinValue;
    private long _min = long.MaxValue;
    private long _sum;

    public LogLinearHistogram(int precisionBits = DefaultPrecisionBits, int maxExponent = DefaultMaxExponent)
    {
        if (precisionBits is < 2 or > 20)
        {
            throw new ArgumentOutOfRangeException(nameof(precisionBits), "must be 2..20");
        }

        if (maxExponent < precisionBits || maxExponent > 62)
        {
            throw new ArgumentOutOfRangeException(nameof(maxExponent), "must be at least the precision and at most 62");
        }

        _precision = precisionBits;
        _subBuckets = 1 << precisionBits;
        _halfSubBuckets = _subBuckets >> 1;
        _highestTrackable = (1L << (maxExponent + 1)) - 1;
        _counts = new long[IndexOf(_highestTrackable) + 1];
        PrecisionBits = precisionBits;
    }

    public int PrecisionBits { get; }

    /// <summary>Upper bound of the relative error of a reported value: 2^(1-P).</summary>
    public double RelativeError => 1.0 / _halfSubBuckets;

    public long Count => Interlocked.Read(ref _count);

    public long Max => Count == 0 ? 0 : Interlocked.Read(ref _max);

    public long Min => Count == 0 ? 0 : Interlocked.Read(ref _min);

    public double Mean => Count == 0 ? 0 : (double)Interlocked.Read(ref _sum) / Count;

    /// <summary>Number of buckets (for tests and memory estimates).</summary>
    public int BucketCount => _counts.Length;

    /// <summary>Records one value (negative values count as 0; values above the tracked range land in the top bucket, the exact max is kept).</summary>
    public void Record(long value)
    {
        if (value < 0)
        {
            value = 0;
        }

        Interlocked.Increment(ref _counts[IndexOf(Math.Min(value, _highestTrackable))]);
        Interlocked.Increment(ref _count);
        UpdateMax(value);
        UpdateMin(value);
        Interlocked.Add(ref _sum, value);
    }

    /// <summary>Records the time since a <see cref="Stopwatch.GetTimestamp"/> value, in nanoseconds.</summary>
    public void RecordSince(long startTimestamp) => Record(TicksToNanoseconds(Stopwatch.GetTimestamp() - startTimestamp));

    public static long TicksToNanoseconds(long ticks) => Stopwatch.Frequency == 1_000_000_000 ? ticks : (long)(ticks * (1e9 / Stopwatch.Frequency));

    /// <summary>Adds every recording of <paramref name="other"/> (same precision) to this one.</summary>
    public void Add(LogLinearHistogram other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other._precision != _precision || other._counts.Length != _counts.Length)
        {
            throw new ArgumentException("histograms of different layouts cannot be added", nameof(other));
        }

        for (var i = 0; i < _counts.Length; i++)
        {
            var c = Interlocked.Read(ref other._counts[i]);
            if (c != 0)
            {
                Interlocked.Add(ref _counts[i], c);
            }
        }

        var count = other.Count;
        if (count == 0)
        {
            return;
        }

        Interlocked.Add(ref _count, count);
        UpdateMax(other.Max);
        UpdateMin(other.Min);
        Interlocked.Add(ref _sum, Interlocked.Read(ref other._sum));
    }

    /// <summary>
    /// The nearest-rank percentile (<paramref name="percentile"/> in 0..100): the highest value equivalent to the
    /// bucket holding the ⌈p/100·n⌉-th smallest recording, at most the maximum recorded. 0 when empty.
    /// </summary>
    public long ValueAtPercentile(double percentile)
    {
        if (double.IsNaN(percentile) || percentile < 0 || percentile > 100)
        {
            throw new ArgumentOutOfRangeException(nameof(percentile), "must be 0..100");
        }

        var count = Count;
        if (count == 0)
        {
            return 0;
        }

        var rank = Math.Max(1, (long)Math.Ceiling(percentile / 100.0 * count));
        long seen = 0;
        for (var i = 0; i < _counts.Length; i++)
        {
            seen += Interlocked.Read(ref _counts[i]);
            if (seen >= rank)
            {
                // The top bucket also holds every clamped value: only the exact maximum is known there.
                return i == _counts.Length - 1 ? Max : Math.Min(HighestEquivalent(i), Max);
            }
        }

        return Max;
    }

    /// <summary>Milliseconds at a percentile, for values recorded in nanoseconds.</summary>
    public double MillisecondsAt(double percentile) => ValueAtPercentile(percentile) / 1e6;

    /// <summary>The bucket of a value in 0..highest trackable.</summary>
    internal int IndexOf(long value)
    {
        if (value < _subBuckets)
        {
            return (int)value;
        }

        var exponent = 63 - (int)long.LeadingZeroCount(value);   // floor(log2 v), at least P
        var shift = exponent - _precision + 1;
        var sub = (int)(value >> shift);                    // in [2^(P-1), 2^P)
        return _subBuckets + ((exponent - _precision) * _halfSubBuckets) + (sub - _halfSubBuckets);
    }

    /// <summary>The smallest value that falls in bucket <paramref name="index"/>.</summary>
    internal long LowestEquivalent(int index)
    {
        if (index < _subBuckets)
        {
            return index;
        }

        var k = index - _subBuckets;
        var exponent = _precision + (k / _halfSubBuckets);
        var sub = (long)((k % _halfSubBuckets) + _halfSubBuckets);
        return sub << (exponent - _precision + 1);
    }

    /// <summary>The largest value that falls in bucket <paramref name="index"/>.</summary>
    internal long HighestEquivalent(int index)
    {
        if (index < _subBuckets)
        {
            return index;
        }

        var k = index - _subBuckets;
        var exponent = _precision + (k / _halfSubBuckets);
        return LowestEquivalent(index) + (1L << (exponent - _precision + 1)) - 1;
    }

    private void UpdateMax(long value)
    {
        var current = Interlocked.Read(ref _max);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref _max, value, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }

    private void UpdateMin(long value)
    {
        var current = Interlocked.Read(ref _min);
        while (value < current)
        {
            var seen = Interlocked.CompareExchange(ref _min, value, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }
}
