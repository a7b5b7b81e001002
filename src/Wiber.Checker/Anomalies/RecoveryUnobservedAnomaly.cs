using System.Globalization;

namespace Wiber.Checker;

/// <summary>
/// A warning: the history ends less than the limit after a heal, with no commit seen yet — the run
/// stopped too early to say whether the cluster recovered.
/// </summary>
public sealed record RecoveryUnobservedAnomaly(
    long HealAtMs,
    long LimitMs,
    long HistoryEndAtMs) : Anomaly(AnomalyKinds.RecoveryUnobserved, AnomalySeverity.Warning)
{
    private protected override long? AtMsCore() => HealAtMs;

    private protected override string MessageCore() => string.Create(
        CultureInfo.InvariantCulture,
        $"heal at {HealAtMs}: history ends {HistoryEndAtMs - HealAtMs} ms later with no new commit (limit {LimitMs} ms)");
}
