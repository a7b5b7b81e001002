using System.Buffers;
using System.Buffers.Binary;
using System.Numerics;

namespace Wiber.Broker.Transport;

/// <summary>The primitive writes of the wire format: bytes, little-endian fixed ints and LEB128 varints.</summary>
internal static class WireWriter
{
    public const int MaxVarintBytes = 10;

    public static void WriteByte(IBufferWriter<byte> writer, byte value)
    {
        writer.GetSpan(1)[0] = value;
        writer.Advance(1);
    }

    public static void WriteUInt16(IBufferWriter<byte> writer, ushort value)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(writer.GetSpan(2), value);
        writer.Advance(2);
    }

    public static void WriteUInt32(IBufferWriter<byte> writer, uint value)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(writer.GetSpan(4), value);
        writer.Advance(4);
    }

    /// <summary>Unsigned LEB128: indexes, terms and lengths are usually small, so most take one or two bytes.</summary>
    public static void WriteVarint(IBufferWriter<byte> writer, ulong value)
    {
        var span = writer.GetSpan(MaxVarintBytes);
        var i = 0;
        while (value >= 0x80)
        {
            span[i++] = (byte)(value | 0x80);
            value >>= 7;
        }
        span[i++] = (byte)value;
        writer.Advance(i);
    }

    public static int VarintSize(ulong value) => value < 0x80 ? 1 : (BitOperations.Log2(value) / 7) + 1;

    /// <summary>A length-prefixed byte string.</summary>
    public static void WriteBytes(IBufferWriter<byte> writer, ReadOnlySpan<byte> data)
    {
        WriteVarint(writer, (ulong)data.Length);
        writer.Write(data);
    }

    public static long BytesSize(int length) => VarintSize((ulong)length) + (long)length;
}
