using Wiber.Broker.Time;

namespace Wiber.Broker.Tests.Time;

public sealed class ClockTests
{
    [Fact]
    public void Skew_moves_the_wall_clock_but_not_monotonic_time()
    {
        var inner = new ManualClock();
        var clock = new SkewableClock(inner, allowSkew: true);

        clock.SetOffset(TimeSpan.FromSeconds(-30));
        inner.AdvanceMs(10);

        Assert.Equal(inner.UtcNowMs - 30_000, clock.UtcNowMs);
        Assert.Equal(inner.Elapsed, clock.Elapsed);
        Assert.Equal(TimeSpan.FromSeconds(-30), clock.Offset);

        clock.SetOffset(TimeSpan.Zero);
        Assert.Equal(inner.UtcNowMs, clock.UtcNowMs);
    }

    [Fact]
    public void Skew_is_refused_unless_allowed_by_configuration()
    {
        var clock = new SkewableClock(new ManualClock(), allowSkew: false);

        var error = Assert.Throws<InvalidOperationException>(() => clock.SetOffset(TimeSpan.FromSeconds(1)));
        Assert.Contains("clock.allow_skew", error.Message, StringComparison.Ordinal);
        Assert.Equal(TimeSpan.Zero, clock.Offset);
    }

    [Fact]
    public void Skew_is_bounded()
    {
        var clock = new SkewableClock(new ManualClock(), allowSkew: true);

        Assert.Throws<ArgumentOutOfRangeException>(() => clock.SetOffset(TimeSpan.FromDays(2)));
        Assert.Throws<ArgumentOutOfRangeException>(() => clock.SetOffset(TimeSpan.FromDays(-2)));
    }

    [Fact]
    public void The_system_clock_reads_unix_milliseconds_and_monotonic_time()
    {
        var before = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var now = SystemClock.Instance.UtcNowMs;
        var elapsed = SystemClock.Instance.Elapsed;

        Assert.InRange(now, before, before + 60_000);
        Assert.True(SystemClock.Instance.Elapsed >= elapsed);
    }

    [Fact]
    public void The_manual_clock_only_moves_monotonic_time_forwards()
    {
        var clock = new ManualClock(1_000);

        clock.Advance(TimeSpan.FromMilliseconds(5));
        clock.SetWallClock(0);

        Assert.Equal(0, clock.UtcNowMs);
        Assert.Equal(TimeSpan.FromMilliseconds(5), clock.Elapsed);
        Assert.Throws<ArgumentOutOfRangeException>(() => clock.Advance(TimeSpan.FromMilliseconds(-1)));
    }
}
