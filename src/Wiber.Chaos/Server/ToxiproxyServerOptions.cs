using Microsoft.Extensions.Logging;

namespace Wiber.Chaos.Server;

/// <summary>Where the API listens and what to load at start. Mirrors toxiproxy-server's -host, -port and -config.</summary>
public sealed record ToxiproxyServerOptions
{
    /// <summary>API host. 127.0.0.1 rather than upstream's "localhost", so that nothing binds beyond loopback by accident.</summary>
    public string Host { get; init; } = "127.0.0.1";

    /// <summary>API port; 0 picks a free one (see <see cref="ToxiproxyServer.BaseAddress"/>).</summary>
    public int Port { get; init; } = 8474;

    /// <summary>A JSON array of proxies applied like POST /populate at start; failures are logged, not fatal.</summary>
    public string? ConfigFile { get; init; }

    public ILoggerFactory? LoggerFactory { get; init; }
}
