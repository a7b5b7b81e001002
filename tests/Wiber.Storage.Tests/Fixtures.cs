using Wiber.Raft;
using Wiber.Storage.IO;

namespace Wiber.Storage.Tests;

/// <summary>A fresh real directory under /tmp, removed afterwards.</summary>
internal sealed class TempDirectory : IDisposable
{
    public TempDirectory() => System.IO.Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "wiber-storage-tests", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A mount the test could not undo; leave it for the OS to clean.
        }
    }
}

internal static class Fixtures
{
    public const string SimRoot = "/sim/data";

    public static StorageOptions Options(string root, IStorageFileSystem? fs = null, long segmentBytes = 4096, FsyncPolicy? fsync = null) => new()
    {
        DataRoot = root,
        NodeId = 1,
        InitialVoters = [1, 2, 3],
        SegmentBytes = segmentBytes,
        Fsync = fsync ?? FsyncPolicy.Always,
        FileSystem = fs ?? PhysicalFileSystem.Instance,
    };

    public static SimulatedFileSystem NewSimulatedDisk()
    {
        var fs = new SimulatedFileSystem();
        fs.CreateDirectory(SimRoot);
        return fs;
    }

    public static byte[] DataFor(ulong index, ulong term) => [.. BitConverter.GetBytes(index), .. BitConverter.GetBytes(term), .. new byte[(int)(index % 40)]];

    public static Entry EntryAt(ulong index, ulong term) => Entry.Normal(index, term, DataFor(index, term));

    public static List<Entry> Entries(ulong from, ulong to, ulong term) =>
        [.. Enumerable.Range(0, (int)(to - from + 1)).Select(i => EntryAt(from + (ulong)i, term))];

    public static List<Entry> ReadAll(IRaftStorage storage) =>
        storage.LastIndex < storage.FirstIndex ? [] : [.. storage.GetEntries(storage.FirstIndex, storage.LastIndex + 1, long.MaxValue)];

    /// <summary>Entries compared by index, term, kind and bytes (Entry's own equality compares memory references).</summary>
    public static void AssertSame(IReadOnlyList<Entry> expected, IReadOnlyList<Entry> actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            AssertSame(expected[i], actual[i]);
        }
    }

    public static void AssertSame(Entry expected, Entry actual)
    {
        Assert.Equal((expected.Index, expected.Term, expected.Kind), (actual.Index, actual.Term, actual.Kind));
        Assert.True(expected.Data.Span.SequenceEqual(actual.Data.Span), $"entry {expected.Index}: data differs");
    }
}
