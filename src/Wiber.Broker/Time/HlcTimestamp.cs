using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Wiber.Broker.Time;

/// <summary>
/// A hybrid logical timestamp packed in 64 bits: the upper 48 bits are Unix milliseconds (enough until
/// the year 10889), the lower 16 a logical counter that orders events within one millisecond or while
/// the wall clock lags. Packed values compare the same way the timestamps do, so storage and the wire
/// can carry the raw <see cref="Value"/>. The layout is the one <c>StateMachine.HybridTimestamp</c> reads
/// from commands, so <see cref="Value"/> can be stored there as is.
/// </summary>
public readonly record struct HlcTimestamp : IComparable<HlcTimestamp>
{
    public const int CounterBits = 16;
    public const long MaxCounter = (1L << CounterBits) - 1;
    public const long MaxPhysicalMs = (1L << (64 - CounterBits)) - 1;

    public HlcTimestamp(ulong value) => Value = value;

    public static HlcTimestamp Zero { get; }

    /// <summary>The packed form: <c>physical &lt;&lt; 16 | counter</c>.</summary>
    public ulong Value { get; }

    /// <summary>The wall-clock part, Unix milliseconds.</summary>
    public long PhysicalMs => PhysicalMsOf(Value);

    public int Counter => (int)(Value & MaxCounter);

    public static HlcTimestamp Create(long physicalMs, long counter)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(physicalMs);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(physicalMs, MaxPhysicalMs);
        ArgumentOutOfRangeException.ThrowIfNegative(counter);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(counter, MaxCounter);
        return new HlcTimestamp(((ulong)physicalMs << CounterBits) | (ulong)counter);
    }

    /// <summary>The physical part of a packed value, without building a timestamp.</summary>
    public static long PhysicalMsOf(ulong packed) => (long)(packed >> CounterBits);

    public DateTimeOffset ToDateTimeOffset() => DateTimeOffset.FromUnixTimeMilliseconds(PhysicalMs);

    /// <summary><c>ms.counter</c>, e.g. <c>1704067200000.3</c>; <see cref="Parse"/> reads it back.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{PhysicalMs}.{Counter}");

    public static HlcTimestamp Parse(string text) =>
        TryParse(text, out var timestamp) ? timestamp : throw new FormatException($"'{text}' is not a hybrid timestamp (expected <unix-ms>.<counter>, e.g. 1704067200000.3)");

    public static bool TryParse([NotNullWhen(true)] string? text, out HlcTimestamp timestamp)
    {
        timestamp = Zero;
        var dot = text?.IndexOf('.', StringComparison.Ordinal) ?? -1;
        if (text is null || dot <= 0)
        {
            return false;
        }
        if (!long.TryParse(text.AsSpan(0, dot), NumberStyles.None, CultureInfo.InvariantCulture, out var physical)
            || !long.TryParse(text.AsSpan(dot + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var counter)
            || physical > MaxPhysicalMs
            || counter > MaxCounter)
        {
            return false;
        }
        timestamp = Create(physical, counter);
        return true;
    }

    public int CompareTo(HlcTimestamp other) => Value.CompareTo(other.Value);

    public static bool operator <(HlcTimestamp left, HlcTimestamp right) => left.Value < right.Value;

    public static bool operator >(HlcTimestamp left, HlcTimestamp right) => left.Value > right.Value;

    public static bool operator <=(HlcTimestamp left, HlcTimestamp right) => left.Value <= right.Value;

    public static bool operator >=(HlcTimestamp left, HlcTimestamp right) => left.Value >= right.Value;
}
