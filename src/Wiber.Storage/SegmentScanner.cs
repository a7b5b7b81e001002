using Wiber.Storage.IO;

namespace Wiber.Storage;

/// <summary>What start-up found in one segment file.</summary>
internal sealed record SegmentScan(List<int> Offsets, List<ulong> Terms, long ValidLength, long FileLength, string? TornTail)
{
    public bool HeaderTorn => ValidLength == 0;
}

/// <summary>
/// Reads a segment from start to end, checking every record. The rule for damage: in the last
/// segment, a bad record that nothing valid follows is a torn tail (an append the crash interrupted)
/// and is reported so the caller cuts it off; anywhere else — an earlier segment, or a bad record
/// with a good one after it — it is corruption of data that was once whole, and start-up stops.
/// </summary>
internal static class SegmentScanner
{
    public static SegmentScan Scan(IStorageFile file, ulong firstIndex, bool isLast, ref byte[] buffer)
    {
        var length = file.Length;
        if (length > int.MaxValue)
        {
            throw new StorageException(file.Path, $"segment of {length} bytes is larger than any this program writes");
        }
        if (buffer.Length < length)
        {
            buffer = new byte[Math.Max(length, buffer.Length * 2L)];
        }
        var bytes = buffer.AsSpan(0, (int)length);
        ReadFully(file, bytes);

        var offsets = new List<int>();
        var terms = new List<ulong>();
        var status = RecordFormat.Check(bytes, out var type, out var size, out var detail);
        if (status != RecordStatus.Ok)
        {
            if (isLast && !AnyValidEntryAfter(bytes, 0, firstIndex))
            {
                return new SegmentScan(offsets, terms, 0, length, $"segment header: {detail}");
            }
            throw new StorageException(file.Path, $"bad segment header: {detail}", 0);
        }
        var headerProblem = type != RecordType.SegmentHeader
            ? $"expected a segment header record (type {(byte)RecordType.SegmentHeader}), found type {(byte)type}"
            : Segment.ValidateHeader(bytes[..size], firstIndex);
        if (headerProblem is not null)
        {
            throw new StorageException(file.Path, headerProblem, 0);
        }

        var pos = size;
        var expected = firstIndex;
        ulong lastTerm = 0;
        while (pos < bytes.Length)
        {
            var rest = bytes[pos..];
            status = RecordFormat.Check(rest, out type, out size, out detail);
            if (status == RecordStatus.Ok)
            {
                var problem = DescribeUnexpected(rest[..size], type, expected, lastTerm);
                if (problem is not null)
                {
                    // A whole, checksummed record that breaks the log's rules is never a torn write.
                    throw new StorageException(file.Path, problem, pos);
                }
                offsets.Add(pos);
                lastTerm = RecordFormat.PeekEntryTerm(rest);
                terms.Add(lastTerm);
                expected++;
                pos += size;
                continue;
            }
            if (isLast && !AnyValidEntryAfter(bytes, pos, expected))
            {
                return new SegmentScan(offsets, terms, pos, length, $"entry {expected}: {detail}");
            }
            throw new StorageException(file.Path, $"corrupt record where entry {expected} was expected: {detail}", pos);
        }
        return new SegmentScan(offsets, terms, pos, length, null);
    }

    private static string? DescribeUnexpected(ReadOnlySpan<byte> record, RecordType type, ulong expected, ulong lastTerm)
    {
        if (type != RecordType.Entry || record.Length < RecordFormat.HeaderSize + RecordFormat.EntryFixedSize)
        {
            return $"expected an entry record (type {(byte)RecordType.Entry}) for entry {expected}, found type {(byte)type} of {record.Length} bytes";
        }
        var index = RecordFormat.PeekEntryIndex(record);
        if (index != expected)
        {
            return $"expected entry {expected}, found entry {index}";
        }
        var term = RecordFormat.PeekEntryTerm(record);
        return term < lastTerm ? $"entry {index} has term {term}, lower than the previous entry's {lastTerm}" : null;
    }

    /// <summary>
    /// True when a whole entry record for an index at or after <paramref name="expected"/> starts
    /// anywhere after <paramref name="from"/>: then the damage at <paramref name="from"/> is not a tail.
    /// Runs only when damage is found, so its byte-by-byte search costs nothing in the normal case.
    /// </summary>
    private static bool AnyValidEntryAfter(ReadOnlySpan<byte> bytes, int from, ulong expected)
    {
        const int minimum = RecordFormat.HeaderSize + RecordFormat.EntryFixedSize;
        for (var q = from + 1; q + minimum <= bytes.Length; q++)
        {
            var candidate = bytes[q..];
            if (candidate[8] != (byte)RecordType.Entry || RecordFormat.PeekEntryIndex(candidate) < expected)
            {
                continue;
            }
            if (RecordFormat.Check(candidate, out var type, out _, out _) == RecordStatus.Ok && type == RecordType.Entry)
            {
                return true;
            }
        }
        return false;
    }

    internal static void ReadFully(IStorageFile file, Span<byte> destination, long offset = 0)
    {
        var done = 0;
        while (done < destination.Length)
        {
            var n = file.Read(offset + done, destination[done..]);
            if (n == 0)
            {
                throw new StorageException(file.Path, $"file ended after {done} of {destination.Length} bytes while reading", offset + done);
            }
            done += n;
        }
    }
}
