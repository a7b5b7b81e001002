using System.Buffers;
using System.Text;
using System.Text.Json;
using Wiber.Broker.Protocol;

namespace Wiber.Broker.Tests.Protocol;

/// <summary>The exact bytes of every reply shape, including the seed prefixes old clients look for.</summary>
public sealed class ReplyWriterTests
{
    private static readonly DeliveredMessage Hello = new("chat", 17, 1718000000123, 2, 1718000000100, Encoding.UTF8.GetBytes("Hello world"));

    [Fact]
    public void Acknowledgements_start_with_ok()
    {
        Assert.Equal("PONG\r\n", Text(o => ReplyWriter.WritePong(o)));
        Assert.Equal("PONG marker\r\n", Text(o => ReplyWriter.WritePong(o, "marker")));
        Assert.Equal("OK chat 17\r\n", Text(o => ReplyWriter.WritePublished(o, "chat", 17)));
        Assert.Equal("OK chat 17 duplicate\r\n", Text(o => ReplyWriter.WritePublished(o, "chat", 17, duplicate: true)));
        Assert.Equal("OK chat 18 subscribed\r\n", Text(o => ReplyWriter.WriteSubscribed(o, "chat", 18)));
        Assert.Equal("OK chat unsubscribed\r\n", Text(o => ReplyWriter.WriteUnsubscribed(o, "chat")));
        Assert.Equal("OK chat 17 acked\r\n", Text(o => ReplyWriter.WriteAcked(o, "chat", 17)));
        Assert.Equal("OK chat created\r\n", Text(o => ReplyWriter.WriteTopicCreated(o, "chat")));
        Assert.Equal("OK chat exists\r\n", Text(o => ReplyWriter.WriteTopicCreated(o, "chat", alreadyExisted: true)));
        Assert.Equal("OK bye\r\n", Text(ReplyWriter.WriteBye));
    }

    [Fact]
    public void Text_messages_are_one_line_with_offsets_and_timestamps()
    {
        Assert.Equal("MSG chat 17 1718000000123.2 1718000000100 Hello world\r\n", Text(o => ReplyWriter.WriteMessage(o, Hello)));
        Assert.Equal("HISTORY chat 17 1718000000123.2 1718000000100 Hello world\r\n", Text(o => ReplyWriter.WriteHistoryMessage(o, Hello)));
        Assert.Equal("MSG chat 17 1718000000123.2 - Hello world\r\n", Text(o => ReplyWriter.WriteMessage(o, Hello with { ProducerTimeUnixMs = null })));
        Assert.Equal("HISTORY chat END 3 18\r\n", Text(o => ReplyWriter.WriteHistoryEnd(o, "chat", 3, 18)));
    }

    [Theory]
    [InlineData(new byte[] { (byte)'a', (byte)'\n', (byte)'b' })]
    [InlineData(new byte[] { (byte)'a', 0, (byte)'b' })]
    [InlineData(new byte[] { 0xC3, 0x28 })]
    [InlineData(new byte[] { (byte)'a', (byte)'\r' })]
    [InlineData(new byte[0])]
    public void Payloads_that_are_not_line_safe_go_binary_automatically(byte[] payload)
    {
        var bytes = Bytes(o => ReplyWriter.WriteMessage(o, Hello with { Payload = payload }));
        byte[] expected = [.. Encoding.ASCII.GetBytes($"MSGB chat 17 1718000000123.2 1718000000100 {payload.Length}\r\n"), .. payload, .. "\r\n"u8];
        Assert.Equal(expected, bytes);
    }

    [Fact]
    public void A_subscriber_may_ask_for_binary_always()
    {
        Assert.Equal(
            "MSGB chat 17 1718000000123.2 1718000000100 11\r\nHello world\r\n",
            Text(o => ReplyWriter.WriteMessage(o, Hello, DeliveryFormat.Binary)));
        Assert.Equal(
            "HISTORYB chat 17 1718000000123.2 1718000000100 11\r\nHello world\r\n",
            Text(o => ReplyWriter.WriteHistoryMessage(o, Hello, DeliveryFormat.Binary)));
    }

    [Fact]
    public void Topics_list_ends_with_a_count()
    {
        Assert.Equal("TOPIC chat 18 forever Team chat\r\n", Text(o => ReplyWriter.WriteTopic(o, new TopicInfo("chat", 18, TopicRetention.Forever, "Team chat"))));
        Assert.Equal("TOPIC logs 0 7d\r\n", Text(o => ReplyWriter.WriteTopic(o, new TopicInfo("logs", 0, TopicRetention.Age(TimeSpan.FromDays(7)), null))));
        Assert.Equal("TOPIC a 1 90m\r\n", Text(o => ReplyWriter.WriteTopic(o, new TopicInfo("a", 1, TopicRetention.Age(TimeSpan.FromMinutes(90)), ""))));
        Assert.Equal("TOPIC b 1 5000 two\tlines\r\n", Text(o => ReplyWriter.WriteTopic(o, new TopicInfo("b", 1, TopicRetention.Messages(5000), "two\tlines"))));
        Assert.Equal("TOPICS END 2\r\n", Text(o => ReplyWriter.WriteTopicsEnd(o, 2)));
    }

    [Fact]
    public void Status_is_one_json_line()
    {
        var line = Text(o => ReplyWriter.WriteStatus(o, json =>
        {
            json.WriteString("node", "n1");
            json.WriteString("note", "line one\nline two");
            json.WriteStartObject("clock");
            json.WriteNumber("n2_offset_ms", -1.5);
            json.WriteEndObject();
        }));
        Assert.StartsWith("STATUS {", line, StringComparison.Ordinal);
        Assert.EndsWith("}\r\n", line, StringComparison.Ordinal);
        Assert.Equal(1, line.Count(c => c == '\n'));
        using var doc = JsonDocument.Parse(line["STATUS ".Length..]);
        Assert.Equal("line one\nline two", doc.RootElement.GetProperty("note").GetString());
        Assert.Equal(-1.5, doc.RootElement.GetProperty("clock").GetProperty("n2_offset_ms").GetDouble());
    }

    [Fact]
    public void Every_error_code_formats_as_err_code_text()
    {
        foreach (var code in ErrorCodes.All)
        {
            Assert.Equal($"ERR {ErrorCodes.ToWire(code)} something happened\r\n", Text(o => ReplyWriter.WriteError(o, code, "something happened")));
        }

        Assert.Equal("ERR TIMEOUT\r\n", Text(o => ReplyWriter.WriteError(o, ErrorCode.Timeout, "")));
        Assert.Equal(
            "ERR LINE_TOO_LONG x\r\n",
            Text(o => ReplyWriter.WriteError(o, new ProtocolError(ErrorCode.LineTooLong, "x"))));
    }

    [Fact]
    public void Error_text_never_breaks_the_line() =>
        Assert.Equal("ERR INTERNAL a  b c\r\n", Text(o => ReplyWriter.WriteError(o, ErrorCode.Internal, "a\r\nb\u0000c")));

    [Fact]
    public void Not_leader_names_the_leader_first()
    {
        Assert.Equal("ERR NOT_LEADER 10.0.0.2:7001 leader is 10.0.0.2:7001\r\n", Text(o => ReplyWriter.WriteNotLeader(o, "10.0.0.2:7001")));
        Assert.Throws<ArgumentException>(() => Text(o => ReplyWriter.WriteNotLeader(o, "a b")));
    }

    internal static byte[] Bytes(Action<IBufferWriter<byte>> write)
    {
        var output = new ArrayBufferWriter<byte>();
        write(output);
        return output.WrittenSpan.ToArray();
    }

    private static string Text(Action<IBufferWriter<byte>> write) => Encoding.UTF8.GetString(Bytes(write));
}
