namespace Wiber.Broker.Protocol;

/// <summary>
/// Every error a client can see, as <c>ERR &lt;CODE&gt; &lt;text&gt;</c>. The wire names in
/// <see cref="ErrorCodes"/> are a contract: clients branch on them, so a name is never changed or reused.
/// </summary>
public enum ErrorCode
{
    /// <summary>Unknown command, or a line that is not valid UTF-8 text.</summary>
    BadCommand,

    /// <summary>A known command with a missing, malformed or contradictory argument or option.</summary>
    BadArgument,

    /// <summary>A line longer than <see cref="ProtocolLimits.MaxLineBytes"/>; the rest of it is discarded.</summary>
    LineTooLong,

    /// <summary>A message larger than <see cref="ProtocolLimits.MaxPayloadBytes"/>; it is not published.</summary>
    PayloadTooLarge,

    /// <summary>The topic does not exist (for commands that do not create it).</summary>
    UnknownTopic,

    /// <summary>CREATE of a topic that already exists with different settings.</summary>
    TopicExists,

    /// <summary>This node is not the leader and the client asked to be redirected; the text starts with the leader's address.</summary>
    NotLeader,

    /// <summary>No leader is known right now (election in progress or no quorum); retry later.</summary>
    NoLeader,

    /// <summary>The request was not committed or answered in time; its outcome is unknown (retry with the same id).</summary>
    Timeout,

    /// <summary>The subscriber fell behind its bounded buffer and is being disconnected.</summary>
    SlowConsumer,

    /// <summary>The node refuses the connection: its connection limit is reached.</summary>
    TooManyConnections,

    /// <summary>The connection already has as many subscriptions as allowed.</summary>
    TooManySubscriptions,

    /// <summary>The node is stopping; reconnect to another node.</summary>
    ShuttingDown,

    /// <summary>A bug or an unexpected failure on the node; the text says what, never how to exploit it.</summary>
    Internal,
}

/// <summary>The one place that maps <see cref="ErrorCode"/> to and from its wire name.</summary>
public static class ErrorCodes
{
    private static readonly string[] Names =
    [
        "BAD_COMMAND",
        "BAD_ARGUMENT",
        "LINE_TOO_LONG",
        "PAYLOAD_TOO_LARGE",
        "UNKNOWN_TOPIC",
        "TOPIC_EXISTS",
        "NOT_LEADER",
        "NO_LEADER",
        "TIMEOUT",
        "SLOW_CONSUMER",
        "TOO_MANY_CONNECTIONS",
        "TOO_MANY_SUBSCRIPTIONS",
        "SHUTTING_DOWN",
        "INTERNAL",
    ];

    /// <summary>Every code, in declaration order.</summary>
    public static IReadOnlyList<ErrorCode> All { get; } = Enum.GetValues<ErrorCode>();

    /// <summary>The stable wire name, e.g. <c>BAD_ARGUMENT</c>.</summary>
    public static string ToWire(ErrorCode code) =>
        (uint)code < (uint)Names.Length ? Names[(int)code] : throw new ArgumentOutOfRangeException(nameof(code));

    /// <summary>Parses a wire name (exact, upper case), as a client would.</summary>
    public static bool TryParse(string wire, out ErrorCode code)
    {
        var i = Array.IndexOf(Names, wire);
        code = (ErrorCode)Math.Max(i, 0);
        return i >= 0;
    }
}
