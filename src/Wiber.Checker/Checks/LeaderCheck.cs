namespace Wiber.Checker.Checks;

/// <summary>
/// Election safety from status polls: at most one node may call itself leader in a term. Only a node's
/// own claim counts; a follower's <c>leaderId</c> can lag a term behind and would raise false alarms.
/// </summary>
internal static class LeaderCheck
{
    public static IEnumerable<Anomaly> Run(History history)
    {
        var claims = new Dictionary<long, Dictionary<string, LeaderClaim>>();
        foreach (var status in history.Statuses)
        {
            if (status.Role != NodeRole.Leader)
            {
                continue;
            }

            if (!claims.TryGetValue(status.Term, out var byNode))
            {
                claims[status.Term] = byNode = new Dictionary<string, LeaderClaim>(StringComparer.Ordinal);
            }

            byNode[status.Node] = byNode.TryGetValue(status.Node, out var claim)
                ? claim with { FirstAtMs = Math.Min(claim.FirstAtMs, status.AtMs), LastAtMs = Math.Max(claim.LastAtMs, status.AtMs) }
                : new LeaderClaim(status.Node, status.AtMs, status.AtMs);
        }

        foreach (var (term, byNode) in claims.OrderBy(kv => kv.Key))
        {
            if (byNode.Count > 1)
            {
                yield return new TwoLeadersAnomaly(
                    term,
                    [.. byNode.Values.OrderBy(c => c.FirstAtMs).ThenBy(c => c.Node, StringComparer.Ordinal)]);
            }
        }
    }
}
