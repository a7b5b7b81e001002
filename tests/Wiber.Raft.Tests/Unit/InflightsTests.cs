namespace Wiber.Raft.Tests.Unit;

public sealed class InflightsTests
{
    [Fact]
    public void Full_when_the_count_reaches_capacity()
    {
        var inflights = new Inflights(3, maxBytes: 0);
        inflights.Add(1, 10);
        inflights.Add(2, 10);
        Assert.False(inflights.Full);

        inflights.Add(3, 10);

        Assert.True(inflights.Full);
        Assert.Equal((3, 30L), (inflights.Count, inflights.Bytes));
    }

    [Fact]
    public void Full_when_the_bytes_reach_the_limit()
    {
        var inflights = new Inflights(10, maxBytes: 100);
        inflights.Add(1, 60);
        Assert.False(inflights.Full);

        inflights.Add(2, 40);

        Assert.True(inflights.Full);
        Assert.Equal(2, inflights.Count);
    }

    [Fact]
    public void Zero_max_bytes_means_no_byte_bound()
    {
        var inflights = new Inflights(10, maxBytes: 0);

        inflights.Add(1, long.MaxValue / 2);

        Assert.False(inflights.Full);
    }

    [Fact]
    public void FreeLessOrEqual_frees_the_acknowledged_prefix_only()
    {
        var inflights = new Inflights(10, maxBytes: 0);
        for (ulong i = 1; i <= 5; i++)
        {
            inflights.Add(i, 10);
        }

        inflights.FreeLessOrEqual(3);
        Assert.Equal((2, 20L), (inflights.Count, inflights.Bytes));

        inflights.FreeLessOrEqual(2); // stale acknowledgement
        Assert.Equal((2, 20L), (inflights.Count, inflights.Bytes));

        inflights.FreeLessOrEqual(100);
        Assert.Equal((0, 0L), (inflights.Count, inflights.Bytes));
    }

    [Fact]
    public void Freeing_makes_room_again_after_full_by_bytes()
    {
        var inflights = new Inflights(10, maxBytes: 100);
        inflights.Add(1, 70);
        inflights.Add(2, 70);
        Assert.True(inflights.Full);

        inflights.FreeLessOrEqual(1);

        Assert.False(inflights.Full);
        Assert.Equal(70L, inflights.Bytes);
    }

    [Fact]
    public void Growth_keeps_order_while_the_ring_is_wrapped()
    {
        // Start small, wrap the ring, then grow past the initial buffer: order and byte counts must survive.
        var inflights = new Inflights(16, maxBytes: 0);
        for (ulong i = 1; i <= 4; i++)
        {
            inflights.Add(i, (long)i);
        }
        inflights.FreeLessOrEqual(2);
        for (ulong i = 5; i <= 16; i++)
        {
            inflights.Add(i, (long)i);
        }
        Assert.Equal(14, inflights.Count);
        Assert.Equal(Enumerable.Range(3, 14).Sum(), inflights.Bytes);

        for (ulong upTo = 3; upTo <= 16; upTo++)
        {
            inflights.FreeLessOrEqual(upTo);
            Assert.Equal(16 - (int)upTo, inflights.Count);
            Assert.Equal(Enumerable.Range((int)upTo + 1, 16 - (int)upTo).Sum(), inflights.Bytes);
        }
    }

    [Fact]
    public void Capacity_one_works()
    {
        var inflights = new Inflights(1, maxBytes: 0);
        inflights.Add(7, 5);
        Assert.True(inflights.Full);
        inflights.FreeLessOrEqual(7);
        Assert.False(inflights.Full);
        inflights.Add(8, 5);
        Assert.Equal((1, 5L), (inflights.Count, inflights.Bytes));
    }

    [Fact]
    public void Adding_past_capacity_forgets_the_oldest()
    {
        var inflights = new Inflights(2, maxBytes: 0);
        inflights.Add(1, 1);
        inflights.Add(2, 2);

        inflights.Add(3, 4);

        Assert.Equal((2, 6L), (inflights.Count, inflights.Bytes));
        inflights.FreeLessOrEqual(2);
        Assert.Equal((1, 4L), (inflights.Count, inflights.Bytes));
    }

    [Fact]
    public void Reset_empties_the_window_and_it_can_be_reused()
    {
        var inflights = new Inflights(3, maxBytes: 100);
        inflights.Add(1, 50);
        inflights.Add(2, 50);
        Assert.True(inflights.Full);

        inflights.Reset();

        Assert.Equal((0, 0L, false), (inflights.Count, inflights.Bytes, inflights.Full));
        inflights.Add(3, 10);
        inflights.Add(4, 10);
        inflights.Add(5, 10);
        Assert.True(inflights.Full);
        inflights.FreeLessOrEqual(4);
        Assert.Equal((1, 10L), (inflights.Count, inflights.Bytes));
    }
}
