using Wiber.Broker.StateMachine;
using static Wiber.Broker.Tests.StateMachine.StateTestKit;

namespace Wiber.Broker.Tests.StateMachine;

public sealed class CommandCodecTests
{
    public static TheoryData<BrokerCommand> Commands() =>
    [
        Pub("chat", "hello"),
        new PublishCommand("a", "id-1", 1_700_000_000_123, ulong.MaxValue, Array.Empty<byte>()),
        new PublishCommand(new string('x', 200), new string('~', 128), long.MaxValue, 0, new byte[70_000]),
        new PublishBatchCommand([Pub("chat", "one", "m1"), Pub("orders", "two"), Pub("chat", "three", "m1")]),
        new CreateTopicCommand("orders", "Orders — état ✓ 𝄞", new RetentionPolicy(60_000, 1 << 20, 1000)),
        new CreateTopicCommand("empty.desc", string.Empty, RetentionPolicy.Unlimited),
        new CreateTopicCommand("big", "x", new RetentionPolicy(long.MaxValue, long.MaxValue, long.MaxValue)),
        new DeleteTopicCommand("chat"),
        new AckOffsetCommand("billing", "orders", 0),
        new AckOffsetCommand("g_1.x-y", "orders", long.MaxValue),
    ];

    [Theory]
    [MemberData(nameof(Commands))]
    public void Every_command_round_trips_to_an_equal_command_and_the_same_bytes(BrokerCommand command)
    {
        var bytes = CommandCodec.Encode(command);

        Assert.True(CommandCodec.TryDecode(bytes, out var decoded, out var error), error);
        Assert.Equal(command, decoded);
        Assert.Equal(bytes, CommandCodec.Encode(decoded));
    }

    [Fact]
    public void A_small_publish_is_compact()
    {
        // version, kind, topic (1+4), no id (1), unknown producer time (1), timestamp (8), payload (1+5)
        Assert.Equal(23, CommandCodec.Encode(Pub("chat", "hello")).Length);
    }

    [Fact]
    public void Decoded_payload_is_a_copy_of_the_entry_bytes()
    {
        var bytes = CommandCodec.Encode(Pub("chat", "hello"));
        Assert.True(CommandCodec.TryDecode(bytes, out var decoded, out _));

        bytes[^1] = (byte)'X';

        Assert.Equal("hello", System.Text.Encoding.UTF8.GetString(((PublishCommand)decoded).Payload.Span));
    }

    [Theory]
    [InlineData(new byte[0], "truncated")]
    [InlineData(new byte[] { 1 }, "truncated")]
    [InlineData(new byte[] { 2, 1 }, "unsupported command format version 2")]
    [InlineData(new byte[] { 1, 99 }, "unknown command kind 99")]
    [InlineData(new byte[] { 1, 4, 1, (byte)'a', 0 }, "trailing")]
    [InlineData(new byte[] { 1, 4, 0 }, "invalid topic")]
    [InlineData(new byte[] { 1, 4, 1, (byte)' ' }, "invalid topic")]
    [InlineData(new byte[] { 1, 4, 0x81, 0x00, (byte)'a' }, "malformed varint")]
    [InlineData(new byte[] { 1, 4, 5, (byte)'a' }, "truncated")]
    [InlineData(new byte[] { 1, 2, 0 }, "invalid batch count 0")]
    [InlineData(new byte[] { 1, 2, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F }, "invalid batch count")]
    [InlineData(new byte[] { 1, 5, 1, (byte)'g', 1, (byte)'t', 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01 }, "out of range")]
    public void Malformed_bytes_are_rejected_with_a_reason(byte[] bytes, string reason)
    {
        Assert.False(CommandCodec.TryDecode(bytes, out _, out var error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_item_in_a_batch_names_the_item()
    {
        var bytes = CommandCodec.Encode(new PublishBatchCommand([Pub("chat", "one"), Pub("chat", "two")]));
        // header (2) + count (1) + first item (topic 5, id 1, producer 1, timestamp 8, payload 4) = 22,
        // so byte 23 is the first character of the second item's topic.
        bytes[23] = (byte)' ';

        Assert.False(CommandCodec.TryDecode(bytes, out _, out var error));
        Assert.StartsWith("batch item 1: invalid topic", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_descriptions_and_ids_are_rejected_by_the_decoder()
    {
        var create = CommandCodec.Encode(new CreateTopicCommand("t", "ab", RetentionPolicy.Unlimited));
        create[5] = 0x0A; // newline inside the description
        Assert.False(CommandCodec.TryDecode(create, out _, out var error));
        Assert.Contains("description", error, StringComparison.Ordinal);

        var publish = CommandCodec.Encode(Pub("t", "x", id: "ab"));
        publish[5] = (byte)' ';
        Assert.False(CommandCodec.TryDecode(publish, out _, out error));
        Assert.Contains("message id", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Commands_validate_their_fields_when_constructed()
    {
        Assert.Throws<ArgumentException>(() => Pub("bad topic", "x"));
        Assert.Throws<ArgumentException>(() => Pub("t", "x", id: "has space"));
        Assert.Throws<ArgumentException>(() => Pub("t", "x", id: string.Empty));
        Assert.Throws<ArgumentOutOfRangeException>(() => new PublishCommand("t", null, -1, 0, default));
        Assert.Throws<ArgumentException>(() => new PublishBatchCommand([]));
        Assert.Throws<ArgumentException>(() => new CreateTopicCommand("t", "line\nbreak", default));
        Assert.Throws<ArgumentOutOfRangeException>(() => new CreateTopicCommand("t", string.Empty, new RetentionPolicy(-1, 0, 0)));
        Assert.Throws<ArgumentException>(() => new DeleteTopicCommand(new string('a', 201)));
        Assert.Throws<ArgumentException>(() => new AckOffsetCommand("g!", "t", 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new AckOffsetCommand("g", "t", -1));
    }
}
