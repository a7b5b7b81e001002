namespace Wiber.Storage.IO;

/// <summary>
/// The few file operations storage needs, so tests can substitute a file system that loses
/// un-synced writes on a simulated crash or fails like a full or read-only disk.
/// Durability contract (what a real POSIX file system gives): file contents survive a crash only
/// after <see cref="IStorageFile.Sync"/>; creations, renames and deletions only after
/// <see cref="SyncDirectory"/> of the directory holding them.
/// </summary>
public interface IStorageFileSystem
{
    bool DirectoryExists(string path);

    void CreateDirectory(string path);

    bool FileExists(string path);

    /// <summary>File names (not paths) directly inside <paramref name="directory"/>.</summary>
    IReadOnlyList<string> ListFiles(string directory);

    /// <summary>Opens a file; <see cref="FileOpenKind.CreateNew"/> fails when it already exists.</summary>
    IStorageFile Open(string path, FileOpenKind kind);

    /// <summary>Atomically replaces <paramref name="destination"/> with <paramref name="source"/>.</summary>
    void Rename(string source, string destination);

    void Delete(string path);

    /// <summary>Makes creations, renames and deletions in the directory durable.</summary>
    void SyncDirectory(string path);
}

public enum FileOpenKind
{
    /// <summary>Read only; the file must exist.</summary>
    Read,

    /// <summary>Read and write; the file must exist.</summary>
    ReadWrite,

    /// <summary>Read and write; the file must not exist yet.</summary>
    CreateNew,

    /// <summary>Read and write; any existing file is emptied first.</summary>
    CreateOrTruncate,
}

/// <summary>An open file: positional reads, appends at the end, truncation and fsync.</summary>
public interface IStorageFile : IDisposable
{
    string Path { get; }

    long Length { get; }

    /// <summary>Reads up to <c>buffer.Length</c> bytes at <paramref name="offset"/>; returns how many were read (0 at end).</summary>
    int Read(long offset, Span<byte> buffer);

    /// <summary>Writes <paramref name="data"/> at the current end of the file.</summary>
    void Append(ReadOnlySpan<byte> data);

    /// <summary>Cuts the file to <paramref name="length"/> bytes.</summary>
    void Truncate(long length);

    /// <summary>Makes the contents (and length) durable: fdatasync where available, else fsync.</summary>
    void Sync();
}
