namespace Wiber.Broker.Configuration;

/// <summary>The <c>admin</c> section; each node's port is <c>nodes[i].admin_port</c>.</summary>
public sealed record AdminSettings
{
    /// <summary>The admin endpoint's bind address; loopback by default because it can kill and skew.</summary>
    public string Bind { get; init; } = "127.0.0.1";
}
