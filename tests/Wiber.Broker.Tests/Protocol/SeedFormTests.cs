using System.Text;
using Wiber.Broker.Protocol;
using static Wiber.Broker.Tests.Protocol.ProtocolTestKit;

namespace Wiber.Broker.Tests.Protocol;

/// <summary>The original commands, exactly as old clients and people at nc type them.</summary>
public sealed class SeedFormTests
{
    [Theory]
    [InlineData("PING")]
    [InlineData("ping")]
    [InlineData("Ping")]
    public void Ping(string line) => Assert.Equal(new PingRequest(), ParseRequest(line));

    [Theory]
    [InlineData("PUB chat Hello world")]
    [InlineData("pub chat Hello world")]
    [InlineData("PUB   chat Hello world")]
    public void Publish_takes_the_rest_of_the_line_as_the_message(string line)
    {
        var publish = Assert.IsType<PublishRequest>(ParseRequest(line));
        Assert.Equal("chat", publish.Topic);
        Assert.Equal("Hello world", Encoding.UTF8.GetString(publish.Payload.Span));
        Assert.Null(publish.MessageId);
        Assert.Null(publish.ProducerTimeUnixMs);
        Assert.False(publish.Redirect);
    }

    [Fact]
    public void Subscribe_defaults_to_new_messages() =>
        Assert.Equal(new SubscribeRequest("chat", SubscribeStart.Default), ParseRequest("SUB chat"));

    [Fact]
    public void History_with_a_count_means_the_last_n() =>
        Assert.Equal(new HistoryRequest("chat", new HistorySelection.Last(5)), ParseRequest("HISTORY chat 5"));

    [Fact]
    public void Quit() => Assert.IsType<QuitRequest>(ParseRequest("quit"));

    [Fact]
    public void Crlf_and_lf_line_endings_read_the_same()
    {
        var lf = ReadAll(Bytes("PING\nPUB chat Hello world\nSUB chat\nHISTORY chat 5\nQUIT\n")).Select(Describe);
        var crlf = ReadAll(Bytes("PING\r\nPUB chat Hello world\r\nSUB chat\r\nHISTORY chat 5\r\nQUIT\r\n")).Select(Describe);
        Assert.Equal(lf, crlf);
        Assert.Equal(5, lf.Count());
    }

    [Fact]
    public void Blank_lines_are_ignored() =>
        Assert.Single(ReadAll(Bytes("\r\n\n   \r\nPING\r\n")));

    [Fact]
    public void Messages_keep_their_spaces_and_unicode()
    {
        var publish = Assert.IsType<PublishRequest>(ParseRequest("PUB chat  héllo\twörld  "));
        Assert.Equal(" héllo\twörld  ", Encoding.UTF8.GetString(publish.Payload.Span));
    }

    [Fact]
    public void An_old_message_that_looks_like_key_value_is_still_a_message()
    {
        var publish = Assert.IsType<PublishRequest>(ParseRequest("PUB chat x=1 is the answer"));
        Assert.Equal("x=1 is the answer", Encoding.UTF8.GetString(publish.Payload.Span));
    }
}
