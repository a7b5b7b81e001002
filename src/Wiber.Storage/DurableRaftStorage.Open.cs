using System.Diagnostics;
using Wiber.Storage.IO;

namespace Wiber.Storage;

public sealed partial class DurableRaftStorage
{
    /// <summary>
    /// Opens (creating if new) the node's directory and recovers the log: every record is checked,
    /// a torn tail is cut off, anything else wrong throws <see cref="StorageException"/>.
    /// </summary>
    public static DurableRaftStorage Open(StorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.SegmentBytes < 512)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.SegmentBytes, "SegmentBytes must be at least 512");
        }
        var storage = new DurableRaftStorage(options);
        try
        {
            storage.Recover();
        }
        catch
        {
            storage.CloseFilesAfterFailedOpen();
            throw;
        }
        storage.StartIntervalSync();
        return storage;
    }

    private void Recover()
    {
        var clock = Stopwatch.StartNew();
        Guard(Directory, "preparing the data directory", PrepareDirectory);
        _hardState = HardStateFile.Read(_fs, _hardStatePath);
        LoadSnapshot();
        var (tornBytes, tornTail) = LoadSegments();
        var discarded = ReconcileWithSnapshot();
        if (_segments.Count == 0)
        {
            Guard(_logDirectory, "creating the first segment", () => _segments.Add(CreateSegment(_dummyIndex + 1)));
        }
        _lastIndex = Math.Max(_dummyIndex, Active.LastIndex);
        // What we found may sit only in the page cache (a killed process leaves it there): make it
        // durable before reporting it durable, since a host may have acknowledged it before the kill.
        Guard(Active.Path, "fsync at start-up", () => Active.File.Sync());
        _durableIndex = _lastIndex;
        Recovery = new RecoveryReport(_segments.Count, _dummyIndex + 1, _lastIndex, _snapshot.Metadata.Index,
            tornBytes, tornTail, discarded, clock.Elapsed);
    }

    private void PrepareDirectory()
    {
        var identity = Path.Combine(Directory, IdentityFile.Name);
        if (!_fs.DirectoryExists(Directory))
        {
            _fs.CreateDirectory(Directory);
            var parent = Path.GetDirectoryName(Path.GetFullPath(Directory));
            if (parent is not null)
            {
                _fs.SyncDirectory(parent);
            }
        }
        if (_fs.FileExists(identity))
        {
            IdentityFile.Verify(_fs, identity, _options.NodeId, _options.ClusterId);
        }
        else
        {
            var strangers = _fs.ListFiles(Directory).Where(n => !n.EndsWith(AtomicFile.TempSuffix, StringComparison.Ordinal)).ToList();
            if (strangers.Count > 0 || _fs.DirectoryExists(_logDirectory))
            {
                throw new StorageException(Directory,
                    $"not a Wiber data directory (no {IdentityFile.Name}, but it holds {(strangers.Count > 0 ? string.Join(", ", strangers.Take(3)) : "a log/ directory")}); refusing to use it");
            }
            IdentityFile.Create(_fs, identity, _options.NodeId, _options.ClusterId);
        }
        foreach (var dir in new[] { _logDirectory, _snapshotDirectory })
        {
            if (!_fs.DirectoryExists(dir))
            {
                _fs.CreateDirectory(dir);
                _fs.SyncDirectory(Directory);
            }
        }
        foreach (var dir in new[] { Directory, _snapshotDirectory })
        {
            foreach (var name in _fs.ListFiles(dir).Where(n => n.EndsWith(AtomicFile.TempSuffix, StringComparison.Ordinal)))
            {
                _fs.Delete(Path.Combine(dir, name)); // a replacement a crash interrupted before its rename
            }
        }
    }

    private void LoadSnapshot()
    {
        var found = new List<ulong>();
        foreach (var name in Guard(_snapshotDirectory, "listing snapshots", () => _fs.ListFiles(_snapshotDirectory)))
        {
            if (!SnapshotFile.TryParseFileName(name, out var index))
            {
                throw new StorageException(Path.Combine(_snapshotDirectory, name), "unexpected file in the snapshot directory");
            }
            found.Add(index);
        }
        if (found.Count == 0)
        {
            return;
        }
        found.Sort();
        // The newest was renamed into place only once complete and synced, so damage there is real corruption.
        var newest = found[^1];
        _snapshot = SnapshotFile.Read(_fs, Path.Combine(_snapshotDirectory, SnapshotFile.FileName(newest)), newest);
        _voters = _snapshot.Metadata.Voters;
        _dummyIndex = _snapshot.Metadata.Index;
        _dummyTerm = _snapshot.Metadata.Term;
        foreach (var older in found.Take(found.Count - 1))
        {
            Guard(_snapshotDirectory, "deleting a superseded snapshot", () => _fs.Delete(Path.Combine(_snapshotDirectory, SnapshotFile.FileName(older))));
        }
    }

    private (long TornBytes, string? TornTail) LoadSegments()
    {
        var firsts = new List<ulong>();
        foreach (var name in Guard(_logDirectory, "listing segments", () => _fs.ListFiles(_logDirectory)))
        {
            if (!Segment.TryParseFileName(name, out var first))
            {
                throw new StorageException(Path.Combine(_logDirectory, name), "unexpected file in the log directory (segments are named <first-index:20 digits>.seg)");
            }
            firsts.Add(first);
        }
        firsts.Sort();
        var buffer = Array.Empty<byte>();
        long tornBytes = 0;
        string? tornTail = null;
        ulong previousLast = 0;
        ulong previousTerm = 0;
        for (var i = 0; i < firsts.Count; i++)
        {
            var path = Path.Combine(_logDirectory, Segment.FileName(firsts[i]));
            var isLast = i == firsts.Count - 1;
            if (i > 0 && firsts[i] != previousLast + 1)
            {
                throw new StorageException(path, $"log has a gap: the previous segment ends at entry {previousLast}, this one starts at {firsts[i]}", 0);
            }
            var file = Guard(path, "opening a segment for reading and writing", () => _fs.Open(path, FileOpenKind.ReadWrite));
            SegmentScan scan;
            try
            {
                scan = SegmentScanner.Scan(file, firsts[i], isLast, ref buffer);
            }
            catch
            {
                file.Dispose();
                throw;
            }
            if (scan.Terms.Count > 0 && scan.Terms[0] < previousTerm)
            {
                file.Dispose();
                throw new StorageException(path, $"entry {firsts[i]} has term {scan.Terms[0]}, lower than the previous entry's {previousTerm}", scan.Offsets[0]);
            }
            if (scan.TornTail is not null)
            {
                tornTail = $"{path} at byte {scan.ValidLength}: {scan.TornTail}";
                tornBytes = scan.FileLength - scan.ValidLength;
                if (scan.HeaderTorn)
                {
                    // A segment whose creation the crash interrupted holds nothing: remove it.
                    file.Dispose();
                    Guard(path, "removing a segment with a torn header", () =>
                    {
                        _fs.Delete(path);
                        _fs.SyncDirectory(_logDirectory);
                    });
                    continue;
                }
                Guard(path, "truncating the torn tail", () =>
                {
                    file.Truncate(scan.ValidLength);
                    file.Sync();
                });
            }
            for (var k = 0; k < scan.Terms.Count; k++)
            {
                _terms.Add(firsts[i] + (ulong)k, scan.Terms[k]);
            }
            _segments.Add(new Segment(path, firsts[i], file, scan.Offsets, scan.ValidLength));
            previousLast = _segments[^1].LastIndex;
            previousTerm = scan.Terms.Count > 0 ? scan.Terms[^1] : previousTerm;
        }
        return (tornBytes, tornTail);
    }

    /// <summary>
    /// Makes the log agree with the snapshot, as Raft prescribes: keep the entries after the snapshot
    /// when the log holds the snapshot's last entry with the same term (or starts right after it),
    /// otherwise discard the log. A log starting beyond the snapshot has lost entries: that stops us.
    /// </summary>
    private bool ReconcileWithSnapshot()
    {
        if (_segments.Count == 0)
        {
            return false;
        }
        var snapshotIndex = _snapshot.Metadata.Index;
        var logFirst = _segments[0].FirstIndex;
        var logLast = Active.LastIndex;
        if (logFirst > snapshotIndex + 1)
        {
            throw new StorageException(_segments[0].Path,
                $"the log starts at entry {logFirst} but the snapshot ends at {snapshotIndex}: entries {snapshotIndex + 1}..{logFirst - 1} are missing", 0);
        }
        var matches = logLast >= snapshotIndex && (logFirst > snapshotIndex || snapshotIndex == 0 || _terms.TermOf(snapshotIndex) == _snapshot.Metadata.Term);
        if (!matches)
        {
            // An interrupted ApplySnapshot: the log it replaced is no longer valid.
            Guard(_logDirectory, "discarding a log that does not match the snapshot", () => DeleteSegments(0));
            _terms.Clear();
            return true;
        }
        while (_segments.Count > 1 && _segments[0].LastIndex <= snapshotIndex)
        {
            Guard(_logDirectory, "deleting a compacted segment", () => DeleteSegments(0, 1)); // left over from a compaction the crash interrupted
        }
        _terms.DropBefore(snapshotIndex);
        return false;
    }

    private void CloseFilesAfterFailedOpen()
    {
        foreach (var segment in _segments)
        {
            segment.File.Dispose();
        }
        _segments.Clear();
        _disposed = true;
    }

    /// <summary>Runs an I/O step during start-up, turning OS errors into our exception naming the path.</summary>
    private static T Guard<T>(string path, string doing, Func<T> step)
    {
        try
        {
            return step();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new StorageException(path, $"{doing} failed: {Describe(ex)}", null, ex);
        }
    }

    private static void Guard(string path, string doing, Action step) => Guard(path, doing, () =>
    {
        step();
        return true;
    });

    private static string Describe(Exception error) => error switch
    {
        IOException { HResult: 28 } => "disk full (no space left on device)",
        IOException { HResult: 30 } => "read-only file system",
        IOException { HResult: 5 } => "I/O error from the device",
        UnauthorizedAccessException => "permission denied (is the directory read-only?)",
        _ => error.Message,
    };
}
