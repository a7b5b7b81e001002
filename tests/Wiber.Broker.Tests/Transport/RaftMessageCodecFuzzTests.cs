using System.Buffers;
using Wiber.Broker.Transport;

namespace Wiber.Broker.Tests.Transport;

/// <summary>Whatever arrives on the wire, decoding returns true or false with a reason — it never throws.</summary>
public sealed class RaftMessageCodecFuzzTests
{
    private static byte[] EncodeRandom(Random random)
    {
        var writer = new ArrayBufferWriter<byte>();
        RaftMessageCodec.Encode(RandomMessages.Next(random), writer);
        return writer.WrittenSpan.ToArray();
    }

    [Fact]
    public void Random_bytes_never_throw()
    {
        var random = new Random(11);
        for (var i = 0; i < 20_000; i++)
        {
            var bytes = new byte[random.Next(0, 200)];
            random.NextBytes(bytes);
            if (bytes.Length > 0)
            {
                bytes[0] = (byte)random.Next(0, 16); // often a valid type, so decoding goes deeper
            }
            if (!RaftMessageCodec.TryDecode(bytes, out _, out var error))
            {
                Assert.False(string.IsNullOrEmpty(error));
            }
        }
    }

    [Fact]
    public void Every_truncation_of_a_valid_message_is_rejected()
    {
        var random = new Random(12);
        for (var i = 0; i < 300; i++)
        {
            var bytes = EncodeRandom(random);
            for (var length = 0; length < bytes.Length; length += 1 + (length / 64))
            {
                Assert.False(RaftMessageCodec.TryDecode(bytes.AsSpan(0, length), out _, out var error), $"prefix {length}/{bytes.Length} decoded");
                Assert.False(string.IsNullOrEmpty(error));
            }
        }
    }

    [Fact]
    public void Mutated_messages_never_throw()
    {
        var random = new Random(13);
        for (var i = 0; i < 5_000; i++)
        {
            var bytes = EncodeRandom(random);
            var mutations = random.Next(1, 4);
            for (var m = 0; m < mutations; m++)
            {
                var at = random.Next(bytes.Length);
                bytes[at] = random.Next(3) switch
                {
                    0 => (byte)random.Next(256),
                    1 => (byte)(bytes[at] ^ (1 << random.Next(8))),
                    _ => 0xFF, // a continuation bit: lengths and counts grow huge
                };
            }
            var sequence = Segments.Split(bytes, random.Next(1, 64));
            _ = RaftMessageCodec.TryDecode(sequence, out _, out _);
        }
    }
}
