using System.Buffers;
using System.Globalization;
using System.Text;
using Wiber.Broker.Protocol;
using static Wiber.Broker.Tests.Protocol.ProtocolTestKit;

namespace Wiber.Broker.Tests.Protocol;

/// <summary>What a client formats, the node parses back to the same request; what the node delivers, a client reads back byte for byte.</summary>
public sealed class RoundTripTests
{
    [Fact]
    public void Random_requests_parse_back_to_themselves()
    {
        var random = new Random(42);
        for (var i = 0; i < 2000; i++)
        {
            var request = RandomRequest(random);
            var output = new ArrayBufferWriter<byte>();
            RequestWriter.Write(output, request);
            var results = ReadAll(output.WrittenSpan.ToArray());
            var result = Assert.Single(results);
            Assert.True(result.Status == ProtocolReadStatus.Request, $"case {i}: {Describe(request)} gave {Describe(result)} from {Encoding.UTF8.GetString(output.WrittenSpan)}");
            Assert.Equal(Describe(request), Describe(result.Request!));
        }
    }

    [Fact]
    public void Seed_requests_format_in_seed_form()
    {
        Assert.Equal("PUB chat Hello world\r\n", Format(new PublishRequest("chat", Encoding.UTF8.GetBytes("Hello world"))));
        Assert.Equal("SUB chat\r\n", Format(new SubscribeRequest("chat", SubscribeStart.Default)));
        Assert.Equal("HISTORY chat 5\r\n", Format(new HistoryRequest("chat", new HistorySelection.Last(5))));
        Assert.Equal("PUB chat -- id=1 x\r\n", Format(new PublishRequest("chat", Encoding.UTF8.GetBytes("id=1 x"))));
        Assert.Equal("PUBB chat 2\r\na\n\r\n", Format(new PublishRequest("chat", Encoding.UTF8.GetBytes("a\n"))));
    }

    [Fact]
    public void Delivered_payloads_read_back_exactly()
    {
        var random = new Random(5);
        for (var i = 0; i < 1000; i++)
        {
            var payload = RandomPayload(random);
            var format = random.Next(3) == 0 ? DeliveryFormat.Binary : DeliveryFormat.Auto;
            var message = new DeliveredMessage("chat", i, 1718000000000 + i, i % 3, random.Next(2) == 0 ? null : i, payload);
            var bytes = ReplyWriterTests.Bytes(o => ReplyWriter.WriteMessage(o, message, format));
            Assert.Equal(payload, ReadDeliveredPayload(bytes, out var offset));
            Assert.Equal(i, offset);
        }
    }

    /// <summary>A client's reading of one MSG or MSGB reply: the header line, then the rest of the line or the counted bytes.</summary>
    private static byte[] ReadDeliveredPayload(byte[] reply, out long offset)
    {
        var headerEnd = Array.IndexOf(reply, (byte)'\n');
        var header = Encoding.UTF8.GetString(reply, 0, headerEnd - 1);
        var fields = header.Split(' ', 6);
        offset = long.Parse(fields[2], CultureInfo.InvariantCulture);
        if (fields[0] == "MSG")
        {
            Assert.Equal(reply.Length, headerEnd + 1);
            return Encoding.UTF8.GetBytes(fields[5]);
        }

        Assert.Equal("MSGB", fields[0]);
        var length = int.Parse(fields[5], CultureInfo.InvariantCulture);
        Assert.Equal("\r\n"u8.ToArray(), reply[^2..]);
        Assert.Equal(headerEnd + 1 + length + 2, reply.Length);
        return reply[(headerEnd + 1)..^2];
    }

    private static string Format(Request request)
    {
        var output = new ArrayBufferWriter<byte>();
        RequestWriter.Write(output, request);
        return Encoding.UTF8.GetString(output.WrittenSpan);
    }

    private static Request RandomRequest(Random random)
    {
        var topic = Pick(random, "chat", "orders/eu.v2", "a", "x_y-z");
        return random.Next(10) switch
        {
            0 => new PingRequest(random.Next(2) == 0 ? null : RandomText(random)),
            1 or 2 => new PublishRequest(
                topic,
                RandomPayload(random),
                random.Next(2) == 0 ? null : Pick(random, "abc123", "x=y", "--"),
                random.Next(2) == 0 ? null : random.NextInt64(0, 4_000_000_000_000),
                random.Next(4) == 0),
            3 => new SubscribeRequest(
                topic,
                random.Next(4) switch
                {
                    0 => SubscribeStart.Default,
                    1 => SubscribeStart.New,
                    2 => new SubscribeStart.AtOffset(random.NextInt64(0, long.MaxValue)),
                    _ => new SubscribeStart.LastMessages(random.Next(0, 1000)),
                },
                random.Next(2) == 0 ? null : "g1",
                random.Next(2) == 0 ? DeliveryFormat.Auto : DeliveryFormat.Binary),
            4 => new UnsubscribeRequest(topic),
            5 => new HistoryRequest(
                topic,
                random.Next(3) switch
                {
                    0 => new HistorySelection.Last(random.Next(0, 1001)),
                    1 => new HistorySelection.Range(random.NextInt64(0, 1_000_000), random.Next(0, 1001)),
                    _ => new HistorySelection.TimeWindow(random.Next(2) == 0 ? null : 1000, random.Next(2) == 0 ? null : 5000, random.Next(0, 1001)) switch
                    {
                        { SinceUnixMs: null, UntilUnixMs: null } w => w with { SinceUnixMs = 0 },
                        var w => w,
                    },
                },
                random.Next(2) == 0,
                random.Next(2) == 0 ? DeliveryFormat.Auto : DeliveryFormat.Binary),
            6 => new AckRequest("g1", topic, random.NextInt64(0, long.MaxValue)),
            7 => new CreateTopicRequest(
                topic,
                random.Next(4) switch
                {
                    0 => TopicRetention.Forever,
                    1 => TopicRetention.Messages(random.Next(1, 100000)),
                    2 => TopicRetention.Age(TimeSpan.FromHours(random.Next(1, 1000))),
                    _ => TopicRetention.Age(TimeSpan.FromSeconds(random.Next(1, 100000))),
                },
                random.Next(2) == 0 ? null : Pick(random, "Team chat", "retention=7d is a lie", "-- dashes", " leading space")),
            8 => random.Next(2) == 0 ? new StatusRequest() : new TopicsRequest(),
            _ => new QuitRequest(),
        };
    }

    private static byte[] RandomPayload(Random random)
    {
        if (random.Next(2) == 0)
        {
            return Encoding.UTF8.GetBytes(RandomText(random));
        }

        var bytes = new byte[random.Next(0, 50)];
        random.NextBytes(bytes);
        return bytes;
    }

    private static string RandomText(Random random) =>
        Pick(random, "Hello world", "id=5 looks like an option", "-- x", "--", " spaced ", "ts=1 redirect=1", "héllo\twörld", "a=b");

    private static string Pick(Random random, params string[] choices) => choices[random.Next(choices.Length)];
}
