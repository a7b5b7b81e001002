namespace Wiber.Storage.Tests;

public sealed class Crc32CTests
{
    public static TheoryData<string, uint> CheckValues => new()
    {
        { "123456789", 0xE3069283u },             // the standard check value
        { "zeros32", 0x8A9136AAu },               // RFC 3720 B.4: 32 bytes of zeros
        { "ones32", 0x62A8AB43u },                // 32 bytes of 0xFF
        { "ascending32", 0x46DD794Eu },           // 0x00..0x1F
        { "descending32", 0x113FDB5Cu },          // 0x1F..0x00
        { "empty", 0x00000000u },
    };

    [Theory]
    [MemberData(nameof(CheckValues))]
    public void Matches_published_check_values_on_both_paths(string name, uint expected)
    {
        var data = Input(name);
        Assert.Equal(expected, Crc32C.Compute(data));
        Assert.Equal(expected, Crc32C.AppendSoftware(0, data));
    }

    [Fact]
    public void Hardware_and_table_paths_agree_on_random_data_of_every_alignment()
    {
        var random = new Random(1234);
        for (var length = 0; length < 300; length++)
        {
            var data = new byte[length + 7];
            random.NextBytes(data);
            for (var start = 0; start < 7; start++)
            {
                var slice = data.AsSpan(start, length);
                Assert.Equal(Crc32C.AppendSoftware(0, slice), Crc32C.Compute(slice));
            }
        }
    }

    [Fact]
    public void Append_continues_a_crc()
    {
        var data = new byte[1000];
        new Random(7).NextBytes(data);
        var whole = Crc32C.Compute(data);
        Assert.Equal(whole, Crc32C.Append(Crc32C.Compute(data.AsSpan(0, 333)), data.AsSpan(333)));
        Assert.Equal(whole, Crc32C.AppendSoftware(Crc32C.AppendSoftware(0, data.AsSpan(0, 5)), data.AsSpan(5)));
    }

    [Fact]
    public void Reports_whether_the_cpu_path_is_used()
    {
        // On x86-64 with SSE4.2 (every CI machine we use) the hardware path must be the one taken.
        if (System.Runtime.Intrinsics.X86.Sse42.IsSupported)
        {
            Assert.True(Crc32C.IsHardwareAccelerated);
        }
        Assert.NotEqual(Crc32C.Compute([1]), Crc32C.Compute([2]));
    }

    private static byte[] Input(string name) => name switch
    {
        "123456789" => "123456789"u8.ToArray(),
        "zeros32" => new byte[32],
        "ones32" => Enumerable.Repeat((byte)0xFF, 32).ToArray(),
        "ascending32" => Enumerable.Range(0, 32).Select(i => (byte)i).ToArray(),
        "descending32" => Enumerable.Range(0, 32).Select(i => (byte)(31 - i)).ToArray(),
        _ => [],
    };
}
