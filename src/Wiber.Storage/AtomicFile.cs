using Wiber.Storage.IO;

namespace Wiber.Storage;

/// <summary>
/// Replaces a small file so that a crash leaves either the old or the new version, never a mix:
/// write a temporary file, fsync it, rename it over the target, fsync the directory.
/// </summary>
internal static class AtomicFile
{
    public const string TempSuffix = ".tmp";

    public static void Replace(IStorageFileSystem fs, string path, ReadOnlySpan<byte> contents)
    {
        var temp = path + TempSuffix;
        using (var file = fs.Open(temp, FileOpenKind.CreateOrTruncate))
        {
            file.Append(contents);
            file.Sync();
        }
        fs.Rename(temp, path);
        fs.SyncDirectory(Path.GetDirectoryName(path)!);
    }

    public static byte[] ReadAll(IStorageFileSystem fs, string path)
    {
        using var file = fs.Open(path, FileOpenKind.Read);
        if (file.Length > RecordFormat.MaxPayload + RecordFormat.HeaderSize)
        {
            throw new StorageException(path, $"file of {file.Length} bytes is larger than any this program writes");
        }
        var bytes = new byte[file.Length];
        SegmentScanner.ReadFully(file, bytes);
        return bytes;
    }

    /// <summary>Reads a file holding exactly one record of <paramref name="type"/>; returns its payload.</summary>
    public static ReadOnlyMemory<byte> ReadSingleRecord(IStorageFileSystem fs, string path, RecordType type)
    {
        var bytes = ReadAll(fs, path);
        var status = RecordFormat.Check(bytes, out var found, out var size, out var detail);
        if (status != RecordStatus.Ok)
        {
            throw new StorageException(path, detail, 0);
        }
        if (found != type)
        {
            throw new StorageException(path, $"expected a record of type {(byte)type}, found type {(byte)found}", 0);
        }
        if (size != bytes.Length)
        {
            throw new StorageException(path, $"{bytes.Length - size} unexpected bytes after the record", size);
        }
        return bytes.AsMemory(RecordFormat.HeaderSize, size - RecordFormat.HeaderSize);
    }

    public static byte[] SingleRecord(RecordType type, ReadOnlySpan<byte> payload)
    {
        var bytes = new byte[RecordFormat.HeaderSize + payload.Length];
        RecordFormat.Write(bytes, type, payload);
        return bytes;
    }
}
