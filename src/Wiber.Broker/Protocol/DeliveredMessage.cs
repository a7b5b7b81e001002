namespace Wiber.Broker.Protocol;

/// <summary>
/// A committed message as the protocol shows it. The leader's hybrid logical timestamp travels as
/// <c>&lt;wall-unix-ms&gt;.&lt;logical&gt;</c> so people can read it and time windows can use its wall part.
/// </summary>
public readonly record struct DeliveredMessage(
    string Topic,
    long Offset,
    long HybridUnixMs,
    int HybridLogical,
    long? ProducerTimeUnixMs,
    ReadOnlyMemory<byte> Payload);
