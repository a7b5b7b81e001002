using Wiber.Lab.State;
using Wiber.Lab.Topology;

namespace Wiber.Lab.Dashboard.Views;

/// <summary>
/// One directed peer link (<see cref="From"/>'s Raft traffic to <see cref="To"/>) and what the faults in force
/// do to it, for the page's link matrix. Derived from the lab state's faults and their toxics' proxies.
/// </summary>
public sealed record LinkView(string From, string To, bool Cut, bool Slow, bool Flaky, IReadOnlyList<string> Faults)
{
    /// <summary>Every directed link between the lab's nodes, in matrix order (pure).</summary>
    public static IReadOnlyList<LinkView> All(LabState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var ids = state.Nodes.Select(n => n.Id).ToList();
        return [.. ProxyNames.AllLinks(ids).Select(link =>
        {
            var proxy = ProxyNames.Peer(link);
            var faults = state.Faults.Where(f => f.Toxics.Any(t => t.Proxy == proxy)).ToList();
            return new LinkView(
                link.From,
                link.To,
                faults.Any(f => f.Kind == "partition"),
                faults.Any(f => f.Kind == "slow"),
                faults.Any(f => f.Kind == "flaky"),
                [.. faults.Select(f => f.Description)]);
        })];
    }
}
