using System.Globalization;

namespace Wiber.Checker;

/// <summary>
/// One id read at two or more offsets of a topic by the same node. <see cref="Outcomes"/> are the
/// outcomes of its publish attempts (empty when no publish of that id is in the history).
/// </summary>
public sealed record DuplicateAnomaly(
    string Topic,
    string Id,
    IReadOnlyList<long> Offsets,
    IReadOnlyList<string> Nodes,
    IReadOnlyList<PublishOutcome> Outcomes,
    long FirstSeenTwiceAtMs) : Anomaly(AnomalyKinds.Duplicate, AnomalySeverity.Error)
{
    private protected override long? AtMsCore() => FirstSeenTwiceAtMs;

    private protected override string MessageCore() => string.Create(
        CultureInfo.InvariantCulture,
        $"{Topic}: '{Id}' appears at offsets {string.Join(",", Offsets)} on {string.Join(",", Nodes)} (publish outcomes: {(Outcomes.Count == 0 ? "none" : string.Join(",", Outcomes.Select(o => o.ToString().ToLowerInvariant())))})");
}
