using static Wiber.Storage.Tests.Fixtures;

namespace Wiber.Storage.Tests;

/// <summary>Somebody else's directory, an unknown format, a read-only or full disk: a clear refusal, nothing acknowledged lost.</summary>
public sealed class BadEnvironmentTests
{
    [Fact]
    public void Refuses_the_directory_of_another_node()
    {
        using var dir = new TempDirectory();
        using (DurableRaftStorage.Open(Options(dir.Path)))
        {
        }
        Directory.Move(Path.Combine(dir.Path, "1"), Path.Combine(dir.Path, "2"));
        var error = Assert.Throws<StorageException>(() => DurableRaftStorage.Open(Options(dir.Path) with { NodeId = 2 }));
        Assert.Equal(Path.Combine(dir.Path, "2", "wiber.identity"), error.FilePath);
        Assert.Contains("belongs to node 1, refusing to start node 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Refuses_another_cluster()
    {
        using var dir = new TempDirectory();
        using (DurableRaftStorage.Open(Options(dir.Path) with { ClusterId = "blue" }))
        {
        }
        var error = Assert.Throws<StorageException>(() => DurableRaftStorage.Open(Options(dir.Path) with { ClusterId = "green" }));
        Assert.Contains("belongs to cluster 'blue'", error.Message, StringComparison.Ordinal);
        using var same = DurableRaftStorage.Open(Options(dir.Path) with { ClusterId = "blue" });
    }

    [Theory]
    [InlineData("some-other-program v2\n", "wrong magic")]
    [InlineData("wiber-data-directory\nformat 99\nnode 1\n", "unsupported format version '99'")]
    [InlineData("wiber-data-directory\nformat 1\n", "missing or malformed node id")]
    public void Refuses_a_wrong_magic_or_version(string identity, string expected)
    {
        using var dir = new TempDirectory();
        using (DurableRaftStorage.Open(Options(dir.Path)))
        {
        }
        var path = Path.Combine(dir.Path, "1", "wiber.identity");
        File.WriteAllText(path, identity);
        var error = Assert.Throws<StorageException>(() => DurableRaftStorage.Open(Options(dir.Path)));
        Assert.Equal(path, error.FilePath);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Refuses_a_directory_holding_something_else()
    {
        using var dir = new TempDirectory();
        Directory.CreateDirectory(Path.Combine(dir.Path, "1"));
        File.WriteAllText(Path.Combine(dir.Path, "1", "postgresql.conf"), "");
        var error = Assert.Throws<StorageException>(() => DurableRaftStorage.Open(Options(dir.Path)));
        Assert.Contains("not a Wiber data directory", error.Message, StringComparison.Ordinal);
        Assert.Contains("postgresql.conf", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_segment_with_a_wrong_magic_is_refused()
    {
        var fs = NewSimulatedDisk();
        var options = Options(SimRoot, fs);
        using (var storage = DurableRaftStorage.Open(options))
        {
            storage.Append(Entries(1, 5, 1));
        }
        var segment = SimRoot + "/1/log/00000000000000000001.seg";
        var header = Segment.EncodeHeader(1);
        header[RecordFormat.HeaderSize] = (byte)'X';
        var bad = new byte[header.Length];
        RecordFormat.Write(bad, RecordType.SegmentHeader, header.AsSpan(RecordFormat.HeaderSize));
        fs.Mutate(segment, bytes =>
        {
            for (var i = 0; i < bad.Length; i++)
            {
                bytes[i] = bad[i];
            }
        });
        var error = Assert.Throws<StorageException>(() => DurableRaftStorage.Open(options));
        Assert.Contains("expected magic 'WBLOGSEG'", error.Message, StringComparison.Ordinal);
        Assert.Equal(segment, error.FilePath);
    }

    [Fact]
    public void A_read_only_disk_stops_writes_and_refuses_to_start_without_losing_acknowledged_entries()
    {
        var fs = NewSimulatedDisk();
        var options = Options(SimRoot, fs);
        using (var storage = DurableRaftStorage.Open(options))
        {
            storage.Append(Entries(1, 20, 1));
            storage.SyncNow();
            fs.ReadOnly = true;
            var error = Assert.Throws<StorageException>(() => storage.Append(Entries(21, 21, 1)));
            Assert.Contains("read-only file system", error.Message, StringComparison.Ordinal);
            Assert.Contains(SimRoot + "/1/log/", error.Message, StringComparison.Ordinal);
            Assert.Throws<StorageException>(() => storage.SetHardState(new Wiber.Raft.HardState(1, 1, 1)));
        }
        var refused = Assert.Throws<StorageException>(() => DurableRaftStorage.Open(options));
        Assert.Contains("read-only file system", refused.Message, StringComparison.Ordinal);
        fs.ReadOnly = false;
        using var reopened = DurableRaftStorage.Open(options);
        AssertSame(Entries(1, 20, 1), ReadAll(reopened));
    }

    [Fact]
    public void A_real_read_only_mount_is_refused_with_the_path()
    {
        Mounts.RequireRoot();
        using var dir = new TempDirectory();
        Mounts.Mount(dir.Path, "size=4m");
        try
        {
            using (var storage = DurableRaftStorage.Open(Options(dir.Path)))
            {
                storage.Append(Entries(1, 50, 1));
                storage.SyncNow();
            }
            Mounts.Remount(dir.Path, "ro");
            var error = Assert.Throws<StorageException>(() => DurableRaftStorage.Open(Options(dir.Path)));
            Assert.StartsWith(dir.Path, error.FilePath, StringComparison.Ordinal);
            Assert.Contains("read-only", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            Mounts.Unmount(dir.Path);
        }
    }

    [Fact]
    public void A_full_disk_stops_writes_and_keeps_every_acknowledged_entry()
    {
        var fs = NewSimulatedDisk();
        var options = Options(SimRoot, fs, segmentBytes: 1 << 20);
        ulong acknowledged;
        using (var storage = DurableRaftStorage.Open(options))
        {
            fs.Capacity = fs.UsedBytes() + 10_000;
            var error = Assert.Throws<StorageException>((Action)(() =>
            {
                for (ulong i = 1; ; i++)
                {
                    storage.Append([Wiber.Raft.Entry.Normal(i, 1, new byte[100])]);
                    if (i % 7 == 0)
                    {
                        storage.WaitDurableAsync(i, TestContext.Current.CancellationToken).AsTask().GetAwaiter().GetResult();
                    }
                }
            }));
            Assert.Contains("disk full (no space left on device)", error.Message, StringComparison.Ordinal);
            Assert.Contains(SimRoot + "/1/log/", error.Message, StringComparison.Ordinal);
            acknowledged = storage.DurableIndex;
            Assert.True(acknowledged > 50);
            Assert.Throws<StorageException>(() => storage.WaitDurableAsync(1, TestContext.Current.CancellationToken).AsTask().GetAwaiter().GetResult());
        }
        fs.Crash(new Random(5));
        using var reopened = DurableRaftStorage.Open(options); // the torn short write is cut off; no space needed
        Assert.True(reopened.LastIndex >= acknowledged);
        Assert.All(ReadAll(reopened), e => Assert.Equal(100, e.Data.Length));
    }

    [Fact]
    public void A_real_full_tmpfs_stops_writes_and_keeps_every_acknowledged_entry()
    {
        Mounts.RequireRoot();
        using var dir = new TempDirectory();
        Mounts.Mount(dir.Path, "size=1m");
        try
        {
            var options = Options(dir.Path, segmentBytes: 256 * 1024);
            ulong acknowledged = 0;
            using (var storage = DurableRaftStorage.Open(options))
            {
                var error = Assert.Throws<StorageException>((Action)(() =>
                {
                    for (ulong i = 1; ; i++)
                    {
                        storage.Append([Wiber.Raft.Entry.Normal(i, 1, new byte[200])]);
                        storage.WaitDurableAsync(i, TestContext.Current.CancellationToken).AsTask().GetAwaiter().GetResult();
                        acknowledged = i;
                    }
                }));
                Assert.Contains("disk full", error.Message, StringComparison.Ordinal);
                Assert.StartsWith(dir.Path, error.FilePath, StringComparison.Ordinal);
            }
            Assert.True(acknowledged > 1000, $"only {acknowledged} entries fit in 1 MiB");
            using var reopened = DurableRaftStorage.Open(options);
            Assert.True(reopened.LastIndex >= acknowledged);
            Assert.All(ReadAll(reopened), e => Assert.Equal(200, e.Data.Length));
        }
        finally
        {
            Mounts.Unmount(dir.Path);
        }
    }
}
