namespace Wiber.Broker.StateMachine;

/// <summary>
/// Unsigned LEB128 integers. Decoding accepts only the shortest form, so every value has exactly one
/// encoding: a decoded command re-encodes to the very bytes it came from, which keeps the format
/// canonical and lets fuzz tests check the codec by round trip.
/// </summary>
internal static class VarInt
{
    public const int MaxLength = 10;

    public static int Length(ulong value)
    {
        var length = 1;
        while (value >= 0x80)
        {
            value >>= 7;
            length++;
        }
        return length;
    }

    public static int Write(Span<byte> destination, ulong value)
    {
        var i = 0;
        while (value >= 0x80)
        {
            destination[i++] = (byte)(value | 0x80);
            value >>= 7;
        }
        destination[i++] = (byte)value;
        return i;
    }

    /// <summary>Reads one value; returns the bytes consumed, 0 when truncated, -1 when not the shortest form or too long.</summary>
    public static int TryRead(ReadOnlySpan<byte> source, out ulong value)
    {
        value = 0;
        for (var i = 0; i < MaxLength; i++)
        {
            if (i >= source.Length)
            {
                return 0;
            }
            var b = source[i];
            if (i == MaxLength - 1 && b > 1)
            {
                return -1; // the tenth byte may only carry the top bit of a 64-bit value
            }
            value |= (ulong)(b & 0x7F) << (7 * i);
            if (b < 0x80)
            {
                return b == 0 && i > 0 ? -1 : i + 1; // a trailing zero group means a longer-than-needed form
            }
        }
        return -1;
    }
}
