using System.Globalization;

namespace Wiber.Checker;

/// <summary>A node's leader claims in one term: the first and last status poll that showed it.</summary>
public sealed record LeaderClaim(string Node, long FirstAtMs, long LastAtMs);

/// <summary>Two or more nodes reported themselves leader of the same term (Raft's election safety).</summary>
public sealed record TwoLeadersAnomaly(
    long Term,
    IReadOnlyList<LeaderClaim> Leaders) : Anomaly(AnomalyKinds.TwoLeaders, AnomalySeverity.Error)
{
    /// <summary>When the second leader was first seen.</summary>
    private protected override long? AtMsCore() => Leaders.Count > 1 ? Leaders[1].FirstAtMs : null;

    private protected override string MessageCore() => string.Create(
        CultureInfo.InvariantCulture,
        $"term {Term} has {Leaders.Count} leaders: {string.Join(", ", Leaders.Select(l => $"{l.Node} (from {l.FirstAtMs})"))}");
}
