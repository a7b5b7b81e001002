using Microsoft.Win32.SafeHandles;

namespace Wiber.Storage.IO;

/// <summary>The real file system, with fdatasync for files and fsync for directories on Linux.</summary>
public sealed class PhysicalFileSystem : IStorageFileSystem
{
    public static PhysicalFileSystem Instance { get; } = new();

    public bool DirectoryExists(string path) => Directory.Exists(path);

    public void CreateDirectory(string path) => Directory.CreateDirectory(path);

    public bool FileExists(string path) => File.Exists(path);

    public IReadOnlyList<string> ListFiles(string directory) =>
        Directory.EnumerateFiles(directory).Select(p => System.IO.Path.GetFileName(p)).ToList();

    public IStorageFile Open(string path, FileOpenKind kind)
    {
        var (mode, access) = kind switch
        {
            FileOpenKind.Read => (FileMode.Open, FileAccess.Read),
            FileOpenKind.ReadWrite => (FileMode.Open, FileAccess.ReadWrite),
            FileOpenKind.CreateNew => (FileMode.CreateNew, FileAccess.ReadWrite),
            _ => (FileMode.Create, FileAccess.ReadWrite),
        };
        var handle = File.OpenHandle(path, mode, access, FileShare.Read | FileShare.Delete);
        return new PhysicalFile(path, handle);
    }

    public void Rename(string source, string destination) => File.Move(source, destination, overwrite: true);

    public void Delete(string path) => File.Delete(path);

    public void SyncDirectory(string path) => NativeSync.SyncDirectory(path);

    private sealed class PhysicalFile(string path, SafeFileHandle handle) : IStorageFile
    {
        // Tracked here rather than asked of the OS: only this handle appends to the file.
        private long _length = RandomAccess.GetLength(handle);

        public string Path { get; } = path;

        public long Length => Interlocked.Read(ref _length);

        public int Read(long offset, Span<byte> buffer) => RandomAccess.Read(handle, buffer, offset);

        public void Append(ReadOnlySpan<byte> data)
        {
            RandomAccess.Write(handle, data, _length);
            Interlocked.Add(ref _length, data.Length);
        }

        public void Truncate(long length)
        {
            RandomAccess.SetLength(handle, length);
            Interlocked.Exchange(ref _length, length);
        }

        public void Sync() => NativeSync.SyncData(handle, Path);

        public void Dispose() => handle.Dispose();
    }
}
