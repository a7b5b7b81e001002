using Wiber.Lab.State;

namespace Wiber.Lab.Topology;

/// <summary>
/// Which links a <c>slow</c> or <c>flaky</c> fault acts on: a node id means every peer link into and out
/// of it; <c>a:b</c> means the one directed link from a to b; <c>all</c> every peer link.
/// </summary>
public static class LinkSelector
{
    public static IReadOnlyList<Link> Select(IReadOnlyList<string> nodeIds, string target)
    {
        ArgumentNullException.ThrowIfNull(nodeIds);
        ArgumentException.ThrowIfNullOrWhiteSpace(target);
        if (target == "all")
        {
            return [.. ProxyNames.AllLinks(nodeIds)];
        }

        var parts = target.Split(':');
        if (parts.Length == 2)
        {
            Known(nodeIds, parts[0]);
            Known(nodeIds, parts[1]);
            return parts[0] == parts[1]
                ? throw new LabException(LabErrorKind.Usage, $"'{target}' is a link from a node to itself")
                : [new Link(parts[0], parts[1])];
        }

        if (parts.Length != 1)
        {
            throw new LabException(LabErrorKind.Usage, $"'{target}' is not a node id, a link a:b or 'all'");
        }

        Known(nodeIds, target);
        return [.. ProxyNames.AllLinks(nodeIds).Where(l => l.From == target || l.To == target)];
    }

    private static void Known(IReadOnlyList<string> nodeIds, string id)
    {
        if (!nodeIds.Contains(id, StringComparer.Ordinal))
        {
            throw new LabException(LabErrorKind.UnknownNode, $"unknown node '{id}'; this lab has {string.Join(", ", nodeIds)}");
        }
    }
}
