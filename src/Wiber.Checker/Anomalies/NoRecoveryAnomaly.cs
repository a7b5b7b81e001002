using System.Globalization;

namespace Wiber.Checker;

/// <summary>
/// Liveness: after a heal, nothing new was committed within the limit. <see cref="RecoveredAfterMs"/> is
/// set when progress came, but late.
/// </summary>
public sealed record NoRecoveryAnomaly(
    long HealAtMs,
    long LimitMs,
    long? RecoveredAfterMs) : Anomaly(AnomalyKinds.NoRecovery, AnomalySeverity.Error)
{
    private protected override long? AtMsCore() => HealAtMs;

    private protected override string MessageCore() => string.Create(
        CultureInfo.InvariantCulture,
        $"heal at {HealAtMs}: no new commit within {LimitMs} ms{(RecoveredAfterMs is { } r ? $" (first after {r} ms)" : "")}");
}
