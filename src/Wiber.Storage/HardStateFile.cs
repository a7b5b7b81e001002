using System.Buffers.Binary;
using Wiber.Raft;
using Wiber.Storage.IO;

namespace Wiber.Storage;

/// <summary>The <c>hardstate</c> file: one record holding term, vote and commit, replaced atomically.</summary>
internal static class HardStateFile
{
    public const string Name = "hardstate";

    public static HardState Read(IStorageFileSystem fs, string path)
    {
        if (!fs.FileExists(path))
        {
            return HardState.Empty;
        }
        var payload = AtomicFile.ReadSingleRecord(fs, path, RecordType.HardState).Span;
        if (payload.Length != 24)
        {
            throw new StorageException(path, $"hard state record of {payload.Length} bytes, expected 24", RecordFormat.HeaderSize);
        }
        return new HardState(
            BinaryPrimitives.ReadUInt64LittleEndian(payload),
            BinaryPrimitives.ReadUInt64LittleEndian(payload[8..]),
            BinaryPrimitives.ReadUInt64LittleEndian(payload[16..]));
    }

    public static void Write(IStorageFileSystem fs, string path, HardState state)
    {
        Span<byte> payload = stackalloc byte[24];
        BinaryPrimitives.WriteUInt64LittleEndian(payload, state.Term);
        BinaryPrimitives.WriteUInt64LittleEndian(payload[8..], state.Vote);
        BinaryPrimitives.WriteUInt64LittleEndian(payload[16..], state.Commit);
        AtomicFile.Replace(fs, path, AtomicFile.SingleRecord(RecordType.HardState, payload));
    }
}
