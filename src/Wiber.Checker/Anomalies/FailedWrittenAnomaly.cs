using System.Globalization;

namespace Wiber.Checker;

/// <summary>A publish reported as definitely failed (and never retried with another outcome) whose id was read anyway.</summary>
public sealed record FailedWrittenAnomaly(
    string Topic,
    string Id,
    string Process,
    long CompleteAtMs,
    string? Error,
    IReadOnlyList<long> Offsets,
    IReadOnlyList<string> Nodes) : Anomaly(AnomalyKinds.FailedWritten, AnomalySeverity.Error)
{
    private protected override long? AtMsCore() => CompleteAtMs;

    private protected override string MessageCore() => string.Create(
        CultureInfo.InvariantCulture,
        $"{Topic}: '{Id}' was reported failed ({Error ?? "no error text"}) yet read at offset(s) {string.Join(",", Offsets)} on {string.Join(",", Nodes)}");
}
