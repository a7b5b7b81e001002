using System.Buffers.Binary;
using System.Globalization;
using Wiber.Storage.IO;

namespace Wiber.Storage;

/// <summary>
/// One log segment file: a header record, then entry records with consecutive indexes. In memory
/// we keep only where each record starts, so any entry is one positional read away.
/// </summary>
internal sealed class Segment
{
    private static readonly byte[] Magic = "WBLOGSEG"u8.ToArray();
    public const uint FormatVersion = 1;
    private const int HeaderPayloadSize = 8 + 4 + 8;
    public const int HeaderRecordSize = RecordFormat.HeaderSize + HeaderPayloadSize;

    public Segment(string path, ulong firstIndex, IStorageFile file, List<int> offsets, long endOffset)
    {
        Path = path;
        FirstIndex = firstIndex;
        File = file;
        Offsets = offsets;
        EndOffset = endOffset;
    }

    public string Path { get; }

    public ulong FirstIndex { get; }

    public IStorageFile File { get; set; }

    /// <summary>Start offset of the record of entry FirstIndex + i.</summary>
    public List<int> Offsets { get; }

    /// <summary>Where the next record goes: the end of the last whole record.</summary>
    public long EndOffset { get; set; }

    public int Count => Offsets.Count;

    /// <summary>FirstIndex - 1 when the segment holds no entry yet.</summary>
    public ulong LastIndex => FirstIndex + (ulong)Offsets.Count - 1;

    public long RecordStart(ulong index) => Offsets[(int)(index - FirstIndex)];

    public long RecordEnd(ulong index)
    {
        var i = (int)(index - FirstIndex);
        return i + 1 < Offsets.Count ? Offsets[i + 1] : EndOffset;
    }

    public static string FileName(ulong firstIndex) => firstIndex.ToString("D20", CultureInfo.InvariantCulture) + ".seg";

    public static bool TryParseFileName(string name, out ulong firstIndex)
    {
        firstIndex = 0;
        return name.Length == 24 && name.EndsWith(".seg", StringComparison.Ordinal)
            && ulong.TryParse(name.AsSpan(0, 20), NumberStyles.None, CultureInfo.InvariantCulture, out firstIndex);
    }

    public static byte[] EncodeHeader(ulong firstIndex)
    {
        Span<byte> payload = stackalloc byte[HeaderPayloadSize];
        Magic.CopyTo(payload);
        BinaryPrimitives.WriteUInt32LittleEndian(payload[8..], FormatVersion);
        BinaryPrimitives.WriteUInt64LittleEndian(payload[12..], firstIndex);
        var record = new byte[HeaderRecordSize];
        RecordFormat.Write(record, RecordType.SegmentHeader, payload);
        return record;
    }

    /// <summary>Checks a header record already verified by checksum; returns what is wrong, or null.</summary>
    public static string? ValidateHeader(ReadOnlySpan<byte> record, ulong expectedFirstIndex)
    {
        var payload = record[RecordFormat.HeaderSize..];
        if (payload.Length != HeaderPayloadSize || !payload[..8].SequenceEqual(Magic))
        {
            return "not a Wiber log segment: expected magic 'WBLOGSEG'";
        }
        var version = BinaryPrimitives.ReadUInt32LittleEndian(payload[8..]);
        if (version != FormatVersion)
        {
            return $"unsupported segment format version {version}, this build reads version {FormatVersion}";
        }
        var first = BinaryPrimitives.ReadUInt64LittleEndian(payload[12..]);
        return first == expectedFirstIndex ? null : $"header says first index {first}, file name says {expectedFirstIndex}";
    }
}
