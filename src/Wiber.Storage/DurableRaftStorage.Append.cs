using Wiber.Raft;
using Wiber.Storage.IO;

namespace Wiber.Storage;

public sealed partial class DurableRaftStorage
{
    private byte[] _writeBuffer = new byte[64 * 1024];

    /// <summary>
    /// Appends entries, first replacing any existing suffix from the first entry's index on (that
    /// truncation is fsynced before anything new is written). Entries are written to the page cache
    /// in one write per segment; they become durable per the fsync policy — see <see cref="WaitDurableAsync"/>.
    /// </summary>
    public void Append(IReadOnlyList<Entry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        if (entries.Count == 0)
        {
            return;
        }
        lock (_gate)
        {
            ThrowIfFailed();
            var first = _dummyIndex + 1;
            var firstNew = entries[0].Index;
            var skip = 0;
            if (firstNew < first)
            {
                // Entries the snapshot already covers are not stored again.
                if (entries[^1].Index < first)
                {
                    return;
                }
                skip = (int)(first - firstNew);
                firstNew = first;
            }
            if (firstNew > _lastIndex + 1)
            {
                throw new InvalidOperationException($"append at {firstNew} leaves a gap after {_lastIndex}");
            }
            Validate(entries, skip, firstNew);
            if (firstNew <= _lastIndex)
            {
                TruncateFrom(firstNew);
            }
            Write(entries, skip);
        }
    }

    /// <summary>Consecutive indexes and terms that never go down: anything else would make the log unrecoverable.</summary>
    private void Validate(IReadOnlyList<Entry> entries, int skip, ulong firstNew)
    {
        var previousTerm = firstNew - 1 == _dummyIndex ? _dummyTerm : _terms.TermOf(firstNew - 1);
        for (var i = skip; i < entries.Count; i++)
        {
            var e = entries[i];
            if (e.Index != firstNew + (ulong)(i - skip))
            {
                throw new ArgumentException($"entry {i} has index {e.Index}, expected {firstNew + (ulong)(i - skip)}", nameof(entries));
            }
            if (e.Term < previousTerm)
            {
                throw new ArgumentException($"entry {e.Index} has term {e.Term}, lower than the previous entry's {previousTerm}", nameof(entries));
            }
            if (e.Data.Length > RecordFormat.MaxPayload - RecordFormat.EntryFixedSize)
            {
                throw new ArgumentException($"entry {e.Index} has {e.Data.Length} bytes of data, more than a record holds", nameof(entries));
            }
            previousTerm = e.Term;
        }
    }

    private void Write(IReadOnlyList<Entry> entries, int skip)
    {
        var pending = 0; // bytes encoded in _writeBuffer, not yet written
        var pendingFrom = skip;
        for (var i = skip; i < entries.Count; i++)
        {
            var size = RecordFormat.EntryRecordSize(entries[i].Data.Length);
            var segmentFull = Active.EndOffset + pending + size > _options.SegmentBytes && Active.Count + (i - pendingFrom) > 0;
            if (segmentFull)
            {
                Flush(entries, pendingFrom, i, pending);
                pending = 0;
                pendingFrom = i;
                Rollover();
            }
            if (pending + size > _writeBuffer.Length)
            {
                Array.Resize(ref _writeBuffer, Math.Max(_writeBuffer.Length * 2, pending + size));
            }
            pending += RecordFormat.WriteEntry(_writeBuffer.AsSpan(pending), entries[i]);
        }
        Flush(entries, pendingFrom, entries.Count, pending);
    }

    /// <summary>Writes the encoded entries [from, to) to the active segment and indexes them.</summary>
    private void Flush(IReadOnlyList<Entry> entries, int from, int to, int bytes)
    {
        if (from == to)
        {
            return;
        }
        var segment = Active;
        try
        {
            segment.File.Append(_writeBuffer.AsSpan(0, bytes));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Part of the write may be on disk; the next start-up cuts it off as a torn tail.
            throw Fail(segment.Path, $"appending entries {entries[from].Index}..{entries[to - 1].Index}", ex);
        }
        var offset = segment.EndOffset;
        for (var i = from; i < to; i++)
        {
            segment.Offsets.Add((int)offset);
            offset += RecordFormat.EntryRecordSize(entries[i].Data.Length);
            _terms.Add(entries[i].Index, entries[i].Term);
        }
        segment.EndOffset = offset;
        _lastIndex = entries[to - 1].Index;
    }

    /// <summary>
    /// Closes the active segment (fsyncing it, so only the newest segment can ever have a torn tail)
    /// and starts the next.
    /// </summary>
    private void Rollover()
    {
        var old = Active;
        try
        {
            lock (_fsyncGate)
            {
                old.File.Sync();
            }
            _segments.Add(CreateSegment(_lastIndex + 1));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw Fail(old.Path, "starting a new segment", ex);
        }
        lock (_durability)
        {
            _durableIndex = Math.Max(_durableIndex, old.LastIndex);
        }
    }

    /// <summary>Creates a segment holding only its header, durable (file and directory entry) before it is used.</summary>
    private Segment CreateSegment(ulong firstIndex)
    {
        var path = Path.Combine(_logDirectory, Segment.FileName(firstIndex));
        var file = _fs.Open(path, FileOpenKind.CreateOrTruncate);
        try
        {
            file.Append(Segment.EncodeHeader(firstIndex));
            file.Sync();
            _fs.SyncDirectory(_logDirectory);
        }
        catch
        {
            file.Dispose();
            throw;
        }
        return new Segment(path, firstIndex, file, [], Segment.HeaderRecordSize);
    }

    /// <summary>
    /// Removes entries from <paramref name="index"/> on, durably: later segments are deleted newest
    /// first (a crash part-way leaves a shorter but consistent log), then the segment holding
    /// <paramref name="index"/> is cut and fsynced — before any replacement entry is written, so old
    /// entries can never reappear after a crash behind new ones.
    /// </summary>
    private void TruncateFrom(ulong index)
    {
        var keep = _segments.IndexOf(SegmentHolding(index));
        var segment = _segments[keep];
        lock (_fsyncGate)
        {
            BumpGeneration();
            try
            {
                DeleteSegments(keep + 1);
                segment.File.Truncate(segment.RecordStart(index));
                segment.File.Sync();
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw Fail(segment.Path, $"truncating the log from entry {index}", ex);
            }
        }
        var cut = (int)(index - segment.FirstIndex);
        segment.EndOffset = segment.RecordStart(index);
        segment.Offsets.RemoveRange(cut, segment.Offsets.Count - cut);
        _terms.TruncateFrom(index);
        _lastIndex = index - 1;
        lock (_durability)
        {
            _durableIndex = Math.Min(_durableIndex, _lastIndex);
        }
    }

    /// <summary>Deletes segments [from, from+count) newest first, then fsyncs the log directory.</summary>
    private void DeleteSegments(int from, int count = int.MaxValue)
    {
        var end = (int)Math.Min(_segments.Count, (long)from + count);
        if (end <= from)
        {
            return;
        }
        lock (_fsyncGate)
        {
            BumpGeneration();
            for (var i = end - 1; i >= from; i--)
            {
                var segment = _segments[i];
                segment.File.Dispose();
                _fs.Delete(segment.Path);
                _segments.RemoveAt(i);
            }
            _fs.SyncDirectory(_logDirectory);
        }
    }
}
