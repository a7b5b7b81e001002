using Wiber.Storage.IO;

namespace Wiber.Storage.Tests;

/// <summary>
/// An in-memory file system that remembers what has been synced. On <see cref="Crash"/> every
/// file keeps its synced bytes plus a random prefix of the writes made since (the last of which may
/// be torn: partly kept, then zeros or garbage), and every directory keeps a random prefix of its
/// un-synced creations, renames and deletions — the model of FoundationDB's AsyncFileNonDurable,
/// restricted to in-order loss. It can also play a full or read-only disk and a failing fsync.
/// </summary>
internal sealed class SimulatedFileSystem : IStorageFileSystem
{
    private readonly object _lock = new();
    private readonly HashSet<string> _directories = new(StringComparer.Ordinal);
    private Dictionary<string, Inode> _names = new(StringComparer.Ordinal);
    private Dictionary<string, Inode> _durableNames = new(StringComparer.Ordinal);
    private readonly List<NameChange> _pendingNames = [];
    private int _epoch;

    /// <summary>Total bytes all files may hold; writes past it fail with ENOSPC after a short write.</summary>
    public long? Capacity { get; set; }

    /// <summary>Every modifying call fails with EROFS.</summary>
    public bool ReadOnly { get; set; }

    /// <summary>File syncs fail with EIO.</summary>
    public bool FailSyncs { get; set; }

    public int FileSyncs { get; private set; }

    /// <summary>Runs at the start of every file sync, outside the lock: lets a test hold an fsync "in flight".</summary>
    public Action? BeforeSync { get; set; }

    public bool DirectoryExists(string path)
    {
        lock (_lock)
        {
            return _directories.Contains(path);
        }
    }

    public void CreateDirectory(string path)
    {
        lock (_lock)
        {
            ThrowIfReadOnly(path);
            // Directories are treated as durable at once: the storage fsyncs their parent anyway.
            for (var p = path; !string.IsNullOrEmpty(p); p = Path.GetDirectoryName(p))
            {
                _directories.Add(p);
            }
        }
    }

    public bool FileExists(string path)
    {
        lock (_lock)
        {
            return _names.ContainsKey(path);
        }
    }

    public IReadOnlyList<string> ListFiles(string directory)
    {
        lock (_lock)
        {
            return _names.Keys.Where(p => Path.GetDirectoryName(p) == directory).Select(Path.GetFileName).ToList()!;
        }
    }

    public IStorageFile Open(string path, FileOpenKind kind)
    {
        lock (_lock)
        {
            if (kind != FileOpenKind.Read)
            {
                ThrowIfReadOnly(path);
            }
            var exists = _names.TryGetValue(path, out var inode);
            switch (kind)
            {
                case FileOpenKind.Read or FileOpenKind.ReadWrite when !exists:
                    throw new FileNotFoundException($"no such file: {path}", path);
                case FileOpenKind.CreateNew when exists:
                    throw new IOException($"file exists: {path}", 17);
                case FileOpenKind.CreateNew or FileOpenKind.CreateOrTruncate when !exists:
                    if (!_directories.Contains(Path.GetDirectoryName(path)!))
                    {
                        throw new DirectoryNotFoundException($"no directory for {path}");
                    }
                    inode = new Inode();
                    ChangeName(new NameChange(path, inode, null));
                    break;
                case FileOpenKind.CreateOrTruncate:
                    inode!.Record(new Op(0, null));
                    break;
            }
            return new Handle(this, path, inode!, _epoch);
        }
    }

    public void Rename(string source, string destination)
    {
        lock (_lock)
        {
            ThrowIfReadOnly(source);
            if (!_names.TryGetValue(source, out var inode))
            {
                throw new FileNotFoundException($"no such file: {source}", source);
            }
            ChangeName(new NameChange(destination, inode, source));
        }
    }

    public void Delete(string path)
    {
        lock (_lock)
        {
            ThrowIfReadOnly(path);
            if (_names.ContainsKey(path))
            {
                ChangeName(new NameChange(path, null, null));
            }
        }
    }

    public void SyncDirectory(string path)
    {
        lock (_lock)
        {
            for (var i = 0; i < _pendingNames.Count;)
            {
                var change = _pendingNames[i];
                if (Path.GetDirectoryName(change.Path) == path)
                {
                    change.ApplyTo(_durableNames);
                    _pendingNames.RemoveAt(i);
                }
                else
                {
                    i++;
                }
            }
        }
    }

    /// <summary>
    /// Loses what was not synced, at random: each file keeps a prefix of its un-synced writes
    /// (possibly ending in a torn one), the directories a prefix of their un-synced changes.
    /// Handles opened before the crash stop working.
    /// </summary>
    public void Crash(Random random)
    {
        lock (_lock)
        {
            _epoch++;
            var keep = random.Next(_pendingNames.Count + 1);
            foreach (var change in _pendingNames.Take(keep))
            {
                change.ApplyTo(_durableNames);
            }
            _pendingNames.Clear();
            foreach (var inode in _durableNames.Values.Concat(_names.Values).Distinct())
            {
                inode.Crash(random);
            }
            _names = new Dictionary<string, Inode>(_durableNames, StringComparer.Ordinal);
        }
    }

    /// <summary>Durable and current contents of a file, for corruption tests.</summary>
    public void Mutate(string path, Action<List<byte>> change)
    {
        lock (_lock)
        {
            var inode = _names[path];
            change(inode.Current);
            inode.Durable = [.. inode.Current];
            inode.Pending.Clear();
        }
    }

    public long UsedBytes()
    {
        lock (_lock)
        {
            return _names.Values.Distinct().Sum(i => (long)i.Current.Count);
        }
    }

    private void ChangeName(NameChange change)
    {
        change.ApplyTo(_names);
        _pendingNames.Add(change);
    }

    private void ThrowIfReadOnly(string path)
    {
        if (ReadOnly)
        {
            throw new IOException($"Read-only file system : '{path}'", 30);
        }
    }

    /// <summary>A name bound to an inode (or removed when Inode is null); a rename also unbinds From.</summary>
    private sealed record NameChange(string Path, Inode? Inode, string? From)
    {
        public void ApplyTo(Dictionary<string, Inode> names)
        {
            if (From is not null)
            {
                names.Remove(From);
            }
            if (Inode is null)
            {
                names.Remove(Path);
            }
            else
            {
                names[Path] = Inode;
            }
        }
    }

    /// <summary>A write of Data at Offset, or (Data null) a truncation to Offset.</summary>
    private sealed record Op(long Offset, byte[]? Data);

    private sealed class Inode
    {
        public List<byte> Current { get; } = [];

        public byte[] Durable { get; set; } = [];

        public List<Op> Pending { get; } = [];

        public void Record(Op op)
        {
            Apply(Current, op);
            Pending.Add(op);
        }

        public void Sync()
        {
            Durable = [.. Current];
            Pending.Clear();
        }

        public void Crash(Random random)
        {
            var image = new List<byte>(Durable);
            var keep = random.Next(Pending.Count + 1);
            for (var i = 0; i < keep; i++)
            {
                Apply(image, Pending[i]);
            }
            if (keep < Pending.Count && Pending[keep].Data is { Length: > 0 } torn && random.Next(2) == 0)
            {
                // A torn write: some leading bytes made it, then zeros or garbage where the rest should be.
                var kept = random.Next(torn.Length);
                var junk = random.Next(torn.Length - kept + 1);
                var bytes = new byte[kept + junk];
                torn.AsSpan(0, kept).CopyTo(bytes);
                if (random.Next(2) == 0)
                {
                    random.NextBytes(bytes.AsSpan(kept));
                }
                Apply(image, new Op(Pending[keep].Offset, bytes));
            }
            Pending.Clear();
            Durable = [.. image];
            Current.Clear();
            Current.AddRange(image);
        }

        private static void Apply(List<byte> image, Op op)
        {
            if (op.Data is null)
            {
                if (op.Offset < image.Count)
                {
                    image.RemoveRange((int)op.Offset, image.Count - (int)op.Offset);
                }
                return;
            }
            while (image.Count < op.Offset)
            {
                image.Add(0);
            }
            for (var i = 0; i < op.Data.Length; i++)
            {
                var at = (int)op.Offset + i;
                if (at < image.Count)
                {
                    image[at] = op.Data[i];
                }
                else
                {
                    image.Add(op.Data[i]);
                }
            }
        }
    }

    private sealed class Handle(SimulatedFileSystem fs, string path, Inode inode, int epoch) : IStorageFile
    {
        public string Path { get; } = path;

        public long Length
        {
            get
            {
                lock (fs._lock)
                {
                    Check();
                    return inode.Current.Count;
                }
            }
        }

        public int Read(long offset, Span<byte> buffer)
        {
            lock (fs._lock)
            {
                Check();
                var n = (int)Math.Max(0, Math.Min(buffer.Length, inode.Current.Count - offset));
                for (var i = 0; i < n; i++)
                {
                    buffer[i] = inode.Current[(int)offset + i];
                }
                return n;
            }
        }

        public void Append(ReadOnlySpan<byte> data)
        {
            lock (fs._lock)
            {
                Check();
                fs.ThrowIfReadOnly(Path);
                var room = fs.Capacity is { } capacity ? capacity - fs.UsedBytes() : long.MaxValue;
                if (room < data.Length)
                {
                    if (room > 0)
                    {
                        inode.Record(new Op(inode.Current.Count, data[..(int)room].ToArray())); // a short write, as the kernel does
                    }
                    throw new IOException($"No space left on device : '{Path}'", 28);
                }
                inode.Record(new Op(inode.Current.Count, data.ToArray()));
            }
        }

        public void Truncate(long length)
        {
            lock (fs._lock)
            {
                Check();
                fs.ThrowIfReadOnly(Path);
                inode.Record(new Op(length, null));
            }
        }

        public void Sync()
        {
            var hold = fs.BeforeSync;
            fs.BeforeSync = null; // only the first sync is held
            hold?.Invoke();
            lock (fs._lock)
            {
                Check();
                if (fs.FailSyncs)
                {
                    throw new IOException($"Input/output error : '{Path}'", 5);
                }
                fs.FileSyncs++;
                inode.Sync();
            }
        }

        public void Dispose()
        {
        }

        private void Check()
        {
            if (epoch != fs._epoch)
            {
                throw new InvalidOperationException($"{Path}: handle opened before a simulated crash");
            }
        }
    }
}
