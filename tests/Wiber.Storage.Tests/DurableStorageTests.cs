using Wiber.Raft;
using static Wiber.Storage.Tests.Fixtures;

namespace Wiber.Storage.Tests;

/// <summary>The durable storage behaves like MemoryStorage, and everything survives a clean reopen.</summary>
public sealed class DurableStorageTests
{
    [Fact]
    public void Appends_reads_and_reopens_across_many_segments()
    {
        using var dir = new TempDirectory();
        var options = Options(dir.Path);
        using (var storage = DurableRaftStorage.Open(options))
        {
            Assert.Equal((1ul, 0ul), (storage.FirstIndex, storage.LastIndex));
            storage.Append(Entries(1, 300, 1));
            storage.Append(Entries(301, 500, 2));
            storage.SetHardState(new HardState(2, 3, 450));
            storage.SyncNow();
            Assert.Equal(500ul, storage.DurableIndex);
        }
        using var reopened = DurableRaftStorage.Open(options);
        Assert.True(reopened.Recovery.Segments > 5, $"expected several segments, got {reopened.Recovery.Segments}");
        Assert.Null(reopened.Recovery.TornTail);
        Assert.Equal((1ul, 500ul), (reopened.FirstIndex, reopened.LastIndex));
        Assert.Equal(new HardState(2, 3, 450), reopened.InitialState().HardState);
        Assert.Equal([1ul, 2ul, 3ul], reopened.InitialState().Voters);
        AssertSame([.. Entries(1, 300, 1), .. Entries(301, 500, 2)], ReadAll(reopened));
        Assert.True(reopened.TryGetTerm(300, out var t300) && t300 == 1);
        Assert.True(reopened.TryGetTerm(301, out var t301) && t301 == 2);
        Assert.False(reopened.TryGetTerm(501, out _));
    }

    [Fact]
    public void GetEntries_stops_at_max_bytes_but_returns_at_least_one()
    {
        var fs = NewSimulatedDisk();
        using var storage = DurableRaftStorage.Open(Options(SimRoot, fs));
        storage.Append(Entries(1, 100, 1));
        var one = storage.GetEntries(10, 100, 1);
        Assert.Single(one);
        var expected = new MemoryStorage([1]);
        expected.Append(Entries(1, 100, 1));
        foreach (var limit in new long[] { 50, 200, 1000, 5000 })
        {
            AssertSame(expected.GetEntries(7, 99, limit), storage.GetEntries(7, 99, limit));
        }
    }

    [Fact]
    public void Conflicting_append_truncates_durably_and_the_old_suffix_never_returns()
    {
        var fs = NewSimulatedDisk();
        var options = Options(SimRoot, fs);
        using (var storage = DurableRaftStorage.Open(options))
        {
            storage.Append(Entries(1, 200, 1));
            storage.SyncNow();
            storage.Append(Entries(50, 60, 2)); // replaces 50..200
            Assert.Equal(60ul, storage.LastIndex);
            Assert.Equal(49ul, storage.DurableIndex);
        }
        fs.Crash(new Random(1)); // the new entries were never synced; the truncation was
        using var reopened = DurableRaftStorage.Open(options);
        Assert.InRange(reopened.LastIndex, 49ul, 60ul);
        var all = ReadAll(reopened);
        AssertSame(Entries(1, 49, 1), all.Take(49).ToList());
        Assert.All(all.Skip(49), e => Assert.Equal(2ul, e.Term));
    }

    [Fact]
    public void Rejects_appends_that_would_make_the_log_unrecoverable()
    {
        var fs = NewSimulatedDisk();
        using var storage = DurableRaftStorage.Open(Options(SimRoot, fs));
        storage.Append(Entries(1, 10, 3));
        Assert.Throws<InvalidOperationException>(() => storage.Append(Entries(12, 12, 3)));
        Assert.Throws<ArgumentException>(() => storage.Append([EntryAt(11, 2)]));
        Assert.Throws<ArgumentException>(() => storage.Append([EntryAt(11, 3), EntryAt(13, 3)]));
        Assert.Equal(10ul, storage.LastIndex);
    }

    [Fact]
    public void Snapshot_compaction_and_apply_survive_reopen()
    {
        var fs = NewSimulatedDisk();
        var options = Options(SimRoot, fs);
        using (var storage = DurableRaftStorage.Open(options))
        {
            storage.Append(Entries(1, 400, 1));
            Assert.Throws<ArgumentOutOfRangeException>(() => storage.Compact(100)); // no snapshot covers it yet
            var snap = storage.CreateSnapshot(300, "state@300"u8.ToArray());
            Assert.Equal((300ul, 1ul), (snap.Metadata.Index, snap.Metadata.Term));
            var segmentsBefore = fs.ListFiles(SimRoot + "/1/log").Count;
            storage.Compact(300);
            Assert.True(fs.ListFiles(SimRoot + "/1/log").Count < segmentsBefore, "compaction must delete whole segments");
            Assert.Equal(301ul, storage.FirstIndex);
            Assert.True(storage.TryGetTerm(300, out var t) && t == 1);
            storage.SyncNow();
        }
        using (var storage = DurableRaftStorage.Open(options))
        {
            Assert.Equal((301ul, 400ul), (storage.FirstIndex, storage.LastIndex));
            Assert.Equal("state@300"u8.ToArray(), storage.GetSnapshot().Data.ToArray());
            AssertSame(Entries(301, 400, 1), ReadAll(storage));
            storage.ApplySnapshot(new Snapshot(new SnapshotMetadata(1000, 5, [4, 5, 6]), "leader"u8.ToArray()));
            Assert.Equal((1001ul, 1000ul), (storage.FirstIndex, storage.LastIndex));
            storage.Append(Entries(1001, 1010, 5));
        }
        using var last = DurableRaftStorage.Open(options);
        Assert.Equal((1001ul, 1010ul), (last.FirstIndex, last.LastIndex));
        Assert.Equal([4ul, 5ul, 6ul], last.InitialState().Voters);
        Assert.True(last.TryGetTerm(1000, out var term) && term == 5);
        Assert.Single(fs.ListFiles(SimRoot + "/1/snapshots"));
    }

    [Fact]
    public void Behaves_like_MemoryStorage_under_a_random_workload_with_reopens()
    {
        var random = new Random(42);
        var fs = NewSimulatedDisk();
        var options = Options(SimRoot, fs, segmentBytes: 2048);
        var model = new MemoryStorage([1, 2, 3]);
        var storage = DurableRaftStorage.Open(options);
        ulong term = 1;
        for (var step = 0; step < 400; step++)
        {
            switch (random.Next(10))
            {
                case < 6:
                    var from = model.LastIndex + 1 - (ulong)random.Next((int)Math.Min(5, model.LastIndex - model.FirstIndex + 2));
                    if (from <= model.LastIndex)
                    {
                        term++; // a conflicting append comes from a newer leader
                    }
                    var batch = Entries(from, from + (ulong)random.Next(1, 20), term);
                    model.Append(batch);
                    storage.Append(batch);
                    break;
                case 6 when model.LastIndex > model.FirstIndex + 10:
                    var at = model.LastIndex - 5;
                    model.CreateSnapshot(at, BitConverter.GetBytes(at));
                    storage.CreateSnapshot(at, BitConverter.GetBytes(at));
                    model.Compact(at - 3);
                    storage.Compact(at - 3);
                    break;
                case 7:
                    storage.SyncNow();
                    storage.Dispose();
                    storage = DurableRaftStorage.Open(options);
                    break;
                default:
                    var hs = new HardState(term, (ulong)random.Next(4), model.LastIndex);
                    model.SetHardState(hs);
                    storage.SetHardState(hs);
                    break;
            }
            // After a reopen the first index may move up to the snapshot (compaction is not persisted).
            Assert.Equal(model.LastIndex, storage.LastIndex);
            var lo = Math.Max(model.FirstIndex, storage.FirstIndex);
            AssertSame(model.GetEntries(lo, model.LastIndex + 1, long.MaxValue), storage.GetEntries(lo, model.LastIndex + 1, long.MaxValue));
            Assert.Equal(model.HardState, storage.HardState);
        }
        storage.Dispose();
    }
}
