using System.Globalization;

namespace Wiber.Checker;

/// <summary>
/// An acknowledged publish whose id no node ever read, although some node read its topic at or past the
/// acknowledged offset. <see cref="ValueAtOffset"/> is what was read there instead (null if no node read
/// that very offset).
/// </summary>
public sealed record LostAnomaly(
    string Topic,
    string Id,
    long Offset,
    string Process,
    long InvokeAtMs,
    long CompleteAtMs,
    string? ValueAtOffset,
    IReadOnlyList<string> NodesReadPast) : Anomaly(AnomalyKinds.Lost, AnomalySeverity.Error)
{
    private protected override long? AtMsCore() => CompleteAtMs;

    private protected override string MessageCore() => string.Create(
        CultureInfo.InvariantCulture,
        $"{Topic}: '{Id}' acknowledged at offset {Offset} ({Process}) but never read; {(ValueAtOffset is null ? "no node read that offset" : $"offset {Offset} holds '{ValueAtOffset}'")}; read past it by {string.Join(",", NodesReadPast)}");
}
