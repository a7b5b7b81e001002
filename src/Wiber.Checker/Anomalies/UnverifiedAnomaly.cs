using System.Globalization;

namespace Wiber.Checker;

/// <summary>
/// A warning: an acknowledged id no node read, but no node read its topic as far as the acknowledged
/// offset either — the final read was too short to prove anything about it.
/// </summary>
public sealed record UnverifiedAnomaly(
    string Topic,
    string Id,
    long Offset,
    string Process,
    long CompleteAtMs,
    long? HighestOffsetRead) : Anomaly(AnomalyKinds.Unverified, AnomalySeverity.Warning)
{
    private protected override long? AtMsCore() => CompleteAtMs;

    private protected override string MessageCore() => string.Create(
        CultureInfo.InvariantCulture,
        $"{Topic}: '{Id}' acknowledged at offset {Offset} but no node read that far (highest offset read: {(HighestOffsetRead is { } h ? h.ToString(CultureInfo.InvariantCulture) : "none")})");
}
