using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Wiber.Broker.Configuration;

/// <summary>A host (name or IP) and a TCP port; IPv6 literals are written in brackets, <c>[::1]:7001</c>.</summary>
public readonly record struct HostPort(string Host, int Port)
{
    public const int MinPort = 1;
    public const int MaxPort = 65_535;

    public override string ToString() =>
        Host.Contains(':', StringComparison.Ordinal)
            ? string.Create(CultureInfo.InvariantCulture, $"[{Host}]:{Port}")
            : string.Create(CultureInfo.InvariantCulture, $"{Host}:{Port}");

    /// <summary>Parses <c>host:port</c> or <c>[ipv6]:port</c>; the port must be 1–65535.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out HostPort address)
    {
        address = default;
        var trimmed = text?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return false;
        }
        var colon = trimmed.LastIndexOf(':');
        if (colon <= 0 || colon == trimmed.Length - 1)
        {
            return false;
        }
        var host = trimmed[..colon];
        if (host.StartsWith('[') && host.EndsWith(']'))
        {
            host = host[1..^1];
        }
        else if (host.Contains(':', StringComparison.Ordinal))
        {
            return false; // an unbracketed IPv6 literal is ambiguous
        }
        if (host.Length == 0 || host.Any(char.IsWhiteSpace)
            || !int.TryParse(trimmed.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port)
            || port is < MinPort or > MaxPort)
        {
            return false;
        }
        address = new HostPort(host, port);
        return true;
    }
}
