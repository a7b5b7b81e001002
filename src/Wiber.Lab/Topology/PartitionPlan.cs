using Wiber.Lab.State;

namespace Wiber.Lab.Topology;

/// <summary>A directed node-to-node link: <see cref="From"/>'s Raft traffic to <see cref="To"/> (one proxy).</summary>
public readonly record struct Link(string From, string To)
{
    public override string ToString() => $"{From}->{To}";
}

/// <summary>
/// Blockade's partition form, as pure logic: each group is comma-separated node ids; the nodes not named form
/// one more group. Every link between different groups is cut, or with <c>oneWay</c> only the links from
/// the first group to the others (the first group can still hear, but not speak).
/// </summary>
public sealed record PartitionPlan(IReadOnlyList<IReadOnlyList<string>> Groups, IReadOnlyList<Link> Cuts, bool OneWay)
{
    public static PartitionPlan Create(IReadOnlyList<string> nodeIds, IReadOnlyList<string> groupArguments, bool oneWay)
    {
        ArgumentNullException.ThrowIfNull(nodeIds);
        ArgumentNullException.ThrowIfNull(groupArguments);
        if (groupArguments.Count == 0)
        {
            throw new LabException(LabErrorKind.Usage, "name at least one group of nodes, e.g. 'n1' (isolate n1) or 'n1,n2 n3' (split)");
        }

        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var groups = new List<IReadOnlyList<string>>();
        for (var g = 0; g < groupArguments.Count; g++)
        {
            var ids = groupArguments[g].Split(',', StringSplitOptions.TrimEntries);
            if (ids.Any(string.IsNullOrEmpty))
            {
                throw new LabException(LabErrorKind.Usage, $"group '{groupArguments[g]}' has an empty node id (groups are comma-separated ids, no spaces)");
            }

            foreach (var id in ids)
            {
                if (!nodeIds.Contains(id, StringComparer.Ordinal))
                {
                    throw new LabException(LabErrorKind.UnknownNode, $"unknown node '{id}'; this lab has {string.Join(", ", nodeIds)}");
                }

                if (seen.TryGetValue(id, out var other))
                {
                    throw new LabException(LabErrorKind.Usage, other == g
                        ? $"node {id} is named twice in group '{groupArguments[g]}'"
                        : $"node {id} is in two groups ('{groupArguments[other]}' and '{groupArguments[g]}'): groups must not overlap");
                }

                seen[id] = g;
            }

            groups.Add(ids);
        }

        var rest = nodeIds.Where(id => !seen.ContainsKey(id)).ToList();
        if (rest.Count > 0)
        {
            groups.Add(rest);
        }

        if (groups.Count < 2)
        {
            throw new LabException(LabErrorKind.Usage, "the groups name every node, so nothing would be cut: a partition needs at least two groups");
        }

        var cuts = new List<Link>();
        for (var a = 0; a < groups.Count; a++)
        {
            for (var b = 0; b < groups.Count; b++)
            {
                if (a == b || (oneWay && a != 0))
                {
                    continue;
                }

                cuts.AddRange(from x in groups[a] from y in groups[b] select new Link(x, y));
            }
        }

        return new PartitionPlan(groups, cuts, oneWay);
    }

    /// <summary>How the event log and status describe it: <c>n1 | n2,n3</c> or <c>n1 -/-> n2,n3</c>.</summary>
    public string Describe() => OneWay
        ? $"{string.Join(',', Groups[0])} -/-> {string.Join(" | ", Groups.Skip(1).Select(g => string.Join(',', g)))}"
        : string.Join(" | ", Groups.Select(g => string.Join(',', g)));
}
