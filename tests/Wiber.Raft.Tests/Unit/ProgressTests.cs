namespace Wiber.Raft.Tests.Unit;

public sealed class ProgressTests
{
    private static Progress InProbe(ulong match, ulong next)
    {
        var pr = new Progress(maxInflight: 4, maxInflightBytes: 0);
        pr.Reset(next);
        pr.Match = match;
        return pr;
    }

    private static Progress InReplicate(ulong match, int maxInflight = 4)
    {
        var pr = new Progress(maxInflight, maxInflightBytes: 0) { Match = match };
        pr.BecomeReplicate();
        return pr;
    }

    [Fact]
    public void Probe_pauses_after_one_append_until_an_answer()
    {
        var pr = InProbe(match: 0, next: 5);
        Assert.False(pr.IsPaused);

        pr.SentEntries(3, lastIndex: 7, bytes: 30);

        Assert.True(pr.IsPaused);
        Assert.Equal(5ul, pr.Next); // a probe does not move Next optimistically
        Assert.True(pr.MaybeUpdate(7));
        Assert.False(pr.IsPaused);
    }

    [Fact]
    public void Replicate_pipelines_until_the_window_is_full()
    {
        var pr = InReplicate(match: 4, maxInflight: 2);
        Assert.Equal(5ul, pr.Next);

        pr.SentEntries(2, lastIndex: 6, bytes: 20);
        Assert.False(pr.IsPaused);
        Assert.Equal(7ul, pr.Next);
        pr.SentEntries(1, lastIndex: 7, bytes: 10);

        Assert.True(pr.IsPaused);
        Assert.Equal(8ul, pr.Next);
        Assert.True(pr.MaybeUpdate(6));
        pr.Inflights.FreeLessOrEqual(6);
        Assert.False(pr.IsPaused);
    }

    [Fact]
    public void Empty_append_in_replicate_uses_no_window()
    {
        var pr = InReplicate(match: 4, maxInflight: 1);

        pr.SentEntries(0, lastIndex: 4, bytes: 0);

        Assert.False(pr.IsPaused);
        Assert.Equal(5ul, pr.Next);
    }

    [Fact]
    public void Snapshot_is_always_paused_and_probe_resumes_after_it()
    {
        var pr = InReplicate(match: 3);
        pr.SentEntries(1, 4, 10);

        pr.BecomeSnapshot(20);

        Assert.True(pr.IsPaused);
        Assert.Equal((ProgressState.Snapshot, 20ul, 0), (pr.State, pr.PendingSnapshot, pr.Inflights.Count));
        pr.BecomeProbe();
        Assert.Equal((ProgressState.Probe, 21ul, 0ul), (pr.State, pr.Next, pr.PendingSnapshot));
        Assert.False(pr.IsPaused);
    }

    [Fact]
    public void Forgotten_snapshot_probes_from_match()
    {
        var pr = InReplicate(match: 3);
        pr.BecomeSnapshot(20);

        pr.ForgetPendingSnapshot();
        pr.BecomeProbe();

        Assert.Equal(4ul, pr.Next);
    }

    [Fact]
    public void Probe_from_replicate_restarts_after_match_and_clears_the_window()
    {
        var pr = InReplicate(match: 3);
        pr.SentEntries(2, 5, 20);

        pr.BecomeProbe();

        Assert.Equal((ProgressState.Probe, 4ul, 0), (pr.State, pr.Next, pr.Inflights.Count));
    }

    [Fact]
    public void MaybeUpdate_reports_only_news_and_never_lowers_next()
    {
        var pr = InReplicate(match: 3);
        pr.SentEntries(4, 7, 40);

        Assert.True(pr.MaybeUpdate(5));
        Assert.Equal((5ul, 8ul), (pr.Match, pr.Next));
        Assert.False(pr.MaybeUpdate(4));
        Assert.False(pr.MaybeUpdate(5));
        Assert.Equal((5ul, 8ul), (pr.Match, pr.Next));
        Assert.True(pr.MaybeUpdate(9));
        Assert.Equal((9ul, 10ul), (pr.Match, pr.Next));
    }

    [Fact]
    public void Replicate_rejection_at_or_below_match_is_stale()
    {
        var pr = InReplicate(match: 5);
        pr.SentEntries(3, 8, 30);

        Assert.False(pr.MaybeDecreaseTo(rejected: 5, hint: 0));
        Assert.False(pr.MaybeDecreaseTo(rejected: 2, hint: 0));
        Assert.Equal((5ul, 9ul), (pr.Match, pr.Next));
    }

    [Fact]
    public void Replicate_rejection_above_match_restarts_from_match()
    {
        var pr = InReplicate(match: 5);
        pr.SentEntries(3, 8, 30);

        Assert.True(pr.MaybeDecreaseTo(rejected: 7, hint: 6));

        Assert.Equal(6ul, pr.Next);
    }

    [Fact]
    public void Probe_rejection_of_another_index_is_stale()
    {
        var pr = InProbe(match: 2, next: 10);
        pr.SentEntries(1, 10, 10);

        Assert.False(pr.MaybeDecreaseTo(rejected: 8, hint: 3));
        Assert.False(pr.MaybeDecreaseTo(rejected: 10, hint: 3));

        Assert.Equal(10ul, pr.Next);
        Assert.True(pr.IsPaused);
    }

    [Theory]
    [InlineData(5ul, 6ul)]   // the hint skips ahead of a one-by-one walk back
    [InlineData(50ul, 9ul)]  // a hint above the rejection cannot raise Next
    [InlineData(0ul, 3ul)]   // nor lower it below Match+1
    public void Probe_rejection_moves_next_towards_the_hint(ulong hint, ulong expectedNext)
    {
        var pr = InProbe(match: 2, next: 10);
        pr.SentEntries(1, 10, 10);

        Assert.True(pr.MaybeDecreaseTo(rejected: 9, hint: hint));

        Assert.Equal(expectedNext, pr.Next);
        Assert.False(pr.IsPaused);
    }

    [Fact]
    public void Probe_rejection_with_an_absurd_hint_keeps_next_between_match_and_the_rejection()
    {
        var pr = InProbe(match: 2, next: 10);
        pr.SentEntries(1, 10, 10);

        Assert.True(pr.MaybeDecreaseTo(rejected: 9, hint: ulong.MaxValue));

        Assert.InRange(pr.Next, 3ul, 9ul);
    }

    [Fact]
    public void Reset_forgets_everything_about_the_follower()
    {
        var pr = InReplicate(match: 5);
        pr.SentEntries(1, 6, 10);
        pr.RecentActive = true;

        pr.Reset(next: 12);

        Assert.Equal((0ul, 12ul, ProgressState.Probe, false, 0), (pr.Match, pr.Next, pr.State, pr.RecentActive, pr.Inflights.Count));
    }
}
