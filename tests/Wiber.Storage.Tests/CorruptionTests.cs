using static Wiber.Storage.Tests.Fixtures;

namespace Wiber.Storage.Tests;

/// <summary>Damage injected into real files is detected and reported with file and offset, never returned as data.</summary>
public sealed class CorruptionTests
{
    private const ulong Count = 300;

    private static (TempDirectory Dir, StorageOptions Options, string[] Segments) WriteLog()
    {
        var dir = new TempDirectory();
        var options = Options(dir.Path, segmentBytes: 4096);
        using (var storage = DurableRaftStorage.Open(options))
        {
            storage.Append(Entries(1, Count, 1));
            storage.SyncNow();
        }
        var segments = Directory.GetFiles(Path.Combine(options.NodeDirectory, "log")).Order(StringComparer.Ordinal).ToArray();
        Assert.True(segments.Length >= 3);
        return (dir, options, segments);
    }

    private static void FlipBit(string path, long offset, int bit = 3)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.ReadWrite);
        file.Position = offset;
        var b = file.ReadByte();
        file.Position = offset;
        file.WriteByte((byte)(b ^ (1 << bit)));
    }

    [Fact]
    public void A_flipped_bit_in_an_earlier_segment_stops_startup_naming_file_and_offset()
    {
        var (dir, options, segments) = WriteLog();
        using var _ = dir;
        FlipBit(segments[1], 200);
        var error = Assert.Throws<StorageException>(() => DurableRaftStorage.Open(options));
        Assert.Equal(segments[1], error.FilePath);
        Assert.NotNull(error.Offset);
        Assert.InRange(error.Offset!.Value, 150, 200); // the start of the record holding byte 200
        Assert.Contains(segments[1] + " at byte " + error.Offset, error.Message, StringComparison.Ordinal);
        Assert.Contains("checksum mismatch", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_flipped_bit_in_a_middle_record_of_the_last_segment_is_corruption_not_a_torn_tail()
    {
        var (dir, options, segments) = WriteLog();
        using var _ = dir;
        FlipBit(segments[^1], 100);
        var error = Assert.Throws<StorageException>(() => DurableRaftStorage.Open(options));
        Assert.Equal(segments[^1], error.FilePath);
        Assert.Contains("corrupt record where entry", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_cut_in_the_last_record_is_a_torn_tail_and_is_truncated()
    {
        var (dir, options, segments) = WriteLog();
        using var _ = dir;
        var length = new FileInfo(segments[^1]).Length;
        using (var file = new FileStream(segments[^1], FileMode.Open))
        {
            file.SetLength(length - 5);
        }
        using var storage = DurableRaftStorage.Open(options);
        Assert.Equal(Count - 1, storage.LastIndex);
        Assert.NotNull(storage.Recovery.TornTail);
        Assert.Contains("partial record", storage.Recovery.TornTail, StringComparison.Ordinal);
        AssertSame(Entries(1, Count - 1, 1), ReadAll(storage));
        Assert.Equal(length - 5 - storage.Recovery.TornBytesTruncated, new FileInfo(segments[^1]).Length);
    }

    [Fact]
    public void A_truncated_earlier_segment_stops_startup()
    {
        var (dir, options, segments) = WriteLog();
        using var _ = dir;
        using (var file = new FileStream(segments[0], FileMode.Open))
        {
            file.SetLength(file.Length - 30);
        }
        var error = Assert.Throws<StorageException>(() => DurableRaftStorage.Open(options));
        Assert.Equal(segments[0], error.FilePath);
        Assert.Contains("partial record", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Random_bit_flips_are_always_detected_and_never_returned_as_data()
    {
        var random = new Random(99);
        for (var trial = 0; trial < 40; trial++)
        {
            var (dir, options, segments) = WriteLog();
            using var _ = dir;
            var victim = segments[random.Next(segments.Length)];
            var offset = random.NextInt64(new FileInfo(victim).Length);
            FlipBit(victim, offset, random.Next(8));
            try
            {
                using var storage = DurableRaftStorage.Open(options);
                // Only damage to the very last record may pass as a torn tail: the entries left must be intact.
                Assert.Equal(segments[^1], victim);
                Assert.NotNull(storage.Recovery.TornTail);
                Assert.Equal(Count - 1, storage.LastIndex);
                AssertSame(Entries(1, Count - 1, 1), ReadAll(storage));
            }
            catch (StorageException error)
            {
                Assert.Equal(victim, error.FilePath);
                Assert.InRange(error.Offset ?? -1, 0, offset);
            }
        }
    }

    [Fact]
    public void Damage_after_startup_is_caught_when_read()
    {
        var (dir, options, segments) = WriteLog();
        using var _ = dir;
        using var storage = DurableRaftStorage.Open(options);
        FlipBit(segments[0], 300);
        var error = Assert.Throws<StorageException>(() => storage.GetEntries(1, Count + 1, long.MaxValue));
        Assert.Equal(segments[0], error.FilePath);
        Assert.Contains("damaged since start-up", error.Message, StringComparison.Ordinal);
        Assert.Throws<StorageException>(() => storage.Append(Entries(Count + 1, Count + 1, 1)));
    }

    [Fact]
    public void Damaged_hard_state_and_snapshot_files_stop_startup()
    {
        var (dir, options, _) = WriteLog();
        using var __ = dir;
        using (var storage = DurableRaftStorage.Open(options))
        {
            storage.SetHardState(new Wiber.Raft.HardState(4, 2, 100));
            storage.CreateSnapshot(100, new byte[64]);
        }
        var hardState = Path.Combine(options.NodeDirectory, "hardstate");
        FlipBit(hardState, 12);
        var error = Assert.Throws<StorageException>(() => DurableRaftStorage.Open(options));
        Assert.Equal(hardState, error.FilePath);
        FlipBit(hardState, 12); // repair
        var snapshot = Directory.GetFiles(Path.Combine(options.NodeDirectory, "snapshots")).Single();
        FlipBit(snapshot, 40);
        error = Assert.Throws<StorageException>(() => DurableRaftStorage.Open(options));
        Assert.Equal(snapshot, error.FilePath);
        Assert.Contains("checksum mismatch", error.Message, StringComparison.Ordinal);
    }
}
