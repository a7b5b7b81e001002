using Wiber.Raft;

namespace Wiber.Storage;

public sealed partial class DurableRaftStorage
{
    /// <summary>Replaces the hard-state file atomically and durably (temp, fsync, rename, fsync directory).</summary>
    public void SetHardState(HardState hardState)
    {
        lock (_gate)
        {
            ThrowIfFailed();
            if (hardState == _hardState)
            {
                return;
            }
            try
            {
                HardStateFile.Write(_fs, _hardStatePath, hardState);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw Fail(_hardStatePath, "writing the hard state", ex);
            }
            _hardState = hardState;
        }
    }

    /// <summary>
    /// Replaces the whole log with a snapshot received from the leader: the snapshot file is made
    /// durable first, then the old segments are deleted newest first and an empty one is started.
    /// A crash in between is resolved at start-up (a log not matching the snapshot is discarded).
    /// </summary>
    public void ApplySnapshot(Snapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        lock (_gate)
        {
            ThrowIfFailed();
            if (snapshot.Metadata.Index <= _snapshot.Metadata.Index)
            {
                return;
            }
            SaveSnapshot(snapshot);
            try
            {
                DeleteSegments(0);
                _segments.Add(CreateSegment(snapshot.Metadata.Index + 1));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw Fail(_logDirectory, "replacing the log with a snapshot", ex);
            }
            _terms.Clear();
            _voters = snapshot.Metadata.Voters;
            _dummyIndex = snapshot.Metadata.Index;
            _dummyTerm = snapshot.Metadata.Term;
            _lastIndex = _dummyIndex;
            lock (_durability)
            {
                _durableIndex = _lastIndex;
                ReleaseSatisfiedWaiters();
            }
        }
    }

    /// <summary>Records a durable snapshot of the applied state at <paramref name="index"/> (which must be stored).</summary>
    public Snapshot CreateSnapshot(ulong index, ReadOnlyMemory<byte> data)
    {
        lock (_gate)
        {
            ThrowIfFailed();
            if (index <= _snapshot.Metadata.Index)
            {
                return _snapshot;
            }
            if (!TryGetTerm(index, out var term))
            {
                throw new ArgumentOutOfRangeException(nameof(index), $"snapshot index {index} beyond last index {_lastIndex}");
            }
            SaveSnapshot(new Snapshot(new SnapshotMetadata(index, term, _voters), data));
            return _snapshot;
        }
    }

    /// <summary>
    /// Drops every entry before <paramref name="compactIndex"/>, which becomes the entry just before
    /// FirstIndex, and deletes the segment files wholly below it. Only entries a durable snapshot
    /// covers can go: anything else could not be restored after a restart.
    /// </summary>
    public void Compact(ulong compactIndex)
    {
        lock (_gate)
        {
            ThrowIfFailed();
            if (compactIndex <= _dummyIndex)
            {
                return;
            }
            if (compactIndex > _lastIndex)
            {
                throw new ArgumentOutOfRangeException(nameof(compactIndex), $"compact {compactIndex} beyond last index {_lastIndex}");
            }
            if (compactIndex > _snapshot.Metadata.Index)
            {
                throw new ArgumentOutOfRangeException(nameof(compactIndex),
                    $"compact {compactIndex} beyond the snapshot at {_snapshot.Metadata.Index}: entries no snapshot covers would be lost on restart");
            }
            _dummyTerm = _terms.TermOf(compactIndex);
            _dummyIndex = compactIndex;
            var whole = 0;
            while (whole < _segments.Count - 1 && _segments[whole].LastIndex <= compactIndex)
            {
                whole++;
            }
            try
            {
                DeleteSegments(0, whole);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw Fail(_logDirectory, $"deleting segments below entry {compactIndex}", ex);
            }
            _terms.DropBefore(compactIndex);
        }
    }

    private void SaveSnapshot(Snapshot snapshot)
    {
        var index = snapshot.Metadata.Index;
        try
        {
            SnapshotFile.Write(_fs, Path.Combine(_snapshotDirectory, SnapshotFile.FileName(index)), snapshot);
            foreach (var name in _fs.ListFiles(_snapshotDirectory))
            {
                if (SnapshotFile.TryParseFileName(name, out var older) && older < index)
                {
                    _fs.Delete(Path.Combine(_snapshotDirectory, name));
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw Fail(_snapshotDirectory, $"writing the snapshot at entry {index}", ex);
        }
        _snapshot = snapshot;
    }
}
