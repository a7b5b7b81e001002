using System.Buffers.Binary;
using System.Text;
using Wiber.Storage;

namespace Wiber.Broker.StateMachine;

/// <summary>
/// Writes snapshot content as <see cref="SnapshotFraming"/> frames. Frames are cut at fixed sizes, so the
/// same content always gives the same bytes.
/// </summary>
internal sealed class SnapshotWriter
{
    private readonly Stream _stream;
    private readonly byte[] _frame = new byte[SnapshotFraming.FrameHeaderSize + SnapshotFraming.MaxFrameSize];
    private int _used;
    private uint _contentCrc;

    public SnapshotWriter(Stream stream)
    {
        _stream = stream;
        Span<byte> header = stackalloc byte[12];
        SnapshotFraming.Magic.CopyTo(header);
        BinaryPrimitives.WriteUInt32LittleEndian(header[8..], SnapshotFraming.Version1);
        _stream.Write(header);
    }

    public void WriteVarUInt64(ulong value)
    {
        Span<byte> buffer = stackalloc byte[VarInt.MaxLength];
        WriteBytes(buffer[..VarInt.Write(buffer, value)]);
    }

    public void WriteVarInt64(long value) => WriteVarUInt64((ulong)value);

    public void WriteFixedUInt64(ulong value)
    {
        Span<byte> buffer = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(buffer, value);
        WriteBytes(buffer);
    }

    /// <summary>Length-prefixed UTF-8; null is written like the empty string (only message ids are optional, and never empty).</summary>
    public void WriteString(string? value)
    {
        var bytes = Encoding.UTF8.GetBytes(value ?? string.Empty);
        WriteLengthPrefixed(bytes);
    }

    public void WriteLengthPrefixed(ReadOnlySpan<byte> bytes)
    {
        WriteVarUInt64((ulong)bytes.Length);
        WriteBytes(bytes);
    }

    /// <summary>Flushes the last frame and writes the end frame.</summary>
    public void Complete()
    {
        FlushFrame();
        Span<byte> end = stackalloc byte[SnapshotFraming.FrameHeaderSize];
        BinaryPrimitives.WriteUInt32LittleEndian(end, 0);
        BinaryPrimitives.WriteUInt32LittleEndian(end[4..], _contentCrc);
        _stream.Write(end);
        _stream.Flush();
    }

    private void WriteBytes(ReadOnlySpan<byte> bytes)
    {
        while (!bytes.IsEmpty)
        {
            var room = SnapshotFraming.MaxFrameSize - _used;
            var take = Math.Min(room, bytes.Length);
            bytes[..take].CopyTo(_frame.AsSpan(SnapshotFraming.FrameHeaderSize + _used));
            _used += take;
            bytes = bytes[take..];
            if (_used == SnapshotFraming.MaxFrameSize)
            {
                FlushFrame();
            }
        }
    }

    private void FlushFrame()
    {
        if (_used == 0)
        {
            return;
        }
        var data = _frame.AsSpan(SnapshotFraming.FrameHeaderSize, _used);
        BinaryPrimitives.WriteUInt32LittleEndian(_frame, (uint)_used);
        var crc = Crc32C.Append(Crc32C.Compute(_frame.AsSpan(0, 4)), data);
        BinaryPrimitives.WriteUInt32LittleEndian(_frame.AsSpan(4), crc);
        _contentCrc = Crc32C.Append(_contentCrc, data);
        _stream.Write(_frame, 0, SnapshotFraming.FrameHeaderSize + _used);
        _used = 0;
    }
}
