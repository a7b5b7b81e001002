using Wiber.Broker.Time;

namespace Wiber.Broker.Tests.Time;

public sealed class ClockOffsetEstimatorTests
{
    [Fact]
    public void A_sample_gives_offset_and_round_trip_by_the_sntp_formulas()
    {
        // Legs of 4 ms each, 2 ms at the peer, peer 1046 ms ahead.
        var sample = new ClockSample(T0: 100, T1: 1150, T2: 1152, T3: 110);

        Assert.Equal(1046, sample.OffsetMs);
        Assert.Equal(8, sample.RoundTripMs);
    }

    [Fact]
    public void No_estimate_before_the_first_sample()
    {
        Assert.Null(new ClockOffsetEstimator(new ManualClock()).Estimate());
    }

    [Theory]
    [InlineData(1, 1_234)]
    [InlineData(2, -750)]
    [InlineData(3, 0)]
    [InlineData(4, 86_400_000)]
    [InlineData(5, 3)]
    public void Converges_to_the_true_offset_within_half_the_round_trip(int seed, long trueOffsetMs)
    {
        var link = new SimulatedLink(seed, baseDelayMs: 2, maxQueueingMs: 40);
        link.PeerClock.SetOffset(TimeSpan.FromMilliseconds(trueOffsetMs));
        var estimator = new ClockOffsetEstimator(link.OurClock);

        for (var i = 0; i < 50; i++)
        {
            Assert.True(estimator.AddSample(link.Exchange()));
            var estimate = estimator.Estimate()!;
            Assert.InRange(trueOffsetMs, estimate.OffsetMs - estimate.ErrorBoundMs, estimate.OffsetMs + estimate.ErrorBoundMs);
            link.OurClock.AdvanceMs(1_000);
        }

        var final = estimator.Estimate()!;
        Assert.InRange(final.RoundTripMs, 4, 10); // the filter found a sample without queueing
        Assert.InRange(Math.Abs(final.OffsetMs - trueOffsetMs), 0, 5);
        Assert.False(final.IsStale);
        Assert.Equal(ClockOffsetEstimator.DefaultWindow, final.Samples);
    }

    [Fact]
    public void The_smallest_round_trip_beats_averaging_when_queueing_is_one_sided()
    {
        // Replies queue, requests do not: every sample underestimates the offset, slow ones by more.
        var link = new SimulatedLink(seed: 11, baseDelayMs: 3, maxQueueingMs: 80, queueOnlyOnReturn: true);
        link.PeerClock.SetOffset(TimeSpan.FromMilliseconds(500));
        var estimator = new ClockOffsetEstimator(link.OurClock, window: 16);
        var samples = Enumerable.Range(0, 16).Select(_ => link.Exchange()).ToList();
        samples.ForEach(s => estimator.AddSample(s));

        var filteredError = Math.Abs(estimator.Estimate()!.OffsetMs - 500);
        var averagedError = Math.Abs(samples.Average(s => s.OffsetMs) - 500);

        Assert.True(filteredError < averagedError, $"filtered {filteredError} ms vs averaged {averagedError} ms");
        Assert.True(estimator.Estimate()!.JitterMs > 0);
    }

    [Fact]
    public void Only_the_last_window_of_samples_counts()
    {
        var estimator = new ClockOffsetEstimator(new ManualClock(), window: 3);

        estimator.AddSample(new ClockSample(0, 100, 100, 2)); // rtt 2, offset 99
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(99, estimator.Estimate()!.OffsetMs);
            estimator.AddSample(new ClockSample(0, 200, 200, 10)); // rtt 10, offset 195
        }

        var estimate = estimator.Estimate()!;
        Assert.Equal(195, estimate.OffsetMs);
        Assert.Equal(10, estimate.RoundTripMs);
        Assert.Equal(5, estimate.ErrorBoundMs);
        Assert.Equal(3, estimate.Samples);
        Assert.Equal(0, estimate.JitterMs);
    }

    [Fact]
    public void Jitter_is_the_rms_spread_around_the_chosen_offset()
    {
        var estimator = new ClockOffsetEstimator(new ManualClock());

        estimator.AddSample(new ClockSample(0, 50, 50, 0));  // rtt 0, offset 50: chosen
        estimator.AddSample(new ClockSample(0, 56, 56, 4));  // rtt 4, offset 54
        estimator.AddSample(new ClockSample(0, 49, 49, 10)); // rtt 10, offset 44

        // sqrt((0² + 4² + 6²) / 2)
        Assert.Equal(Math.Sqrt(26), estimator.Estimate()!.JitterMs, precision: 9);
    }

    [Fact]
    public void Goes_stale_without_samples_and_recovers_with_the_next_one()
    {
        var clock = new ManualClock();
        var estimator = new ClockOffsetEstimator(clock, staleAfter: TimeSpan.FromSeconds(5));
        estimator.AddSample(new ClockSample(0, 40, 40, 4));

        clock.Advance(TimeSpan.FromSeconds(5));
        Assert.False(estimator.Estimate()!.IsStale);

        clock.Advance(TimeSpan.FromMilliseconds(1));
        var stale = estimator.Estimate()!;
        Assert.True(stale.IsStale);
        Assert.Equal(TimeSpan.FromMilliseconds(5_001), stale.Age);
        Assert.Equal(38, stale.OffsetMs); // still the last thing we knew, flagged

        estimator.AddSample(new ClockSample(0, 70, 70, 20));
        var fresh = estimator.Estimate()!;
        Assert.False(fresh.IsStale);
        Assert.Equal(TimeSpan.Zero, fresh.Age);
        Assert.Equal(60, fresh.OffsetMs); // the old, faster sample is too old to trust
        Assert.Equal(1, fresh.Samples);
    }

    [Fact]
    public void Follows_a_deliberate_skew_once_the_old_samples_leave_the_window()
    {
        var link = new SimulatedLink(seed: 5, baseDelayMs: 1, maxQueueingMs: 20);
        var estimator = new ClockOffsetEstimator(link.OurClock, window: 8);
        for (var i = 0; i < 8; i++)
        {
            estimator.AddSample(link.Exchange());
        }
        Assert.InRange(estimator.Estimate()!.OffsetMs, -3, 3);

        link.PeerClock.SetOffset(TimeSpan.FromSeconds(-2)); // the lab skews the peer
        for (var i = 0; i < 8; i++)
        {
            estimator.AddSample(link.Exchange());
        }

        var estimate = estimator.Estimate()!;
        Assert.InRange(-2_000, estimate.OffsetMs - estimate.ErrorBoundMs, estimate.OffsetMs + estimate.ErrorBoundMs);
    }

    [Fact]
    public void Rejects_impossible_round_trips_but_tolerates_millisecond_rounding()
    {
        var estimator = new ClockOffsetEstimator(new ManualClock());

        Assert.False(estimator.AddSample(new ClockSample(0, 10, 20, 5))); // rtt -5: a clock stepped mid-exchange
        Assert.Equal(1, estimator.Rejected);
        Assert.Null(estimator.Estimate());

        Assert.True(estimator.AddSample(new ClockSample(0, 10, 11, 0))); // rtt -1: rounding
        Assert.Equal(0, estimator.Estimate()!.RoundTripMs);
    }

    [Fact]
    public void Reset_forgets_everything()
    {
        var estimator = new ClockOffsetEstimator(new ManualClock());
        estimator.AddSample(new ClockSample(0, 10, 10, 2));

        estimator.Reset();

        Assert.Null(estimator.Estimate());
    }

    [Fact]
    public void Settings_are_checked()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ClockOffsetEstimator(new ManualClock(), window: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ClockOffsetEstimator(new ManualClock(), staleAfter: TimeSpan.Zero));
    }
}
