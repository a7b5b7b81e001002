using Wiber.Lab.Dashboard.Views;

namespace Wiber.Lab.Dashboard.Live;

/// <summary>
/// Everything the page shows about the cluster at one moment (<c>GET /cluster</c>, and the <c>snapshot</c>
/// event of <c>GET /cluster/live</c>). When no lab is up, <see cref="Lab"/> says why and the lists are empty.
/// </summary>
public sealed record ClusterSnapshot(
    long AtMs,
    LabView Lab,
    string? Leader,
    long? Term,
    IReadOnlyList<NodeView> Nodes,
    IReadOnlyList<LinkView> Links,
    IReadOnlyList<FaultView> Faults,
    TimelineSample? Sample = null);

/// <summary>The lab itself: is one up in the directory, and if not, the lab's own words for why.</summary>
public sealed record LabView(bool Up, string LabDir, string? LabId, string? Backend, string? ProxyUrl, IReadOnlyList<string> Servers, string? Error);
