namespace Wiber.Broker.Protocol;

/// <summary>A parsed client command. The session switches on the concrete type.</summary>
public abstract record Request;

/// <summary><c>PING [text]</c>: answered with <c>PONG [text]</c>, so a client can mark a point in a pipeline.</summary>
public sealed record PingRequest(string? Echo = null) : Request;

/// <summary>
/// <c>PUB</c> (text) or <c>PUBB</c> (length-prefixed binary). The payload is owned by the request: it was
/// copied out of the connection's buffers. <see cref="Redirect"/> asks a follower to answer
/// <c>ERR NOT_LEADER &lt;addr&gt;</c> instead of forwarding to the leader.
/// </summary>
public sealed record PublishRequest(
    string Topic,
    ReadOnlyMemory<byte> Payload,
    string? MessageId = null,
    long? ProducerTimeUnixMs = null,
    bool Redirect = false) : Request;

/// <summary><c>SUB &lt;topic&gt; [from=…|last=…] [group=…] [format=…]</c>.</summary>
public sealed record SubscribeRequest(
    string Topic,
    SubscribeStart Start,
    string? Group = null,
    DeliveryFormat Format = DeliveryFormat.Auto) : Request;

/// <summary><c>UNSUB &lt;topic&gt;</c>: ends this connection's subscription to the topic.</summary>
public sealed record UnsubscribeRequest(string Topic) : Request;

/// <summary><c>HISTORY &lt;topic&gt; [n | last=… | from=… | since=… until=…] [limit=…] [linearizable] [format=…]</c>.</summary>
public sealed record HistoryRequest(
    string Topic,
    HistorySelection Selection,
    bool Linearizable = false,
    DeliveryFormat Format = DeliveryFormat.Auto) : Request;

/// <summary><c>ACK &lt;group&gt; &lt;topic&gt; &lt;offset&gt;</c>: the group has processed everything up to and including the offset.</summary>
public sealed record AckRequest(string Group, string Topic, long Offset) : Request;

/// <summary><c>STATUS</c>: one JSON line about the node.</summary>
public sealed record StatusRequest : Request;

/// <summary><c>TOPICS</c>: one line per topic.</summary>
public sealed record TopicsRequest : Request;

/// <summary><c>CREATE &lt;topic&gt; [retention=…] [description…]</c>.</summary>
public sealed record CreateTopicRequest(string Topic, TopicRetention Retention, string? Description = null) : Request;

/// <summary><c>DELETE &lt;topic&gt;</c>: the topic, its messages, de-duplication memory and group offsets.</summary>
public sealed record DeleteTopicRequest(string Topic) : Request;

/// <summary><c>QUIT</c>: the node answers <c>OK bye</c> and closes the connection.</summary>
public sealed record QuitRequest : Request;
