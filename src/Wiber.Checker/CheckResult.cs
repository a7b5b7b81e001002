namespace Wiber.Checker;

/// <summary>
/// The verdict on one history. Valid when no anomaly is an error; warnings (unverified acks, recovery
/// not observed) say the run proved less than it meant to, not that the cluster misbehaved.
/// Anomalies are sorted by kind (<see cref="AnomalyKinds.All"/> order), then time, then message.
/// </summary>
public sealed record CheckResult(
    IReadOnlyList<Anomaly> Anomalies,
    CheckStatistics Statistics,
    IReadOnlyList<HealRecovery> Recoveries)
{
    public int Errors => Anomalies.Count(a => a.Severity == AnomalySeverity.Error);

    public int Warnings => Anomalies.Count(a => a.Severity == AnomalySeverity.Warning);

    public bool IsValid => Errors == 0;

    public IEnumerable<Anomaly> OfKind(string kind) => Anomalies.Where(a => a.Kind == kind);
}
