using Wiber.Checker.Analysis;

namespace Wiber.Checker.Checks;

/// <summary>
/// Ids that one node returned at two or more offsets — whatever the publish outcome, since an id is
/// one logical publish. Judged per node, not over the union of nodes: two nodes holding an id at
/// different offsets is divergence (their logs differ), not a duplicate inside one log.
/// </summary>
internal static class DuplicateCheck
{
    public static IEnumerable<Anomaly> Run(HistoryIndex index)
    {
        foreach (var topic in index.Topics)
        {
            foreach (var group in topic.RepeatsOnNode.GroupBy(r => r.Id, StringComparer.Ordinal))
            {
                var outcomes = topic.PublishesById.TryGetValue(group.Key, out var attempts)
                    ? attempts.Select(a => a.Outcome).Distinct().ToList()
                    : [];
                yield return new DuplicateAnomaly(
                    topic.Name,
                    group.Key,
                    topic.SightingsOf[group.Key].Offsets(),
                    [.. group.Select(r => r.Node).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)],
                    outcomes,
                    group.Min(r => r.AtMs));
            }
        }
    }
}
