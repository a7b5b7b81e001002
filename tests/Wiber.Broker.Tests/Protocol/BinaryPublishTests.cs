using Wiber.Broker.Protocol;
using static Wiber.Broker.Tests.Protocol.ProtocolTestKit;

namespace Wiber.Broker.Tests.Protocol;

/// <summary>PUBB: any bytes, framed by length, and a refused header never desynchronises the stream.</summary>
public sealed class BinaryPublishTests
{
    private static readonly byte[] Awkward = [(byte)'a', (byte)'\r', (byte)'\n', 0, (byte)'\n', 0xFF, (byte)'\r', (byte)'P', (byte)'I', (byte)'N', (byte)'G', (byte)'\n'];

    [Theory]
    [InlineData("\r\n")]
    [InlineData("\n")]
    public void Payload_with_cr_lf_and_nul_arrives_intact(string ending)
    {
        byte[] input = [.. Bytes($"PUBB chat {Awkward.Length} id=b1 ts=7{ending}"), .. Awkward, .. Bytes(ending + "PING\r\n")];
        var results = ReadAll(input);
        Assert.Equal(2, results.Count);
        var publish = Assert.IsType<PublishRequest>(results[0].Request);
        Assert.Equal(Awkward, publish.Payload.ToArray());
        Assert.Equal(("chat", "b1", 7L), (publish.Topic, publish.MessageId, publish.ProducerTimeUnixMs));
        Assert.IsType<PingRequest>(results[1].Request);
    }

    [Fact]
    public void Empty_payload_is_allowed()
    {
        var publish = Assert.IsType<PublishRequest>(Assert.Single(ReadAll(Bytes("pubb chat 0\r\n\r\n"))).Request);
        Assert.True(publish.Payload.IsEmpty);
    }

    [Fact]
    public void Oversized_payload_is_refused_before_it_is_read_and_then_skipped()
    {
        var reader = new ProtocolReader(SmallLimits);
        var header = Bytes("PUBB chat 500\r\n");
        var results = Feed(reader, header, [header.Length], segmentSize: 7);
        var error = Assert.Single(results).Error!;
        Assert.Equal(ErrorCode.PayloadTooLarge, error.Code);
        Assert.False(error.MustClose);
        Assert.Equal(0, reader.HeldPayloadBytes);

        byte[] rest = [.. new byte[500], .. Bytes("\r\nPING\r\n")];
        Assert.IsType<PingRequest>(Assert.Single(Feed(reader, rest, [100, 100, 100], segmentSize: 33)).Request);
    }

    [Fact]
    public void A_bad_header_with_a_good_length_skips_the_payload()
    {
        var results = ReadAll(Bytes("PUBB bad!topic 5 id=x\r\nhello\r\nPUBB chat 2 nope=1\r\nhi\r\nPING\r\n"));
        Assert.Equal(["BAD_ARGUMENT", "BAD_ARGUMENT"], results.Take(2).Select(r => ErrorCodes.ToWire(r.Error!.Code)));
        Assert.All(results.Take(2), r => Assert.False(r.Error!.MustClose));
        Assert.IsType<PingRequest>(results[2].Request);
    }

    [Theory]
    [InlineData("PUBB chat\r\n")]
    [InlineData("PUBB chat x\r\n")]
    [InlineData("PUBB chat -1\r\n")]
    [InlineData("PUBB\r\n")]
    [InlineData("PUBB chat 5000\r\n")]
    [InlineData("PUBB chat 3\r\nabcX\r\n")]
    [InlineData("PUBB chat 3\r\nabc\rX")]
    public void Lost_framing_closes_the_connection(string input)
    {
        var reader = new ProtocolReader(SmallLimits);
        var results = Feed(reader, Bytes(input + "PING\r\nPING\r\n"), [], int.MaxValue);
        var error = Assert.Single(results).Error!;
        Assert.True(error.MustClose);
        Assert.True(reader.IsClosed);
        Assert.Empty(Feed(reader, Bytes("PING\r\n"), [], int.MaxValue));
    }
}
