using System.Text;
using Wiber.Broker.Protocol;
using static Wiber.Broker.Tests.Protocol.ProtocolTestKit;

namespace Wiber.Broker.Tests.Protocol;

/// <summary>
/// Seeded random and mutated input: the reader never throws, never holds more than its limits, and gives
/// the same results however the input is cut. A failure names its seed; rerun with that seed to debug.
/// </summary>
public sealed class FuzzTests
{
    private static readonly string[] Corpus =
    [
        "PING", "PING hello", "PUB chat Hello world", "PUB chat id=abc123 Hello world", "PUB chat -- id=x y",
        "PUB chat ts=2024-06-01T12:00:00Z redirect=1 hi", "SUB chat", "SUB chat from=0 group=g1", "SUB chat last=10 format=binary",
        "UNSUB chat", "HISTORY chat 5", "HISTORY chat last=10", "HISTORY chat from=3 limit=7", "HISTORY chat since=1000 until=2000 linearizable",
        "ACK g1 chat 42", "STATUS", "TOPICS", "CREATE chat retention=7d Team chat", "QUIT", "PUBB chat 5", "PUBB chat 0 id=z",
    ];

    private static readonly byte[] Interesting = [0, (byte)'\r', (byte)'\n', (byte)' ', (byte)'=', 0xFF, 0xC3, 0xE2, 0x80, 0x1B, (byte)'-', (byte)'9'];

    [Fact]
    public void Random_and_mutated_input_never_throws_and_reads_the_same_in_pieces()
    {
        const int Runs = 3000;
        var requests = 0;
        var errors = 0;
        for (var seed = 1; seed <= Runs; seed++)
        {
            var random = new Random(seed);
            var input = Generate(random);
            try
            {
                var whole = ReadAll(input, SmallLimits).Select(Describe).ToList();
                var chunks = Enumerable.Range(0, 8).Select(_ => random.Next(1, 40)).ToArray();
                var pieces = Feed(new ProtocolReader(SmallLimits), input, chunks, random.Next(1, 17)).Select(Describe).ToList();
                Assert.Equal(whole, pieces);
                requests += whole.Count(d => !d.StartsWith("ERR", StringComparison.Ordinal));
                errors += whole.Count(d => d.StartsWith("ERR", StringComparison.Ordinal));
            }
            catch (Exception ex)
            {
                throw new InvalidOperationException($"seed {seed} failed on input {Convert.ToHexString(input)}: {ex.Message}", ex);
            }
        }

        // The generator must exercise both sides, or the test proves little.
        Assert.True(requests > Runs, $"only {requests} requests parsed");
        Assert.True(errors > Runs, $"only {errors} errors produced");
    }

    [Fact]
    public void Pure_noise_never_throws_and_stays_bounded()
    {
        var random = new Random(7);
        for (var run = 0; run < 200; run++)
        {
            var noise = new byte[random.Next(0, 5000)];
            random.NextBytes(noise);
            var reader = new ProtocolReader(SmallLimits);
            Feed(reader, noise, Enumerable.Range(0, 20).Select(_ => random.Next(1, 600)), segmentSize: random.Next(1, 300));
        }
    }

    private static byte[] Generate(Random random)
    {
        var output = new List<byte>();
        var lines = random.Next(1, 8);
        for (var i = 0; i < lines; i++)
        {
            var kind = random.Next(10);
            if (kind == 0)
            {
                var noise = new byte[random.Next(0, 300)];
                random.NextBytes(noise);
                output.AddRange(noise);
                continue;
            }

            if (kind == 1)
            {
                var payload = new byte[random.Next(0, 130)];
                random.NextBytes(payload);
                var declared = random.Next(4) == 0 ? payload.Length + random.Next(-2, 3) : payload.Length;
                output.AddRange(Encoding.ASCII.GetBytes($"PUBB chat {declared}\r\n"));
                output.AddRange(payload);
                output.AddRange("\r\n"u8.ToArray());
                continue;
            }

            var line = Encoding.UTF8.GetBytes(Corpus[random.Next(Corpus.Length)]).ToList();
            if (kind == 2)
            {
                line.AddRange(Enumerable.Repeat((byte)'x', random.Next(150, 400)));
            }

            var mutations = kind < 6 ? random.Next(1, 4) : 0;
            for (var m = 0; m < mutations && line.Count > 0; m++)
            {
                var at = random.Next(line.Count);
                switch (random.Next(4))
                {
                    case 0:
                        line[at] = Interesting[random.Next(Interesting.Length)];
                        break;
                    case 1:
                        line.Insert(at, Interesting[random.Next(Interesting.Length)]);
                        break;
                    case 2:
                        line.RemoveAt(at);
                        break;
                    default:
                        line.RemoveRange(at, line.Count - at);
                        break;
                }
            }

            output.AddRange(line);
            output.AddRange(random.Next(2) == 0 ? "\n"u8.ToArray() : "\r\n"u8.ToArray());
        }

        return [.. output];
    }
}
