using Wiber.Storage.IO;

namespace Wiber.Broker.Tests.Hosting;

/// <summary>
/// The real file system, except that fsyncs of log segments (<c>*.seg</c>) block while <see cref="Stall"/>
/// is in force: a disk that has taken the writes but not yet made them durable.
/// </summary>
internal sealed class StallableFileSystem : IStorageFileSystem
{
    private readonly ManualResetEventSlim _flowing = new(initialState: true);
    private int _waiting;

    /// <summary>Fsyncs blocked by the stall right now: the writes they cover have reached this disk.</summary>
    public int Waiting => Volatile.Read(ref _waiting);

    public void Stall() => _flowing.Reset();

    public void Resume() => _flowing.Set();

    public bool DirectoryExists(string path) => PhysicalFileSystem.Instance.DirectoryExists(path);

    public void CreateDirectory(string path) => PhysicalFileSystem.Instance.CreateDirectory(path);

    public bool FileExists(string path) => PhysicalFileSystem.Instance.FileExists(path);

    public IReadOnlyList<string> ListFiles(string directory) => PhysicalFileSystem.Instance.ListFiles(directory);

    public IStorageFile Open(string path, FileOpenKind kind)
    {
        var file = PhysicalFileSystem.Instance.Open(path, kind);
        return path.EndsWith(".seg", StringComparison.Ordinal) ? new StallableFile(file, this) : file;
    }

    public void Rename(string source, string destination) => PhysicalFileSystem.Instance.Rename(source, destination);

    public void Delete(string path) => PhysicalFileSystem.Instance.Delete(path);

    public void SyncDirectory(string path) => PhysicalFileSystem.Instance.SyncDirectory(path);

    private sealed class StallableFile(IStorageFile inner, StallableFileSystem disk) : IStorageFile
    {
        public string Path => inner.Path;

        public long Length => inner.Length;

        public int Read(long offset, Span<byte> buffer) => inner.Read(offset, buffer);

        public void Append(ReadOnlySpan<byte> data) => inner.Append(data);

        public void Truncate(long length) => inner.Truncate(length);

        public void Sync()
        {
            Interlocked.Increment(ref disk._waiting);
            try
            {
                // Bounded, so a test that forgets to resume fails instead of hanging.
                if (!disk._flowing.Wait(TimeSpan.FromSeconds(30)))
                {
                    throw new IOException("test disk stalled for 30 s");
                }
            }
            finally
            {
                Interlocked.Decrement(ref disk._waiting);
            }
            inner.Sync();
        }

        public void Dispose() => inner.Dispose();
    }
}
