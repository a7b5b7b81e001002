using System.Buffers.Binary;
using System.Text;
using Wiber.Storage;

namespace Wiber.Broker.StateMachine;

/// <summary>
/// Reads snapshot content from <see cref="SnapshotFraming"/> frames, verifying each frame's checksum before
/// any of its bytes are parsed. Every problem is a <see cref="SnapshotFormatException"/>.
/// </summary>
internal sealed class SnapshotReader
{
    /// <summary>No single field (a payload) may claim more than this, so a bad length cannot exhaust memory.</summary>
    private const int MaxFieldLength = 256 * 1024 * 1024;

    private readonly Stream _stream;
    private readonly byte[] _frame = new byte[SnapshotFraming.MaxFrameSize];
    private int _length;
    private int _position;
    private uint _contentCrc;
    private bool _ended;
    private long _streamOffset;

    public SnapshotReader(Stream stream)
    {
        _stream = stream;
        Span<byte> header = stackalloc byte[12];
        ReadExactly(header, "header");
        if (!header[..8].SequenceEqual(SnapshotFraming.Magic))
        {
            throw new SnapshotFormatException("not a broker state snapshot (bad magic)");
        }
        var version = BinaryPrimitives.ReadUInt32LittleEndian(header[8..]);
        if (version != SnapshotFraming.Version1)
        {
            throw new SnapshotFormatException($"unsupported broker snapshot version {version} (this node reads {SnapshotFraming.Version1})");
        }
    }

    public ulong ReadVarUInt64(string field)
    {
        Span<byte> buffer = stackalloc byte[VarInt.MaxLength];
        for (var i = 0; i < VarInt.MaxLength; i++)
        {
            buffer[i] = ReadByte(field);
            if (buffer[i] < 0x80)
            {
                if (VarInt.TryRead(buffer[..(i + 1)], out var value) <= 0)
                {
                    throw Corrupt($"malformed varint in {field}");
                }
                return value;
            }
        }
        throw Corrupt($"malformed varint in {field}");
    }

    public long ReadVarInt64(string field)
    {
        var value = ReadVarUInt64(field);
        return value <= long.MaxValue ? (long)value : throw Corrupt($"{field} out of range");
    }

    public int ReadCount(string field, long max)
    {
        var value = ReadVarUInt64(field);
        return value <= (ulong)Math.Min(max, int.MaxValue) ? (int)value : throw Corrupt($"{field} {value} exceeds {max}");
    }

    public ulong ReadFixedUInt64(string field)
    {
        Span<byte> buffer = stackalloc byte[8];
        ReadContent(buffer, field);
        return BinaryPrimitives.ReadUInt64LittleEndian(buffer);
    }

    public byte[] ReadLengthPrefixed(string field, int maxLength = MaxFieldLength)
    {
        var length = ReadCount($"{field} length", maxLength);
        var bytes = new byte[length];
        ReadContent(bytes, field);
        return bytes;
    }

    public string ReadString(string field, int maxLength)
    {
        var bytes = ReadLengthPrefixed(field, maxLength * 4);
        if (!System.Text.Unicode.Utf8.IsValid(bytes))
        {
            throw Corrupt($"{field} is not UTF-8");
        }
        return Encoding.UTF8.GetString(bytes);
    }

    /// <summary>Reads the end frame and checks the whole-content checksum; nothing may follow.</summary>
    public void Complete()
    {
        if (_position != _length || NextFrame())
        {
            throw Corrupt("unexpected data after the snapshot content");
        }
    }

    public SnapshotFormatException Corrupt(string problem) =>
        new($"corrupt broker snapshot near byte {_streamOffset}: {problem}");

    private byte ReadByte(string field)
    {
        if (_position == _length && !NextFrame())
        {
            throw Truncated(field);
        }
        return _frame[_position++];
    }

    private void ReadContent(Span<byte> destination, string field)
    {
        while (!destination.IsEmpty)
        {
            if (_position == _length && !NextFrame())
            {
                throw Truncated(field);
            }
            var take = Math.Min(destination.Length, _length - _position);
            _frame.AsSpan(_position, take).CopyTo(destination);
            _position += take;
            destination = destination[take..];
        }
    }

    /// <summary>Loads the next frame; false at the (verified) end frame.</summary>
    private bool NextFrame()
    {
        if (_ended)
        {
            return false;
        }
        Span<byte> header = stackalloc byte[SnapshotFraming.FrameHeaderSize];
        ReadExactly(header, "frame header");
        var length = BinaryPrimitives.ReadUInt32LittleEndian(header);
        var crc = BinaryPrimitives.ReadUInt32LittleEndian(header[4..]);
        if (length == 0)
        {
            if (crc != _contentCrc)
            {
                throw Corrupt("content checksum mismatch");
            }
            _ended = true;
            _length = _position = 0;
            return false;
        }
        if (length > SnapshotFraming.MaxFrameSize)
        {
            throw Corrupt($"frame length {length} exceeds {SnapshotFraming.MaxFrameSize}");
        }
        var data = _frame.AsSpan(0, (int)length);
        ReadExactly(data, "frame");
        if (Crc32C.Append(Crc32C.Compute(header[..4]), data) != crc)
        {
            throw Corrupt("frame checksum mismatch");
        }
        _contentCrc = Crc32C.Append(_contentCrc, data);
        _length = (int)length;
        _position = 0;
        return true;
    }

    private void ReadExactly(Span<byte> destination, string what)
    {
        var total = 0;
        while (total < destination.Length)
        {
            var read = _stream.Read(destination[total..]);
            if (read == 0)
            {
                throw new SnapshotFormatException($"truncated broker snapshot: {what} cut at byte {_streamOffset + total}");
            }
            total += read;
        }
        _streamOffset += total;
    }

    private SnapshotFormatException Truncated(string field) =>
        new($"truncated broker snapshot: content ends inside {field} near byte {_streamOffset}");
}
