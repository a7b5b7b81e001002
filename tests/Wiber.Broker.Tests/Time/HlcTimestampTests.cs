using Wiber.Broker.Time;

namespace Wiber.Broker.Tests.Time;

public sealed class HlcTimestampTests
{
    [Fact]
    public void Physical_time_takes_the_upper_48_bits_and_the_counter_the_lower_16()
    {
        var timestamp = HlcTimestamp.Create(1_704_067_200_000, 3);

        Assert.Equal((1_704_067_200_000UL << 16) | 3, timestamp.Value);
        Assert.Equal(1_704_067_200_000, timestamp.PhysicalMs);
        Assert.Equal(3, timestamp.Counter);
        Assert.Equal(1_704_067_200_000, HlcTimestamp.PhysicalMsOf(timestamp.Value));
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1_704_067_200_000), timestamp.ToDateTimeOffset());
    }

    [Fact]
    public void Packed_values_order_like_the_timestamps()
    {
        var earlier = HlcTimestamp.Create(1000, HlcTimestamp.MaxCounter);
        var later = HlcTimestamp.Create(1001, 0);

        Assert.True(earlier < later);
        Assert.True(earlier.Value < later.Value);
        Assert.True(HlcTimestamp.Create(1000, 1) > HlcTimestamp.Create(1000, 0));
        Assert.Equal(-1, earlier.CompareTo(later));
    }

    [Fact]
    public void Formats_as_ms_dot_counter_and_parses_back()
    {
        var timestamp = HlcTimestamp.Create(1_704_067_200_123, 7);

        Assert.Equal("1704067200123.7", timestamp.ToString());
        Assert.Equal(timestamp, HlcTimestamp.Parse("1704067200123.7"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("1704067200123")]
    [InlineData(".7")]
    [InlineData("1704067200123.")]
    [InlineData("1704067200123.65536")]
    [InlineData("-1.0")]
    [InlineData("281474976710656.0")]
    public void Refuses_what_is_not_a_timestamp(string text)
    {
        Assert.False(HlcTimestamp.TryParse(text, out _));
        Assert.Throws<FormatException>(() => HlcTimestamp.Parse(text));
    }

    [Fact]
    public void Create_refuses_out_of_range_parts()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => HlcTimestamp.Create(-1, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => HlcTimestamp.Create(HlcTimestamp.MaxPhysicalMs + 1, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => HlcTimestamp.Create(0, HlcTimestamp.MaxCounter + 1));
    }
}
