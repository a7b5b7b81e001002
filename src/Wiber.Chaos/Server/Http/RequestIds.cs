using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Wiber.Chaos.Server.Http;

/// <summary>
/// Request ids in the xid format upstream uses for <c>X-Toxiproxy-Request-Id</c>: 12 bytes (seconds, machine,
/// pid, counter) as 20 lower-case base32hex characters, sortable by time.
/// </summary>
internal static class RequestIds
{
    private const string Alphabet = "0123456789abcdefghijklmnopqrstuv";
    private static readonly byte[] Machine = RandomNumberGenerator.GetBytes(3);
    private static int _counter = RandomNumberGenerator.GetInt32(1 << 24);

    public static string Next()
    {
        Span<byte> id = stackalloc byte[12];
        BinaryPrimitives.WriteUInt32BigEndian(id, (uint)DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        Machine.CopyTo(id[4..]);
        BinaryPrimitives.WriteUInt16BigEndian(id[7..], (ushort)Environment.ProcessId);
        var counter = Interlocked.Increment(ref _counter);
        id[9] = (byte)(counter >> 16);
        id[10] = (byte)(counter >> 8);
        id[11] = (byte)counter;
        return Encode(id);
    }

    private static string Encode(ReadOnlySpan<byte> id)
    {
        Span<char> text = stackalloc char[20];
        int buffer = 0, bits = 0, length = 0;
        foreach (var b in id)
        {
            buffer = (buffer << 8) | b;
            bits += 8;
            while (bits >= 5)
            {
                text[length++] = Alphabet[(buffer >> (bits - 5)) & 31];
                bits -= 5;
            }
        }
        text[length] = Alphabet[(buffer << (5 - bits)) & 31];
        return new string(text);
    }
}
