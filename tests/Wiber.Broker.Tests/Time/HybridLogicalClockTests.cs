using Wiber.Broker.Time;

namespace Wiber.Broker.Tests.Time;

public sealed class HybridLogicalClockTests
{
    private readonly ManualClock _wall = new();

    private HybridLogicalClock NewClock() => new(_wall);

    [Fact]
    public void Follows_the_wall_clock_and_counts_within_a_millisecond()
    {
        var hlc = NewClock();

        var first = hlc.Now();
        var second = hlc.Now();
        _wall.AdvanceMs(5);
        var third = hlc.Now();

        Assert.Equal(HlcTimestamp.Create(_wall.UtcNowMs - 5, 0), first);
        Assert.Equal(HlcTimestamp.Create(_wall.UtcNowMs - 5, 1), second);
        Assert.Equal(HlcTimestamp.Create(_wall.UtcNowMs, 0), third);
        Assert.Equal(third, hlc.Current);
    }

    [Fact]
    public void Stays_monotonic_when_the_wall_clock_jumps_back_then_catches_up()
    {
        var hlc = NewClock();
        var start = _wall.UtcNowMs;
        var before = hlc.Now();

        _wall.SetWallClock(start - 60_000);
        var during = Enumerable.Range(0, 100).Select(_ => hlc.Now()).ToList();

        Assert.All(during, t => Assert.Equal(start, t.PhysicalMs));
        Assert.Equal(Enumerable.Range(1, 100), during.Select(t => t.Counter));
        Assert.True(before < during[0]);

        _wall.SetWallClock(start + 1);
        var after = hlc.Now();
        Assert.Equal(HlcTimestamp.Create(start + 1, 0), after);
    }

    [Fact]
    public void Jumping_forward_moves_the_physical_part_with_it()
    {
        var hlc = NewClock();
        hlc.Now();

        _wall.SetWallClock(_wall.UtcNowMs + 3_600_000);

        Assert.Equal(HlcTimestamp.Create(_wall.UtcNowMs, 0), hlc.Now());
    }

    [Fact]
    public void Counter_overflow_bumps_the_physical_part_instead_of_wrapping()
    {
        var hlc = NewClock();
        var start = _wall.UtcNowMs;

        var last = HlcTimestamp.Zero;
        for (var i = 0; i <= HlcTimestamp.MaxCounter; i++)
        {
            var next = hlc.Now();
            Assert.True(next > last);
            last = next;
        }
        Assert.Equal(HlcTimestamp.Create(start, HlcTimestamp.MaxCounter), last);

        Assert.Equal(HlcTimestamp.Create(start + 1, 0), hlc.Now());
        // The wall clock has not moved; the clock keeps counting from its own, slightly ahead, time.
        Assert.Equal(HlcTimestamp.Create(start + 1, 1), hlc.Now());
    }

    [Fact]
    public void Update_overflow_bumps_the_physical_part_too()
    {
        var hlc = NewClock();

        var merged = hlc.Update(HlcTimestamp.Create(_wall.UtcNowMs, HlcTimestamp.MaxCounter));

        Assert.Equal(HlcTimestamp.Create(_wall.UtcNowMs + 1, 0), merged);
    }

    [Fact]
    public void A_receive_is_later_than_the_send_even_from_a_clock_far_ahead()
    {
        var hlc = NewClock();
        var remote = HlcTimestamp.Create(_wall.UtcNowMs + 5_000, 9);

        var received = hlc.Update(remote);
        var next = hlc.Now();

        Assert.Equal(HlcTimestamp.Create(remote.PhysicalMs, 10), received);
        Assert.Equal(HlcTimestamp.Create(remote.PhysicalMs, 11), next);
    }

    [Fact]
    public void A_remote_timestamp_behind_us_only_advances_our_counter()
    {
        var hlc = NewClock();
        var local = hlc.Now();

        var merged = hlc.Update(HlcTimestamp.Create(local.PhysicalMs - 10, 500));

        Assert.Equal(HlcTimestamp.Create(local.PhysicalMs, local.Counter + 1), merged);
    }

    [Fact]
    public void Equal_physical_parts_continue_from_the_larger_counter()
    {
        var hlc = NewClock();
        hlc.Now();
        hlc.Now();

        Assert.Equal(HlcTimestamp.Create(_wall.UtcNowMs, 8), hlc.Update(HlcTimestamp.Create(_wall.UtcNowMs, 7)));
        Assert.Equal(HlcTimestamp.Create(_wall.UtcNowMs, 9), hlc.Update(HlcTimestamp.Create(_wall.UtcNowMs, 2)));
    }

    [Fact]
    public void When_the_wall_clock_is_ahead_of_both_it_wins_with_counter_zero()
    {
        var hlc = NewClock();
        hlc.Now();
        _wall.AdvanceMs(10);

        Assert.Equal(HlcTimestamp.Create(_wall.UtcNowMs, 0), hlc.Update(HlcTimestamp.Create(_wall.UtcNowMs - 5, 40).Value));
    }

    [Fact]
    public void Causality_holds_between_nodes_with_skewed_clocks_that_jump()
    {
        var random = new Random(7);
        var wallA = new ManualClock();
        var wallB = new ManualClock(ManualClock.DefaultStartMs - 250); // B runs 250 ms behind
        var a = new HybridLogicalClock(wallA);
        var b = new HybridLogicalClock(wallB);
        var lastA = HlcTimestamp.Zero;
        var lastB = HlcTimestamp.Zero;

        for (var i = 0; i < 10_000; i++)
        {
            var wall = random.Next(2) == 0 ? wallA : wallB;
            if (random.Next(100) == 0)
            {
                wall.SetWallClock(wall.UtcNowMs - random.Next(1, 2_000)); // an NTP step backwards
            }
            else
            {
                wall.AdvanceMs(random.Next(0, 3));
            }

            var (sender, receiver) = random.Next(2) == 0 ? (a, b) : (b, a);
            var sent = sender.Now();
            var received = receiver.Update(sent);

            Assert.True(received > sent, $"step {i}: receive {received} not after send {sent}");
            var (newA, newB) = (a.Current, b.Current);
            Assert.True(newA >= lastA && newB >= lastB, $"step {i}: a clock went backwards");
            (lastA, lastB) = (newA, newB);
        }
    }

    [Fact]
    public void Concurrent_callers_never_see_the_same_timestamp()
    {
        var hlc = new HybridLogicalClock(SystemClock.Instance);
        var perThread = new List<HlcTimestamp>[4];

        Parallel.For(0, perThread.Length, t =>
        {
            var mine = new List<HlcTimestamp>(10_000);
            for (var i = 0; i < 10_000; i++)
            {
                mine.Add(i % 2 == 0 ? hlc.Now() : hlc.Update(hlc.Current));
            }
            perThread[t] = mine;
        });

        Assert.All(perThread, list => Assert.True(list.Zip(list.Skip(1)).All(p => p.First < p.Second)));
        var all = perThread.SelectMany(l => l).ToList();
        Assert.Equal(all.Count, all.Distinct().Count());
    }
}
