using Wiber.Chaos.Server.Toxics;

namespace Wiber.Chaos.Server.Proxies;

/// <summary>A proxy as the API shows it; toxics upstream first, then downstream, each in creation order.</summary>
internal sealed record ProxySnapshot(string Name, string Listen, string Upstream, bool Enabled, IReadOnlyList<ToxicDefinition> Toxics);
