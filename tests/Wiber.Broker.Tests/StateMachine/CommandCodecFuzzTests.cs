using Wiber.Broker.StateMachine;

namespace Wiber.Broker.Tests.StateMachine;

/// <summary>
/// The decoder faces bytes from the log, which a bug or a bad disk can damage. Thousands of random,
/// truncated and mutated encodings must never throw; and because the format is canonical, anything that
/// does decode must re-encode to exactly the bytes it came from.
/// </summary>
public sealed class CommandCodecFuzzTests
{
    private const int Iterations = 5_000;

    [Fact]
    public void Random_bytes_never_throw()
    {
        var random = new Random(11);
        for (var i = 0; i < Iterations; i++)
        {
            var bytes = new byte[random.Next(0, 80)];
            random.NextBytes(bytes);
            if (bytes.Length > 1 && random.Next(2) == 0)
            {
                bytes[0] = 1; // a valid version reaches the field decoders instead of stopping at byte 0
                bytes[1] = (byte)random.Next(0, 7);
            }
            AssertDecodesCanonicallyOrFails(bytes);
        }
    }

    [Fact]
    public void Every_truncation_of_a_valid_encoding_is_rejected()
    {
        var generator = new CommandGenerator(12);
        for (var i = 0; i < 300; i++)
        {
            var bytes = CommandCodec.Encode(generator.Next());
            for (var length = 0; length < bytes.Length; length++)
            {
                Assert.False(CommandCodec.TryDecode(bytes.AsSpan(0, length), out _, out var error), $"prefix {length} of {bytes.Length} decoded");
                Assert.False(string.IsNullOrEmpty(error));
            }
        }
    }

    [Fact]
    public void Mutated_encodings_never_throw_and_decode_only_canonically()
    {
        var generator = new CommandGenerator(13);
        var random = new Random(13);
        for (var i = 0; i < Iterations; i++)
        {
            var bytes = CommandCodec.Encode(generator.Next());
            var mutations = random.Next(1, 4);
            for (var m = 0; m < mutations; m++)
            {
                switch (random.Next(4))
                {
                    case 0:
                        bytes[random.Next(bytes.Length)] ^= (byte)(1 << random.Next(8));
                        break;
                    case 1:
                        bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
                        break;
                    case 2:
                        bytes = [.. bytes, (byte)random.Next(256)];
                        break;
                    default:
                        var cut = random.Next(bytes.Length);
                        bytes = [.. bytes[..cut], .. bytes[Math.Min(bytes.Length, cut + 1)..]];
                        break;
                }
                if (bytes.Length == 0)
                {
                    break;
                }
            }
            AssertDecodesCanonicallyOrFails(bytes);
        }
    }

    private static void AssertDecodesCanonicallyOrFails(byte[] bytes)
    {
        if (CommandCodec.TryDecode(bytes, out var command, out var error))
        {
            Assert.Equal(bytes, CommandCodec.Encode(command));
        }
        else
        {
            Assert.False(string.IsNullOrEmpty(error));
        }
    }
}
