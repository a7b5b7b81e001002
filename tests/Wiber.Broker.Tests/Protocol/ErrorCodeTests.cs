using Wiber.Broker.Protocol;
using static Wiber.Broker.Tests.Protocol.ProtocolTestKit;

namespace Wiber.Broker.Tests.Protocol;

/// <summary>Each kind of bad input gets its stable code, and only lost framing closes the connection.</summary>
public sealed class ErrorCodeTests
{
    [Theory]
    [InlineData("FOO", "BAD_COMMAND")]
    [InlineData("PUBLISH chat hi", "BAD_COMMAND")]
    [InlineData("PUB", "BAD_ARGUMENT")]
    [InlineData("PUB chat", "BAD_ARGUMENT")]
    [InlineData("PUB chat ", "BAD_ARGUMENT")]
    [InlineData("PUB chat id=abc", "BAD_ARGUMENT")]
    [InlineData("PUB chat -- ", "BAD_ARGUMENT")]
    [InlineData("PUB bad!topic hi", "BAD_ARGUMENT")]
    [InlineData("PUB topic-name-that-is-too-long hi", "BAD_ARGUMENT")]
    [InlineData("PUB chat id= hi", "BAD_ARGUMENT")]
    [InlineData("PUB chat id=aaaaaaaaaaaaaaaaaaaaa hi", "BAD_ARGUMENT")]
    [InlineData("PUB chat id=a id=b hi", "BAD_ARGUMENT")]
    [InlineData("PUB chat ts=yesterday hi", "BAD_ARGUMENT")]
    [InlineData("PUB chat ts=-5 hi", "BAD_ARGUMENT")]
    [InlineData("PUB chat ts=99999999999999999999 hi", "BAD_ARGUMENT")]
    [InlineData("PUB chat redirect=maybe hi", "BAD_ARGUMENT")]
    [InlineData("SUB", "BAD_ARGUMENT")]
    [InlineData("SUB chat extra", "BAD_ARGUMENT")]
    [InlineData("SUB chat from=-1", "BAD_ARGUMENT")]
    [InlineData("SUB chat from=abc", "BAD_ARGUMENT")]
    [InlineData("SUB chat from=1 last=2", "BAD_ARGUMENT")]
    [InlineData("SUB chat group=a group=b", "BAD_ARGUMENT")]
    [InlineData("SUB chat group=bad!", "BAD_ARGUMENT")]
    [InlineData("SUB chat format=xml", "BAD_ARGUMENT")]
    [InlineData("SUB chat bogus=1", "BAD_ARGUMENT")]
    [InlineData("UNSUB", "BAD_ARGUMENT")]
    [InlineData("UNSUB chat more", "BAD_ARGUMENT")]
    [InlineData("HISTORY", "BAD_ARGUMENT")]
    [InlineData("HISTORY chat -5", "BAD_ARGUMENT")]
    [InlineData("HISTORY chat five", "BAD_ARGUMENT")]
    [InlineData("HISTORY chat 101", "BAD_ARGUMENT")]
    [InlineData("HISTORY chat 99999999999999999999", "BAD_ARGUMENT")]
    [InlineData("HISTORY chat last=5 from=1", "BAD_ARGUMENT")]
    [InlineData("HISTORY chat 5 limit=2", "BAD_ARGUMENT")]
    [InlineData("HISTORY chat from=1 since=1", "BAD_ARGUMENT")]
    [InlineData("HISTORY chat since=2000 until=1000", "BAD_ARGUMENT")]
    [InlineData("HISTORY chat since=2024-13-45", "BAD_ARGUMENT")]
    [InlineData("HISTORY chat limit=5", "BAD_ARGUMENT")]
    [InlineData("HISTORY chat from=1 from=2", "BAD_ARGUMENT")]
    [InlineData("ACK", "BAD_ARGUMENT")]
    [InlineData("ACK g1 chat", "BAD_ARGUMENT")]
    [InlineData("ACK g1 chat x", "BAD_ARGUMENT")]
    [InlineData("ACK g1 chat 1 extra", "BAD_ARGUMENT")]
    [InlineData("STATUS now", "BAD_ARGUMENT")]
    [InlineData("TOPICS all", "BAD_ARGUMENT")]
    [InlineData("QUIT now", "BAD_ARGUMENT")]
    [InlineData("CREATE", "BAD_ARGUMENT")]
    [InlineData("CREATE chat retention=0", "BAD_ARGUMENT")]
    [InlineData("CREATE chat retention=5w", "BAD_ARGUMENT")]
    [InlineData("CREATE chat retention=1 retention=2", "BAD_ARGUMENT")]
    [InlineData("CREATE chat a description that is much longer than fifty bytes, which is the test limit", "BAD_ARGUMENT")]
    [InlineData("PUB chat a\u0000b", "BAD_COMMAND")]
    [InlineData("PUB chat \u001b[31mred", "BAD_COMMAND")]
    [InlineData("PUB chat a\rb", "BAD_COMMAND")]
    [InlineData("PUB chat \u007f", "BAD_COMMAND")]
    public void Bad_lines_get_their_code_and_keep_the_connection(string line, string code)
    {
        var error = ParseError(line, SmallLimits);
        Assert.Equal(code, ErrorCodes.ToWire(error.Code));
        Assert.False(error.MustClose);
        Assert.False(string.IsNullOrWhiteSpace(error.Message));
    }

    [Fact]
    public void Invalid_utf8_is_a_bad_command()
    {
        var results = ReadAll([.. Bytes("PUB chat "), 0xC3, 0x28, 0xFF, (byte)'\n', .. Bytes("PING\n")]);
        Assert.Equal(ErrorCode.BadCommand, results[0].Error!.Code);
        Assert.IsType<PingRequest>(results[1].Request);
    }

    [Fact]
    public void A_text_message_over_the_payload_limit_is_refused()
    {
        var error = ParseError("PUB chat " + new string('x', 101), SmallLimits);
        Assert.Equal(ErrorCode.PayloadTooLarge, error.Code);
        Assert.False(error.MustClose);
    }

    [Fact]
    public void Codes_have_stable_unique_wire_names()
    {
        var names = ErrorCodes.All.Select(ErrorCodes.ToWire).ToList();
        Assert.Equal(
            ["BAD_COMMAND", "BAD_ARGUMENT", "LINE_TOO_LONG", "PAYLOAD_TOO_LARGE", "UNKNOWN_TOPIC", "TOPIC_EXISTS", "NOT_LEADER", "NO_LEADER",
             "TIMEOUT", "SLOW_CONSUMER", "TOO_MANY_CONNECTIONS", "TOO_MANY_SUBSCRIPTIONS", "SHUTTING_DOWN", "INTERNAL"],
            names);
        foreach (var code in ErrorCodes.All)
        {
            Assert.True(ErrorCodes.TryParse(ErrorCodes.ToWire(code), out var parsed));
            Assert.Equal(code, parsed);
        }

        Assert.False(ErrorCodes.TryParse("NOPE", out _));
    }

    [Fact]
    public void Limits_that_cannot_work_are_refused_at_construction()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ProtocolReader(new ProtocolLimits { MaxLineBytes = 10 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ProtocolReader(new ProtocolLimits { MaxSkippedPayloadBytes = 1 }));
    }
}
