using System.Buffers;
using System.Globalization;
using System.Text;
using Wiber.Broker.Protocol;

namespace Wiber.Broker.Tests.Protocol;

/// <summary>Feeds bytes to a <see cref="ProtocolReader"/> the way a pipe would, and describes what came out.</summary>
internal static class ProtocolTestKit
{
    /// <summary>Small limits so tests reach every bound quickly.</summary>
    public static ProtocolLimits SmallLimits { get; } = new()
    {
        MaxLineBytes = 200,
        MaxPayloadBytes = 100,
        MaxSkippedPayloadBytes = 1000,
        MaxTopicBytes = 16,
        MaxGroupBytes = 16,
        MaxMessageIdBytes = 16,
        MaxDescriptionBytes = 50,
        MaxHistoryCount = 100,
        DefaultHistoryCount = 10,
    };

    public static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    /// <summary>The single outcome of one complete line (LF added).</summary>
    public static ProtocolReadResult ParseOne(string line, ProtocolLimits? limits = null)
    {
        var results = ReadAll(Bytes(line + "\n"), limits);
        return Assert.Single(results);
    }

    public static Request ParseRequest(string line, ProtocolLimits? limits = null)
    {
        var result = ParseOne(line, limits);
        Assert.True(result.Status == ProtocolReadStatus.Request, $"expected a request from '{line}', got {Describe(result)}");
        return result.Request!;
    }

    public static ProtocolError ParseError(string line, ProtocolLimits? limits = null)
    {
        var result = ParseOne(line, limits);
        Assert.True(result.Status == ProtocolReadStatus.Error, $"expected an error from '{line}', got {Describe(result)}");
        return result.Error!;
    }

    /// <summary>Everything one reader produces from the input given in one piece.</summary>
    public static List<ProtocolReadResult> ReadAll(byte[] input, ProtocolLimits? limits = null) =>
        Feed(new ProtocolReader(limits), input, [input.Length], segmentSize: int.MaxValue);

    /// <summary>
    /// Gives the input in chunks of the given sizes (the rest at the end), each time as a sequence of
    /// segments of <paramref name="segmentSize"/> bytes, keeping what the reader left unconsumed, and
    /// checks after every call that the reader holds no more than its limits allow.
    /// </summary>
    public static List<ProtocolReadResult> Feed(ProtocolReader reader, byte[] input, IEnumerable<int> chunkSizes, int segmentSize)
    {
        var results = new List<ProtocolReadResult>();
        var unconsumed = Array.Empty<byte>();
        var position = 0;
        foreach (var size in chunkSizes.Append(int.MaxValue))
        {
            var take = Math.Min(size, input.Length - position);
            var available = new byte[unconsumed.Length + take];
            unconsumed.CopyTo(available, 0);
            Array.Copy(input, position, available, unconsumed.Length, take);
            position += take;

            var buffer = Segmented(available, segmentSize);
            for (var calls = 0; ; calls++)
            {
                Assert.True(calls <= available.Length + 2, "the reader returned results without consuming input");
                var result = reader.Read(ref buffer);
                Assert.True(reader.HeldPayloadBytes <= reader.Limits.MaxPayloadBytes, "payload buffer over its limit");
                if (result.Status == ProtocolReadStatus.NeedMoreData)
                {
                    break;
                }

                results.Add(result);
            }

            Assert.True(buffer.Length <= reader.Limits.MaxUnconsumedBytes, $"{buffer.Length} bytes left unconsumed");
            unconsumed = buffer.ToArray();
            if (position == input.Length)
            {
                break;
            }
        }

        return results;
    }

    /// <summary>A sequence of segments (as a pipe's buffer may be), to exercise lines that span them.</summary>
    public static ReadOnlySequence<byte> Segmented(byte[] bytes, int segmentSize)
    {
        if (bytes.Length <= segmentSize)
        {
            return new ReadOnlySequence<byte>(bytes);
        }

        Segment? first = null;
        Segment? last = null;
        for (var offset = 0; offset < bytes.Length; offset += segmentSize)
        {
            var memory = bytes.AsMemory(offset, Math.Min(segmentSize, bytes.Length - offset));
            var next = new Segment(memory, offset);
            first ??= next;
            last?.SetNext(next);
            last = next;
        }

        return new ReadOnlySequence<byte>(first!, 0, last!, last!.Memory.Length);
    }

    /// <summary>A canonical text for a result, with payloads in hex, for comparing runs.</summary>
    public static string Describe(ProtocolReadResult result) => result.Status switch
    {
        ProtocolReadStatus.NeedMoreData => "need-more-data",
        ProtocolReadStatus.Error => $"ERR {ErrorCodes.ToWire(result.Error!.Code)} close={result.Error.MustClose} {result.Error.Message}",
        _ => Describe(result.Request!),
    };

    public static string Describe(Request request) => request switch
    {
        PublishRequest p => string.Create(
            CultureInfo.InvariantCulture,
            $"Publish {p.Topic} id={p.MessageId} ts={p.ProducerTimeUnixMs} redirect={p.Redirect} payload={Convert.ToHexString(p.Payload.Span)}"),
        _ => request.ToString(),
    };

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public void SetNext(Segment next) => Next = next;
    }
}
