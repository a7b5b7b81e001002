using static Wiber.Storage.Tests.Fixtures;

namespace Wiber.Storage.Tests;

public sealed class GroupCommitTests
{
    [Fact]
    public async Task Appends_arriving_during_an_fsync_share_the_next_one()
    {
        var fs = NewSimulatedDisk();
        using var storage = DurableRaftStorage.Open(Options(SimRoot, fs, segmentBytes: 1 << 20));
        using var allAppended = new ManualResetEventSlim();
        var gate = new object();
        var syncsBefore = fs.FileSyncs;
        var appended = 0;
        const int writers = 64;

        // The first writer's fsync is held until every writer has appended: all 63 others arrive while it is in flight.
        fs.BeforeSync = () => Assert.True(allAppended.Wait(TimeSpan.FromSeconds(20)), "writers did not all append");
        var tasks = Enumerable.Range(0, writers).Select(_ => Task.Run(async () =>
        {
            ulong index;
            lock (gate)
            {
                index = storage.LastIndex + 1;
                storage.Append([EntryAt(index, 1)]);
                if (++appended == writers)
                {
                    allAppended.Set();
                }
            }
            await storage.WaitDurableAsync(index, TestContext.Current.CancellationToken);
            Assert.True(storage.DurableIndex >= index);
        })).ToArray();
        await Task.WhenAll(tasks).WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        Assert.Equal((ulong)writers, storage.DurableIndex);
        var syncs = fs.FileSyncs - syncsBefore;
        Assert.InRange(syncs, 1, 2); // the held one, then one for everybody who waited
    }

    [Fact]
    public async Task Interval_policy_reports_durable_only_after_the_periodic_fsync()
    {
        var fs = NewSimulatedDisk();
        using var storage = DurableRaftStorage.Open(Options(SimRoot, fs, fsync: FsyncPolicy.Parse("interval:20")));
        var syncsBefore = fs.FileSyncs;
        storage.Append(Entries(1, 10, 1));
        await storage.WaitDurableAsync(10, TestContext.Current.CancellationToken).AsTask().WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        Assert.Equal(10ul, storage.DurableIndex);
        Assert.True(fs.FileSyncs > syncsBefore);
    }

    [Fact]
    public void Never_policy_reports_everything_durable_and_never_syncs_the_log()
    {
        var fs = NewSimulatedDisk();
        using var storage = DurableRaftStorage.Open(Options(SimRoot, fs, fsync: FsyncPolicy.Never));
        var syncsBefore = fs.FileSyncs;
        storage.Append(Entries(1, 10, 1));
        Assert.True(storage.WaitDurableAsync(10, TestContext.Current.CancellationToken).IsCompleted);
        Assert.Equal(10ul, storage.DurableIndex);
        Assert.Equal(syncsBefore, fs.FileSyncs);
        Assert.Contains("LAB", storage.FsyncPolicy.Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failed_fsync_fails_the_waiters_and_stops_the_storage()
    {
        var fs = NewSimulatedDisk();
        using var storage = DurableRaftStorage.Open(Options(SimRoot, fs));
        storage.Append(Entries(1, 3, 1));
        fs.FailSyncs = true;
        var error = await Assert.ThrowsAsync<StorageException>(async () => await storage.WaitDurableAsync(3, TestContext.Current.CancellationToken));
        Assert.Contains("fsync failed: I/O error", error.Message, StringComparison.Ordinal);
        Assert.Contains("/sim/data/1/log/", error.Message, StringComparison.Ordinal);
        Assert.Equal(0ul, storage.DurableIndex);
        fs.FailSyncs = false; // even once the disk recovers, we do not trust a retried fsync
        Assert.Throws<StorageException>(() => storage.Append(Entries(4, 4, 1)));
    }

    [Fact]
    public void Waiting_for_an_entry_not_yet_appended_is_refused_under_always()
    {
        var fs = NewSimulatedDisk();
        using var storage = DurableRaftStorage.Open(Options(SimRoot, fs));
        storage.Append(Entries(1, 3, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => storage.WaitDurableAsync(4, TestContext.Current.CancellationToken));
        Assert.Equal(0ul, storage.DurableIndex);
    }
}
