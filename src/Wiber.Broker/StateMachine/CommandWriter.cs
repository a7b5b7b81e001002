using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace Wiber.Broker.StateMachine;

/// <summary>Appends command fields in the layout <see cref="CommandReader"/> reads.</summary>
internal sealed class CommandWriter(int initialCapacity)
{
    private readonly ArrayBufferWriter<byte> _buffer = new(Math.Max(initialCapacity, 16));

    public void WriteByte(byte value)
    {
        _buffer.GetSpan(1)[0] = value;
        _buffer.Advance(1);
    }

    public void WriteVarUInt64(ulong value) => _buffer.Advance(VarInt.Write(_buffer.GetSpan(VarInt.MaxLength), value));

    public void WriteFixedUInt64(ulong value)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(_buffer.GetSpan(8), value);
        _buffer.Advance(8);
    }

    public void WriteLengthPrefixed(ReadOnlySpan<byte> bytes)
    {
        WriteVarUInt64((ulong)bytes.Length);
        _buffer.Write(bytes);
    }

    /// <summary>UTF-8 with a length prefix. Topic, group and id strings are ASCII, so this is also their ASCII form.</summary>
    public void WriteString(string? value)
    {
        value ??= string.Empty;
        var length = Encoding.UTF8.GetByteCount(value);
        WriteVarUInt64((ulong)length);
        _buffer.Advance(Encoding.UTF8.GetBytes(value, _buffer.GetSpan(length)));
    }

    public byte[] ToArray() => _buffer.WrittenSpan.ToArray();
}
