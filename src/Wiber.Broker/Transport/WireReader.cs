using System.Buffers;

namespace Wiber.Broker.Transport;

/// <summary>
/// Bounds-checked reads over a (possibly multi-segment) buffer. Every read returns false instead of throwing
/// when the bytes are not there, so a decoder built on it can reject any malformed input without exceptions.
/// </summary>
internal ref struct WireReader
{
    private SequenceReader<byte> _reader;

    public WireReader(ReadOnlySequence<byte> buffer) => _reader = new SequenceReader<byte>(buffer);

    public readonly long Remaining => _reader.Remaining;

    public bool TryReadByte(out byte value) => _reader.TryRead(out value);

    public bool TryReadUInt16(out ushort value)
    {
        if (_reader.TryReadLittleEndian(out short raw))
        {
            value = (ushort)raw;
            return true;
        }
        value = 0;
        return false;
    }

    /// <summary>Unsigned LEB128; rejects encodings longer than 10 bytes or overflowing 64 bits.</summary>
    public bool TryReadVarint(out ulong value)
    {
        value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            if (!_reader.TryRead(out var b))
            {
                return false;
            }
            if (shift == 63 && b > 1)
            {
                return false;
            }
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>
    /// Reads exactly <paramref name="length"/> bytes into a new array. The length is checked against the bytes
    /// actually present first, so a lying length prefix cannot make us allocate.
    /// </summary>
    public bool TryReadBytes(ulong length, out ReadOnlyMemory<byte> data)
    {
        data = ReadOnlyMemory<byte>.Empty;
        if (length > (ulong)_reader.Remaining || length > (ulong)Array.MaxLength)
        {
            return false;
        }
        if (length == 0)
        {
            return true;
        }
        var array = GC.AllocateUninitializedArray<byte>((int)length);
        if (!_reader.TryCopyTo(array))
        {
            return false;
        }
        _reader.Advance(array.Length);
        data = array;
        return true;
    }

    /// <summary>A varint length followed by that many bytes.</summary>
    public bool TryReadLengthPrefixed(out ReadOnlyMemory<byte> data)
    {
        data = ReadOnlyMemory<byte>.Empty;
        return TryReadVarint(out var length) && TryReadBytes(length, out data);
    }

    /// <summary>Borrows up to <paramref name="length"/> bytes without copying (for short fields such as the cluster id).</summary>
    public bool TryReadSpan(int length, scoped Span<byte> destination)
    {
        if (length > _reader.Remaining || length > destination.Length)
        {
            return false;
        }
        if (!_reader.TryCopyTo(destination[..length]))
        {
            return false;
        }
        _reader.Advance(length);
        return true;
    }
}
