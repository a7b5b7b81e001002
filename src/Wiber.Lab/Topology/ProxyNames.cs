namespace Wiber.Lab.Topology;

/// <summary>The lab's proxy names in Toxiproxy: one per node for clients, one per directed node pair for peers.</summary>
public static class ProxyNames
{
    public static string Client(string node) => $"{node}-client";

    public static string Peer(Link link) => $"{link.From}-to-{link.To}";

    /// <summary>Every directed link between the nodes.</summary>
    public static IEnumerable<Link> AllLinks(IReadOnlyList<string> nodes) =>
        from a in nodes from b in nodes where a != b select new Link(a, b);
}
