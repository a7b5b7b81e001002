using System.Text;
using Wiber.Cli.Commands.Bench.Nats;

namespace Wiber.Bench.Tests;

public sealed class NatsParserTests
{
    private static byte[] Bytes(string text) => Encoding.ASCII.GetBytes(text);

    /// <summary>Parses every operation in the buffer; fails if bytes are left over.</summary>
    private static List<NatsOp> ParseAll(byte[] buffer)
    {
        var ops = new List<NatsOp>();
        var start = 0;
        while (NatsParser.TryParse(buffer.AsSpan(start), out var op, out var consumed))
        {
            ops.Add(op!);
            start += consumed;
        }

        Assert.Equal(buffer.Length, start);
        return ops;
    }

    [Fact]
    public void Parses_a_servers_greeting_and_control_operations()
    {
        var ops = ParseAll(Bytes("INFO {\"server_id\":\"N1\",\"version\":\"2.9.10\",\"jetstream\":true}\r\nPING\r\nPONG\r\n+OK\r\n-ERR 'Authorization Violation'\r\n"));
        Assert.Equal([NatsOpKind.Info, NatsOpKind.Ping, NatsOpKind.Pong, NatsOpKind.Ok, NatsOpKind.Err], ops.Select(o => o.Kind));
        Assert.Equal("{\"server_id\":\"N1\",\"version\":\"2.9.10\",\"jetstream\":true}", ops[0].Text);
        Assert.Equal("Authorization Violation", ops[4].Text);
    }

    [Fact]
    public void Parses_messages_with_and_without_reply_subject_and_payloads_with_crlf_inside()
    {
        var ops = ParseAll(Bytes("MSG _INBOX.abc.17 1 26\r\n{\"stream\":\"BENCH\",\"seq\":5}\r\nMSG foo.bar 9 reply.to 4\r\na\r\nb\r\nmsg x 2 0\r\n\r\n"));
        Assert.Equal(3, ops.Count);
        Assert.Equal("_INBOX.abc.17", ops[0].Subject);
        Assert.Equal("1", ops[0].Sid);
        Assert.Null(ops[0].ReplyTo);
        Assert.Equal("{\"stream\":\"BENCH\",\"seq\":5}", Encoding.ASCII.GetString(ops[0].Payload!));
        Assert.Equal("reply.to", ops[1].ReplyTo);
        Assert.Equal("a\r\nb", Encoding.ASCII.GetString(ops[1].Payload!));
        Assert.Empty(ops[2].Payload!);
    }

    [Fact]
    public void Parses_hmsg_and_skips_the_headers()
    {
        var headers = "NATS/1.0\r\nNats-Msg-Id: 1\r\n\r\n";
        var text = $"HMSG s 1 r {headers.Length} {headers.Length + 5}\r\n{headers}hello\r\n";
        var op = Assert.Single(ParseAll(Bytes(text)));
        Assert.Equal(NatsOpKind.Msg, op.Kind);
        Assert.Equal("r", op.ReplyTo);
        Assert.Equal("hello", Encoding.ASCII.GetString(op.Payload!));
    }

    [Fact]
    public void Every_split_of_the_input_needs_more_bytes_until_the_operation_is_whole()
    {
        var whole = Bytes("MSG _INBOX.x.1 1 22\r\n{\"stream\":\"S\",\"seq\":1}\r\n");
        for (var cut = 0; cut < whole.Length; cut++)
        {
            Assert.False(NatsParser.TryParse(whole.AsSpan(0, cut), out _, out var consumed), $"cut at {cut}");
            Assert.Equal(0, consumed);
        }

        Assert.True(NatsParser.TryParse(whole, out var op, out var used));
        Assert.Equal(whole.Length, used);
        Assert.Equal("_INBOX.x.1", op!.Subject);
    }

    [Theory]
    [InlineData("HELLO world\r\n", "unknown operation")]
    [InlineData("MSG a 1 3\r\nabcXY", "CRLF")]
    [InlineData("MSG a\r\n", "arguments")]
    [InlineData("MSG a 1 x\r\n", "length")]
    [InlineData("MSG a 1 -3\r\n", "length")]
    [InlineData("HMSG a 1 9 4\r\n", "exceeds")]
    public void Rejects_what_is_not_the_protocol(string text, string mentions)
    {
        var ex = Assert.Throws<NatsProtocolException>(() => NatsParser.TryParse(Bytes(text), out _, out _));
        Assert.Contains(mentions, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"stream\":\"BENCH\",\"seq\":42}", true, 42, null)]
    [InlineData("{\"stream\":\"BENCH\",\"domain\":\"hub\",\"seq\":7,\"duplicate\":true}", true, 7, null)]
    [InlineData("{\"error\":{\"code\":503,\"err_code\":10077,\"description\":\"JetStream system temporarily unavailable\"}}", false, -1, "503 JetStream system temporarily unavailable")]
    [InlineData("{\"stream\":\"BENCH\"}", false, -1, "acknowledgement without stream and seq")]
    [InlineData("not json", false, -1, "acknowledgement is not valid JSON")]
    [InlineData("[1]", false, -1, "acknowledgement is not a JSON object")]
    public void Reads_jetstream_acknowledgements(string json, bool ok, long sequence, string? error)
    {
        Assert.Equal(ok, JetStreamAck.TryParse(Encoding.UTF8.GetBytes(json), out var seq, out var why));
        Assert.Equal(sequence, seq);
        if (error is null)
        {
            Assert.Null(why);
        }
        else
        {
            Assert.StartsWith(error, why, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Describes_stream_info_and_recognises_errors()
    {
        Assert.Equal("file storage, 3 replicas, 12 messages before the run", NatsJetStreamTarget.Describe("{\"config\":{\"name\":\"BENCH\",\"storage\":\"file\",\"num_replicas\":3},\"state\":{\"messages\":12}}"));
        Assert.Null(NatsJetStreamTarget.Describe("{\"error\":{\"code\":404,\"description\":\"stream not found\"}}"));
    }
}
