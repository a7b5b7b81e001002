using System.Buffers.Binary;
using System.Runtime.Intrinsics.X86;
using ArmCrc = System.Runtime.Intrinsics.Arm.Crc32;

namespace Wiber.Storage;

/// <summary>
/// CRC32C (Castagnoli, reflected polynomial 0x82F63B78) as used by iSCSI, ext4 and most logs.
/// Uses the CPU's CRC instruction when there is one (SSE4.2 on x86, CRC32 on Arm) and a
/// slice-by-8 table otherwise; both paths give identical results, which the tests check.
/// </summary>
public static class Crc32C
{
    private const uint Polynomial = 0x82F63B78u;

    // Eight tables of 256 entries: table k gives the CRC of a byte followed by k zero bytes,
    // which lets the software path consume eight bytes per step.
    private static readonly uint[] Tables = BuildTables();

    /// <summary>True when <see cref="Compute(ReadOnlySpan{byte})"/> runs on the CPU's CRC instruction.</summary>
    public static bool IsHardwareAccelerated => Sse42.IsSupported || ArmCrc.IsSupported;

    /// <summary>The CRC32C of <paramref name="data"/>.</summary>
    public static uint Compute(ReadOnlySpan<byte> data) => Append(0, data);

    /// <summary>Continues a CRC: <c>Append(Compute(a), b) == Compute(a + b)</c>.</summary>
    public static uint Append(uint crc, ReadOnlySpan<byte> data)
    {
        var state = ~crc;
        state = Sse42.IsSupported ? UpdateX86(state, data)
            : ArmCrc.IsSupported ? UpdateArm(state, data)
            : UpdateSoftware(state, data);
        return ~state;
    }

    /// <summary>The table path regardless of the CPU, so tests can compare it with the hardware path.</summary>
    internal static uint AppendSoftware(uint crc, ReadOnlySpan<byte> data) => ~UpdateSoftware(~crc, data);

    private static uint UpdateX86(uint state, ReadOnlySpan<byte> data)
    {
        if (Sse42.X64.IsSupported)
        {
            ulong wide = state;
            while (data.Length >= 8)
            {
                wide = Sse42.X64.Crc32(wide, BinaryPrimitives.ReadUInt64LittleEndian(data));
                data = data[8..];
            }
            state = (uint)wide;
        }
        while (data.Length >= 4)
        {
            state = Sse42.Crc32(state, BinaryPrimitives.ReadUInt32LittleEndian(data));
            data = data[4..];
        }
        foreach (var b in data)
        {
            state = Sse42.Crc32(state, b);
        }
        return state;
    }

    private static uint UpdateArm(uint state, ReadOnlySpan<byte> data)
    {
        if (ArmCrc.Arm64.IsSupported)
        {
            while (data.Length >= 8)
            {
                state = ArmCrc.Arm64.ComputeCrc32C(state, BinaryPrimitives.ReadUInt64LittleEndian(data));
                data = data[8..];
            }
        }
        while (data.Length >= 4)
        {
            state = ArmCrc.ComputeCrc32C(state, BinaryPrimitives.ReadUInt32LittleEndian(data));
            data = data[4..];
        }
        foreach (var b in data)
        {
            state = ArmCrc.ComputeCrc32C(state, b);
        }
        return state;
    }

    private static uint UpdateSoftware(uint state, ReadOnlySpan<byte> data)
    {
        var t = Tables;
        while (data.Length >= 8)
        {
            var lo = BinaryPrimitives.ReadUInt32LittleEndian(data) ^ state;
            var hi = BinaryPrimitives.ReadUInt32LittleEndian(data[4..]);
            state = t[(7 * 256) + (lo & 0xFF)] ^ t[(6 * 256) + ((lo >> 8) & 0xFF)]
                  ^ t[(5 * 256) + ((lo >> 16) & 0xFF)] ^ t[(4 * 256) + (lo >> 24)]
                  ^ t[(3 * 256) + (hi & 0xFF)] ^ t[(2 * 256) + ((hi >> 8) & 0xFF)]
                  ^ t[256 + ((hi >> 16) & 0xFF)] ^ t[hi >> 24];
            data = data[8..];
        }
        foreach (var b in data)
        {
            state = t[(state ^ b) & 0xFF] ^ (state >> 8);
        }
        return state;
    }

    private static uint[] BuildTables()
    {
        var tables = new uint[8 * 256];
        for (uint i = 0; i < 256; i++)
        {
            var c = i;
            for (var bit = 0; bit < 8; bit++)
            {
                c = (c & 1) != 0 ? (c >> 1) ^ Polynomial : c >> 1;
            }
            tables[i] = c;
        }
        for (var k = 1; k < 8; k++)
        {
            for (var i = 0; i < 256; i++)
            {
                var prev = tables[((k - 1) * 256) + i];
                tables[(k * 256) + i] = tables[prev & 0xFF] ^ (prev >> 8);
            }
        }
        return tables;
    }
}
