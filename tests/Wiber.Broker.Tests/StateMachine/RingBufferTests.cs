using Wiber.Broker.StateMachine;

namespace Wiber.Broker.Tests.StateMachine;

public sealed class RingBufferTests
{
    [Fact]
    public void Capacity_grows_and_shrinks_with_the_count()
    {
        var ring = new RingBuffer<int>();
        for (var i = 0; i < 1_000; i++)
        {
            ring.Add(i);
        }
        Assert.InRange(ring.Capacity, 1_000, 2_048);

        while (ring.Count > 10)
        {
            ring.RemoveFirst();
        }

        Assert.InRange(ring.Capacity, 10, 64);
        Assert.Equal(Enumerable.Range(990, 10), ring.Copy(0, 10));
    }

    [Fact]
    public void Indexing_and_copies_work_across_the_wrap()
    {
        var ring = new RingBuffer<int>();
        for (var i = 0; i < 8; i++)
        {
            ring.Add(i);
        }
        ring.RemoveFirst();
        ring.RemoveFirst();
        ring.RemoveFirst();
        ring.Add(8);
        ring.Add(9);

        Assert.Equal(3, ring.First);
        Assert.Equal(9, ring.Last);
        Assert.Equal([4, 5, 6, 7, 8, 9], ring.Copy(1, 6));
        Assert.Equal(4, ring.LowerBound(7, static x => x));
        Assert.Throws<ArgumentOutOfRangeException>(() => ring[7]);
    }
}
