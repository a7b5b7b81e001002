namespace Wiber.Lab.Dashboard.Publishing;

/// <summary>
/// <c>POST /cluster/publish</c>: the fields of <c>wiber pub --json</c> (for the last message, with a count),
/// how many were acknowledged, and per node whether the (last) message arrived there within the wait and
/// how long after its acknowledgement it was seen. <see cref="Outcome"/> is <c>ok</c> only when every
/// message is; otherwise the first other outcome, with its <see cref="Error"/>.
/// </summary>
public sealed record PublishView(
    string Outcome,
    string Topic,
    long? Offset,
    bool Duplicate,
    string MessageId,
    int Attempts,
    string? Error,
    int Count,
    int Acknowledged,
    double Seconds,
    IReadOnlyList<ArrivalView> Arrivals);

/// <summary>One node's view of a published message. <see cref="AfterMs"/> counts from the leader's acknowledgement.</summary>
public sealed record ArrivalView(string Node, bool Arrived, double? AfterMs, string? Error);

/// <summary>The <c>arrival</c> event of <c>GET /cluster/live</c>: the message reached a node (or, at the end of the wait, did not).</summary>
public sealed record ArrivalEvent(string MessageId, string Topic, long Offset, string Node, bool Arrived, double? AfterMs, string? Error);
