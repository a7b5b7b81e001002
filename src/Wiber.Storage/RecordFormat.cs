using System.Buffers.Binary;
using Wiber.Raft;

namespace Wiber.Storage;

/// <summary>The record types; stored in the record header so a reader never guesses.</summary>
internal enum RecordType : byte
{
    SegmentHeader = 1,
    Entry = 2,
    Snapshot = 3,
    HardState = 4,
}

/// <summary>What checking the bytes at one offset found.</summary>
internal enum RecordStatus
{
    Ok,
    PartialHeader,
    ImplausibleLength,
    PartialPayload,
    ChecksumMismatch,
}

/// <summary>
/// Every file we write is a sequence of records: <c>length:u32 | crc32c:u32 | type:u8 | payload</c>,
/// little-endian, where length counts the payload only and the CRC32C covers the length field, the
/// type and the payload, so a damaged length or type is caught as surely as damaged data.
/// </summary>
internal static class RecordFormat
{
    public const int HeaderSize = 9;

    /// <summary>Anything longer is treated as a damaged length field rather than allocated.</summary>
    public const int MaxPayload = 128 * 1024 * 1024;

    /// <summary>index:u64 | term:u64 | kind:u8 before the entry's data.</summary>
    public const int EntryFixedSize = 17;

    public static int EntryRecordSize(int dataLength) => HeaderSize + EntryFixedSize + dataLength;

    /// <summary>The data length of an entry record that occupies <paramref name="recordSize"/> bytes.</summary>
    public static int EntryDataLength(long recordSize) => (int)recordSize - HeaderSize - EntryFixedSize;

    /// <summary>Writes header and payload; <paramref name="destination"/> must hold HeaderSize + payload bytes.</summary>
    public static int Write(Span<byte> destination, RecordType type, ReadOnlySpan<byte> payload)
    {
        payload.CopyTo(destination[HeaderSize..]);
        Seal(destination, type, payload.Length);
        return HeaderSize + payload.Length;
    }

    /// <summary>Encodes an entry record in place; returns its size.</summary>
    public static int WriteEntry(Span<byte> destination, in Entry entry)
    {
        var p = destination[HeaderSize..];
        BinaryPrimitives.WriteUInt64LittleEndian(p, entry.Index);
        BinaryPrimitives.WriteUInt64LittleEndian(p[8..], entry.Term);
        p[16] = (byte)entry.Kind;
        entry.Data.Span.CopyTo(p[EntryFixedSize..]);
        var payloadLength = EntryFixedSize + entry.Data.Length;
        Seal(destination, RecordType.Entry, payloadLength);
        return HeaderSize + payloadLength;
    }

    /// <summary>Decodes an entry from a record already checked by <see cref="Check"/>.</summary>
    public static Entry ReadEntry(ReadOnlyMemory<byte> record)
    {
        var p = record.Span[HeaderSize..];
        return new Entry(
            BinaryPrimitives.ReadUInt64LittleEndian(p),
            BinaryPrimitives.ReadUInt64LittleEndian(p[8..]),
            (EntryKind)p[16],
            record[(HeaderSize + EntryFixedSize)..]);
    }

    public static ulong PeekEntryIndex(ReadOnlySpan<byte> record) => BinaryPrimitives.ReadUInt64LittleEndian(record[HeaderSize..]);

    public static ulong PeekEntryTerm(ReadOnlySpan<byte> record) => BinaryPrimitives.ReadUInt64LittleEndian(record[(HeaderSize + 8)..]);

    /// <summary>
    /// Checks the record starting at <c>bytes[0]</c>; on success <paramref name="size"/> is the whole
    /// record's size. <paramref name="detail"/> says what was expected when the check fails.
    /// </summary>
    public static RecordStatus Check(ReadOnlySpan<byte> bytes, out RecordType type, out int size, out string detail)
    {
        type = default;
        size = 0;
        detail = string.Empty;
        if (bytes.Length < HeaderSize)
        {
            detail = $"partial record header: {bytes.Length} of {HeaderSize} bytes";
            return RecordStatus.PartialHeader;
        }
        var length = BinaryPrimitives.ReadUInt32LittleEndian(bytes);
        if (length > MaxPayload)
        {
            detail = $"implausible record length {length} (limit {MaxPayload})";
            return RecordStatus.ImplausibleLength;
        }
        if (bytes.Length < HeaderSize + (long)length)
        {
            detail = $"partial record: header promises {HeaderSize + length} bytes, {bytes.Length} present";
            return RecordStatus.PartialPayload;
        }
        var stored = BinaryPrimitives.ReadUInt32LittleEndian(bytes[4..]);
        var actual = ChecksumOf(bytes, (int)length);
        if (stored != actual)
        {
            detail = $"checksum mismatch: record says 0x{stored:X8}, its bytes give 0x{actual:X8}";
            return RecordStatus.ChecksumMismatch;
        }
        type = (RecordType)bytes[8];
        size = HeaderSize + (int)length;
        return RecordStatus.Ok;
    }

    private static void Seal(Span<byte> record, RecordType type, int payloadLength)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(record, (uint)payloadLength);
        record[8] = (byte)type;
        BinaryPrimitives.WriteUInt32LittleEndian(record[4..], ChecksumOf(record, payloadLength));
    }

    private static uint ChecksumOf(ReadOnlySpan<byte> record, int payloadLength)
    {
        var crc = Crc32C.Compute(record[..4]);
        return Crc32C.Append(crc, record.Slice(8, 1 + payloadLength));
    }
}
