using Wiber.Raft;
using Wiber.Storage.IO;

namespace Wiber.Storage;

/// <summary>
/// The Raft log, hard state and snapshots on disk, with the same write side as
/// <see cref="MemoryStorage"/>. Split by concern: opening and recovery (<c>.Open.cs</c>), appending
/// (<c>.Append.cs</c>), durability and group commit (<c>.Durability.cs</c>), hard state and
/// snapshots (<c>.Snapshots.cs</c>). Thread-safe: reads and writes take one lock; fsyncs run
/// outside it so appends keep arriving while a sync is in flight.
/// After any I/O failure the instance refuses all further work (see <see cref="StorageException"/>).
/// </summary>
public sealed partial class DurableRaftStorage : IRaftStorage, IDisposable
{
    private readonly StorageOptions _options;
    private readonly IStorageFileSystem _fs;
    private readonly string _logDirectory;
    private readonly string _snapshotDirectory;
    private readonly string _hardStatePath;

    // Guards everything below and every write; taken before _fsyncGate and _durability when nested.
    private readonly object _gate = new();
    private readonly List<Segment> _segments = [];
    private readonly TermRuns _terms = new();
    private ulong _dummyIndex; // the entry just before FirstIndex: the snapshot's or compaction's last entry
    private ulong _dummyTerm;
    private ulong _lastIndex;
    private HardState _hardState;
    private Snapshot _snapshot = Snapshot.Empty;
    private IReadOnlyList<ulong> _voters;
    private Exception? _failure;
    private bool _disposed;

    private DurableRaftStorage(StorageOptions options)
    {
        _options = options;
        _fs = options.FileSystem;
        Directory = options.NodeDirectory;
        _logDirectory = Path.Combine(Directory, "log");
        _snapshotDirectory = Path.Combine(Directory, SnapshotFile.DirectoryName);
        _hardStatePath = Path.Combine(Directory, HardStateFile.Name);
        _voters = options.InitialVoters;
    }

    /// <summary>The node's data directory.</summary>
    public string Directory { get; }

    /// <summary>The fsync policy in force, for the node's status.</summary>
    public FsyncPolicy FsyncPolicy => _options.Fsync;

    /// <summary>What start-up found: segments, torn bytes cut off, time taken.</summary>
    public RecoveryReport Recovery { get; private set; } = null!;

    public HardState HardState
    {
        get
        {
            lock (_gate)
            {
                return _hardState;
            }
        }
    }

    public (HardState HardState, IReadOnlyList<ulong> Voters) InitialState()
    {
        lock (_gate)
        {
            return (_hardState, _voters);
        }
    }

    public ulong FirstIndex
    {
        get
        {
            lock (_gate)
            {
                return _dummyIndex + 1;
            }
        }
    }

    public ulong LastIndex
    {
        get
        {
            lock (_gate)
            {
                return _lastIndex;
            }
        }
    }

    public bool TryGetTerm(ulong index, out ulong term)
    {
        lock (_gate)
        {
            term = 0;
            if (index == _dummyIndex)
            {
                term = _dummyTerm;
                return true;
            }
            if (index < _dummyIndex || index > _lastIndex)
            {
                return false;
            }
            term = _terms.TermOf(index);
            return true;
        }
    }

    /// <summary>Reads the entries from their segment files; every record's checksum is checked again.</summary>
    public IReadOnlyList<Entry> GetEntries(ulong lo, ulong hi, long maxBytes)
    {
        lock (_gate)
        {
            ThrowIfFailed();
            if (lo <= _dummyIndex || hi > _lastIndex + 1 || lo > hi)
            {
                throw new ArgumentOutOfRangeException(nameof(lo), $"[{lo},{hi}) outside [{_dummyIndex + 1},{_lastIndex + 1})");
            }
            var result = new List<Entry>((int)Math.Min(hi - lo, 64));
            long size = 0;
            while (lo < hi)
            {
                var segment = SegmentHolding(lo);
                var end = Math.Min(hi, segment.LastIndex + 1);
                var take = lo;
                while (take < end)
                {
                    var recordSize = segment.RecordEnd(take) - segment.RecordStart(take);
                    size += RecordFormat.EntryDataLength(recordSize) + 24; // the same measure as Entry.Size
                    if ((result.Count > 0 || take > lo) && size > maxBytes)
                    {
                        break;
                    }
                    take++;
                }
                ReadEntries(segment, lo, take, result);
                if (take < end)
                {
                    break; // the size limit stopped us
                }
                lo = end;
            }
            return result;
        }
    }

    public Snapshot GetSnapshot()
    {
        lock (_gate)
        {
            return _snapshot;
        }
    }

    private void ReadEntries(Segment segment, ulong lo, ulong hi, List<Entry> into)
    {
        if (lo == hi)
        {
            return;
        }
        var start = segment.RecordStart(lo);
        var bytes = new byte[segment.RecordEnd(hi - 1) - start];
        try
        {
            SegmentScanner.ReadFully(segment.File, bytes.AsSpan(), start);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw Fail(segment.Path, $"reading entries {lo}..{hi - 1}", ex);
        }
        var memory = bytes.AsMemory();
        for (var index = lo; index < hi; index++)
        {
            var offset = (int)(segment.RecordStart(index) - start);
            var size = (int)(segment.RecordEnd(index) - segment.RecordStart(index));
            var record = memory.Slice(offset, size);
            var status = RecordFormat.Check(record.Span, out var type, out var checkedSize, out var detail);
            if (status != RecordStatus.Ok || type != RecordType.Entry || checkedSize != size || RecordFormat.PeekEntryIndex(record.Span) != index)
            {
                var problem = status != RecordStatus.Ok ? detail : $"record no longer holds entry {index}";
                throw Fail(new StorageException(segment.Path, $"entry {index} damaged since start-up: {problem}", start + offset));
            }
            into.Add(RecordFormat.ReadEntry(record));
        }
    }

    private Segment SegmentHolding(ulong index)
    {
        int lo = 0, hi = _segments.Count - 1;
        while (lo < hi)
        {
            var mid = (lo + hi + 1) / 2;
            if (_segments[mid].FirstIndex <= index)
            {
                lo = mid;
            }
            else
            {
                hi = mid - 1;
            }
        }
        return _segments[lo];
    }

    private Segment Active => _segments[^1];

    private void ThrowIfFailed()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_failure is not null)
        {
            throw new StorageException(Directory, $"storage stopped after an earlier failure and refuses further work: {_failure.Message}", null, _failure);
        }
    }

    /// <summary>Turns an I/O error into our exception, naming the path and the likely cause, and stops the instance.</summary>
    private StorageException Fail(string path, string doing, Exception error)
    {
        return Fail(new StorageException(path, $"{doing} failed: {Describe(error)}", null, error));
    }

    private StorageException Fail(StorageException error)
    {
        lock (_durability)
        {
            _failure ??= error;
            _syncInFlight = false;
            foreach (var waiter in _waiters)
            {
                waiter.Done.TrySetException(error);
            }
            _waiters.Clear();
        }
        return error;
    }

    /// <summary>Syncs what is outstanding (unless the policy is never) and closes every file.</summary>
    public void Dispose()
    {
        StopIntervalSync();
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }
            if (_failure is null && _options.Fsync.Mode != FsyncMode.Never && _segments.Count > 0)
            {
                try
                {
                    lock (_fsyncGate)
                    {
                        Active.File.Sync();
                    }
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    _ = Fail(Active.Path, "final fsync on close", ex);
                }
            }
            _disposed = true;
            foreach (var segment in _segments)
            {
                segment.File.Dispose();
            }
            _segments.Clear();
        }
        lock (_durability)
        {
            foreach (var waiter in _waiters)
            {
                waiter.Done.TrySetException(new ObjectDisposedException(nameof(DurableRaftStorage)));
            }
            _waiters.Clear();
        }
    }
}
