using Wiber.Broker.Protocol;
using static Wiber.Broker.Tests.Protocol.ProtocolTestKit;

namespace Wiber.Broker.Tests.Protocol;

/// <summary>Input arriving in any pieces reads exactly as if it had arrived whole, within bounded memory.</summary>
public sealed class IncrementalReadTests
{
    // Every command family, both line endings, a binary payload, errors that skip and an over-long line.
    private static readonly byte[] Session =
    [
        .. Bytes("PING\r\nPUB chat Hello world\nPUB chat id=a1 ts=2024-06-01T12:00:00Z -- id=not-an-option\r\n"),
        .. Bytes("PUBB chat 6 id=b\r\n"), .. "a\r\n\0\nb"u8, .. Bytes("\r\n"),
        .. Bytes("SUB chat from=0 group=g1\r\nHISTORY chat since=1000 until=2000 linearizable\r\nACK g1 chat 3\r\n"),
        .. Bytes("PUBB chat 150\r\n"), .. new byte[150], .. Bytes("\r\n"),
        .. Bytes("BOGUS\r\n" + new string('x', 450) + "\r\nCREATE t retention=7d hi\r\nTOPICS\r\nSTATUS\r\nUNSUB chat\r\nQUIT\r\n"),
    ];

    [Fact]
    public void Splitting_at_every_byte_position_gives_the_same_results()
    {
        var whole = ReadAll(Session, SmallLimits).Select(Describe).ToList();
        Assert.Equal(15, whole.Count);
        for (var split = 0; split <= Session.Length; split++)
        {
            var pieces = Feed(new ProtocolReader(SmallLimits), Session, [split], segmentSize: int.MaxValue).Select(Describe);
            Assert.Equal(whole, pieces);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(64)]
    public void Byte_by_byte_and_segmented_buffers_give_the_same_results(int segmentSize)
    {
        var whole = ReadAll(Session, SmallLimits).Select(Describe).ToList();
        var trickle = Feed(new ProtocolReader(SmallLimits), Session, Enumerable.Repeat(1, Session.Length), segmentSize).Select(Describe);
        var segmented = Feed(new ProtocolReader(SmallLimits), Session, [Session.Length], segmentSize).Select(Describe);
        Assert.Equal(whole, trickle);
        Assert.Equal(whole, segmented);
    }

    [Fact]
    public void A_half_sent_command_needs_more_data_and_is_kept()
    {
        var reader = new ProtocolReader();
        var buffer = Segmented(Bytes("PUB chat Hel"), int.MaxValue);
        Assert.Equal(ProtocolReadStatus.NeedMoreData, reader.Read(ref buffer).Status);
        Assert.Equal(12, buffer.Length);
    }

    [Fact]
    public void An_endless_line_is_refused_once_and_discarded_without_buffering()
    {
        var reader = new ProtocolReader(SmallLimits);
        var results = Feed(reader, new byte[100_000], Enumerable.Repeat(997, 100), segmentSize: 50);
        Assert.Equal(ErrorCode.LineTooLong, Assert.Single(results).Error!.Code);
        Assert.False(results[0].Error!.MustClose);

        // The next newline ends the discarded line; the connection is usable again.
        Assert.IsType<PingRequest>(Assert.Single(Feed(reader, Bytes("xyz\nPING\n"), [], int.MaxValue)).Request);
    }

    [Fact]
    public void A_line_exactly_at_the_limit_is_accepted_with_either_ending()
    {
        var line = "PUB chat " + new string('m', SmallLimits.MaxLineBytes - 9 - 1);
        Assert.Equal(SmallLimits.MaxLineBytes - 1, line.Length);
        var padded = line + "m";
        Assert.Equal(ErrorCode.PayloadTooLarge, ParseOne(padded, SmallLimits).Error!.Code);
        Assert.Equal(ErrorCode.PayloadTooLarge, Assert.Single(ReadAll(Bytes(padded + "\r\n"), SmallLimits)).Error!.Code);
        Assert.Equal(ErrorCode.LineTooLong, ParseOne(padded + "m", SmallLimits).Error!.Code);
    }
}
