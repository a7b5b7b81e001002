using System.Globalization;

namespace Wiber.Checker;

/// <summary>
/// A value read from a topic that no publish in the history wrote to that topic: corruption, a message
/// on the wrong topic, or a history that misses publishes — in every case the run proves nothing.
/// </summary>
public sealed record UnexpectedValueAnomaly(
    string Topic,
    string Value,
    IReadOnlyList<long> Offsets,
    IReadOnlyList<string> Nodes,
    long FirstReadAtMs) : Anomaly(AnomalyKinds.Unexpected, AnomalySeverity.Error)
{
    private protected override long? AtMsCore() => FirstReadAtMs;

    private protected override string MessageCore() => string.Create(
        CultureInfo.InvariantCulture,
        $"{Topic}: '{Value}' read at offset(s) {string.Join(",", Offsets)} on {string.Join(",", Nodes)} but never published to this topic");
}
