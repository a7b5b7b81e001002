using System.Globalization;

namespace Wiber.Checker;

/// <summary>
/// An acknowledged id that was read, but never at the offset its acknowledgement named.
/// <see cref="ValueAtAckedOffset"/> is what was read at the acknowledged offset (null when nothing).
/// </summary>
public sealed record OffsetMismatchAnomaly(
    string Topic,
    string Id,
    string Process,
    long AckedOffset,
    IReadOnlyList<long> ReadOffsets,
    string? ValueAtAckedOffset,
    long CompleteAtMs) : Anomaly(AnomalyKinds.OffsetMismatch, AnomalySeverity.Error)
{
    private protected override long? AtMsCore() => CompleteAtMs;

    private protected override string MessageCore() => string.Create(
        CultureInfo.InvariantCulture,
        $"{Topic}: '{Id}' acknowledged at offset {AckedOffset} but read at {string.Join(",", ReadOffsets)}{(ValueAtAckedOffset is null ? "" : $"; offset {AckedOffset} holds '{ValueAtAckedOffset}'")}");
}
