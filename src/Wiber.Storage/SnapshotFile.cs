using System.Buffers.Binary;
using System.Globalization;
using Wiber.Raft;
using Wiber.Storage.IO;

namespace Wiber.Storage;

/// <summary>
/// A snapshot file <c>snapshots/&lt;index:D20&gt;.snap</c>: one record holding
/// index:u64 | term:u64 | voterCount:u32 | voters:u64* | data. Written atomically; older ones are
/// deleted once a newer one is durable.
/// </summary>
internal static class SnapshotFile
{
    public const string DirectoryName = "snapshots";

    public static string FileName(ulong index) => index.ToString("D20", CultureInfo.InvariantCulture) + ".snap";

    public static bool TryParseFileName(string name, out ulong index)
    {
        index = 0;
        return name.Length == 25 && name.EndsWith(".snap", StringComparison.Ordinal)
            && ulong.TryParse(name.AsSpan(0, 20), NumberStyles.None, CultureInfo.InvariantCulture, out index);
    }

    public static void Write(IStorageFileSystem fs, string path, Snapshot snapshot)
    {
        var voters = snapshot.Metadata.Voters;
        var payload = new byte[20 + (8 * voters.Count) + snapshot.Data.Length];
        BinaryPrimitives.WriteUInt64LittleEndian(payload, snapshot.Metadata.Index);
        BinaryPrimitives.WriteUInt64LittleEndian(payload.AsSpan(8), snapshot.Metadata.Term);
        BinaryPrimitives.WriteInt32LittleEndian(payload.AsSpan(16), voters.Count);
        for (var i = 0; i < voters.Count; i++)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(payload.AsSpan(20 + (8 * i)), voters[i]);
        }
        snapshot.Data.Span.CopyTo(payload.AsSpan(20 + (8 * voters.Count)));
        AtomicFile.Replace(fs, path, AtomicFile.SingleRecord(RecordType.Snapshot, payload));
    }

    public static Snapshot Read(IStorageFileSystem fs, string path, ulong expectedIndex)
    {
        var payload = AtomicFile.ReadSingleRecord(fs, path, RecordType.Snapshot);
        var span = payload.Span;
        if (span.Length < 20)
        {
            throw new StorageException(path, $"snapshot record of {span.Length} bytes is shorter than its 20-byte header", RecordFormat.HeaderSize);
        }
        var index = BinaryPrimitives.ReadUInt64LittleEndian(span);
        var term = BinaryPrimitives.ReadUInt64LittleEndian(span[8..]);
        var count = BinaryPrimitives.ReadInt32LittleEndian(span[16..]);
        if (index != expectedIndex)
        {
            throw new StorageException(path, $"snapshot says index {index}, file name says {expectedIndex}", RecordFormat.HeaderSize);
        }
        if (count < 0 || 20L + (8L * count) > span.Length)
        {
            throw new StorageException(path, $"voter count {count} does not fit in the record", RecordFormat.HeaderSize + 16);
        }
        var voters = new ulong[count];
        for (var i = 0; i < count; i++)
        {
            voters[i] = BinaryPrimitives.ReadUInt64LittleEndian(span[(20 + (8 * i))..]);
        }
        return new Snapshot(new SnapshotMetadata(index, term, voters), payload[(20 + (8 * count))..]);
    }
}
