using System.Text;
using Wiber.Broker.Protocol;
using static Wiber.Broker.Tests.Protocol.ProtocolTestKit;

namespace Wiber.Broker.Tests.Protocol;

/// <summary>Every command and every option parses to the request it means.</summary>
public sealed class CommandParsingTests
{
    [Fact]
    public void Ping_echoes_its_text() => Assert.Equal(new PingRequest("marker 1"), ParseRequest("PING marker 1"));

    [Theory]
    [InlineData("PUB chat id=abc123 Hello world", "abc123", null, false, "Hello world")]
    [InlineData("PUB chat ts=1700000000000 Hello", null, 1700000000000L, false, "Hello")]
    [InlineData("PUB chat ts=2024-06-01T12:00:00Z Hello", null, 1717243200000L, false, "Hello")]
    [InlineData("PUB chat ts=2024-06-01T14:00:00+02:00 Hello", null, 1717243200000L, false, "Hello")]
    [InlineData("PUB chat ts=2024-06-01T12:00:00.123Z Hello", null, 1717243200123L, false, "Hello")]
    [InlineData("PUB chat ts=2024-06-01T12:00:00 Hello", null, 1717243200000L, false, "Hello")]
    [InlineData("PUB chat ts=2024-06-01 Hello", null, 1717200000000L, false, "Hello")]
    [InlineData("PUB chat redirect=1 Hello", null, null, true, "Hello")]
    [InlineData("PUB chat ID=k-1 TS=5 Redirect=yes Hello", "k-1", 5L, true, "Hello")]
    [InlineData("PUB chat -- id=abc is text", null, null, false, "id=abc is text")]
    [InlineData("PUB chat id=7 -- id=abc is text", "7", null, false, "id=abc is text")]
    [InlineData("PUB chat -- -- still text", null, null, false, "-- still text")]
    [InlineData("PUB chat --", null, null, false, "--")]
    [InlineData("PUB chat --x", null, null, false, "--x")]
    [InlineData("PUB chat idea=good", null, null, false, "idea=good")]
    [InlineData("PUB chat  id=abc", null, null, false, " id=abc")]
    public void Publish_options(string line, string? id, long? time, bool redirect, string message)
    {
        var publish = Assert.IsType<PublishRequest>(ParseRequest(line));
        Assert.Equal("chat", publish.Topic);
        Assert.Equal(id, publish.MessageId);
        Assert.Equal(time, publish.ProducerTimeUnixMs);
        Assert.Equal(redirect, publish.Redirect);
        Assert.Equal(message, Encoding.UTF8.GetString(publish.Payload.Span));
    }

    [Fact]
    public void Topic_names_allow_dots_dashes_underscores_and_slashes() =>
        Assert.Equal("orders/eu-west.v2_x", Assert.IsType<PublishRequest>(ParseRequest("PUB orders/eu-west.v2_x hi")).Topic);

    public static TheoryData<string, SubscribeRequest> Subscriptions => new()
    {
        { "SUB chat from=0 group=g1", new SubscribeRequest("chat", new SubscribeStart.AtOffset(0), "g1") },
        { "SUB chat from=42", new SubscribeRequest("chat", new SubscribeStart.AtOffset(42)) },
        { "SUB chat from=new group=g1", new SubscribeRequest("chat", SubscribeStart.New, "g1") },
        { "SUB chat last=10", new SubscribeRequest("chat", new SubscribeStart.LastMessages(10)) },
        { "SUB chat group=workers", new SubscribeRequest("chat", SubscribeStart.Default, "workers") },
        { "SUB chat format=binary", new SubscribeRequest("chat", SubscribeStart.Default, null, DeliveryFormat.Binary) },
        { "sub chat FROM=3 GROUP=g FORMAT=auto", new SubscribeRequest("chat", new SubscribeStart.AtOffset(3), "g") },
    };

    [Theory]
    [MemberData(nameof(Subscriptions))]
    public void Subscribe_options(string line, SubscribeRequest expected) => Assert.Equal(expected, ParseRequest(line));

    [Fact]
    public void Unsubscribe() => Assert.Equal(new UnsubscribeRequest("chat"), ParseRequest("UNSUB chat"));

    public static TheoryData<string, HistoryRequest> Histories => new()
    {
        { "HISTORY chat", new HistoryRequest("chat", new HistorySelection.Last(10)) },
        { "HISTORY chat last=7", new HistoryRequest("chat", new HistorySelection.Last(7)) },
        { "HISTORY chat 0", new HistoryRequest("chat", new HistorySelection.Last(0)) },
        { "HISTORY chat from=5", new HistoryRequest("chat", new HistorySelection.Range(5, 1000)) },
        { "HISTORY chat from=5 limit=20", new HistoryRequest("chat", new HistorySelection.Range(5, 20)) },
        { "HISTORY chat since=1000 until=2000", new HistoryRequest("chat", new HistorySelection.TimeWindow(1000, 2000, 1000)) },
        { "HISTORY chat since=2024-06-01T12:00:00Z limit=3", new HistoryRequest("chat", new HistorySelection.TimeWindow(1717243200000, null, 3)) },
        { "HISTORY chat until=5000", new HistoryRequest("chat", new HistorySelection.TimeWindow(null, 5000, 1000)) },
        { "HISTORY chat 5 linearizable", new HistoryRequest("chat", new HistorySelection.Last(5), Linearizable: true) },
        { "history chat LINEARIZABLE format=binary", new HistoryRequest("chat", new HistorySelection.Last(10), true, DeliveryFormat.Binary) },
    };

    [Theory]
    [MemberData(nameof(Histories))]
    public void History_selections(string line, HistoryRequest expected) => Assert.Equal(expected, ParseRequest(line));

    [Fact]
    public void Ack() => Assert.Equal(new AckRequest("g1", "chat", 42), ParseRequest("ACK g1 chat 42"));

    [Fact]
    public void Status_and_topics()
    {
        Assert.IsType<StatusRequest>(ParseRequest("STATUS"));
        Assert.IsType<TopicsRequest>(ParseRequest("topics"));
    }

    public static TheoryData<string, CreateTopicRequest> Creations => new()
    {
        { "CREATE chat", new CreateTopicRequest("chat", TopicRetention.Forever) },
        { "CREATE chat Team chat room", new CreateTopicRequest("chat", TopicRetention.Forever, "Team chat room") },
        { "CREATE chat retention=7d Team chat", new CreateTopicRequest("chat", TopicRetention.Age(TimeSpan.FromDays(7)), "Team chat") },
        { "CREATE chat retention=1000", new CreateTopicRequest("chat", TopicRetention.Messages(1000)) },
        { "CREATE chat retention=30s", new CreateTopicRequest("chat", TopicRetention.Age(TimeSpan.FromSeconds(30))) },
        { "CREATE chat retention=15m", new CreateTopicRequest("chat", TopicRetention.Age(TimeSpan.FromMinutes(15))) },
        { "CREATE chat retention=24H", new CreateTopicRequest("chat", TopicRetention.Age(TimeSpan.FromHours(24))) },
        { "CREATE chat retention=forever", new CreateTopicRequest("chat", TopicRetention.Forever) },
        { "CREATE chat -- retention=x is what this is about", new CreateTopicRequest("chat", TopicRetention.Forever, "retention=x is what this is about") },
    };

    [Theory]
    [MemberData(nameof(Creations))]
    public void Create_topic(string line, CreateTopicRequest expected) => Assert.Equal(expected, ParseRequest(line));

    [Fact]
    public void Delete_topic()
    {
        Assert.Equal(new DeleteTopicRequest("chat"), ParseRequest("DELETE chat"));
        Assert.Equal(new DeleteTopicRequest("a/b.c"), ParseRequest("delete a/b.c"));
    }

    [Theory]
    [InlineData("DELETE")]
    [InlineData("DELETE chat extra")]
    [InlineData("DELETE bad*name")]
    public void Delete_topic_rejects_bad_arguments(string line)
    {
        var error = ParseError(line);
        Assert.Equal(ErrorCode.BadArgument, error.Code);
        Assert.Contains("DELETE <topic>", error.Message, StringComparison.Ordinal);
    }
}
