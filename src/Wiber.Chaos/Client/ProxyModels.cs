namespace Wiber.Chaos.Client;

/// <summary>A proxy to create (POST /proxies, /populate). An empty <paramref name="Listen"/> binds every interface on a free port.</summary>
public sealed record ProxyConfig(string Name, string Listen, string Upstream, bool Enabled = true);

/// <summary>Changes to a proxy; only the non-null fields are sent, the others keep their values.</summary>
public sealed record ProxyUpdate(string? Listen = null, string? Upstream = null, bool? Enabled = null);

/// <summary>
/// A proxy as the server reports it. <paramref name="Listen"/> is the bound address once the proxy has been
/// enabled (e.g. 127.0.0.1:0 becomes 127.0.0.1:46763). Toxics are upstream first, then downstream.
/// </summary>
public sealed record Proxy(string Name, string Listen, string Upstream, bool Enabled, IReadOnlyList<Toxic> Toxics);
