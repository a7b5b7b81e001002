using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Wiber.Chaos.Server.Proxies;

/// <summary>
/// TCP addresses the way Go's net package parses, resolves, prints and fails on them, because toxiproxy's
/// <c>listen</c> field and its 500 error texts are Go's (<c>address bogus: missing port in address</c>,
/// <c>listen tcp 127.0.0.1:3310: bind: address already in use</c>).
/// </summary>
internal static class GoAddress
{
    /// <summary>A resolved address; a null IP means every interface.</summary>
    public readonly record struct Resolved(IPAddress? Address, int Port)
    {
        public override string ToString() => Format(Address, Port);
    }

    /// <summary>Go's net.ResolveTCPAddr: "" is the wildcard on port 0; returns a Go error text on failure.</summary>
    public static async Task<(Resolved Address, string? Error)> ResolveAsync(string address, CancellationToken cancellationToken)
    {
        if (address.Length == 0)
        {
            return (new Resolved(null, 0), null);
        }
        if (SplitHostPort(address, out var host, out var portText) is { } splitError)
        {
            return (default, splitError);
        }
        if (ParsePort(portText, out var port) is { } portError)
        {
            return (default, portError);
        }
        if (host.Length == 0)
        {
            return (new Resolved(null, port), null);
        }
        if (ParseIP(host) is { } literal)
        {
            return (new Resolved(literal, port), null);
        }
        try
        {
            var found = await Dns.GetHostAddressesAsync(host, cancellationToken).ConfigureAwait(false);
            // Go prefers the first IPv4 address for "tcp".
            var pick = Array.Find(found, a => a.AddressFamily == AddressFamily.InterNetwork) ?? found.FirstOrDefault();
            return pick is null ? (default, $"lookup {host}: no such host") : (new Resolved(pick, port), null);
        }
        catch (SocketException)
        {
            return (default, $"lookup {host}: no such host");
        }
    }

    /// <summary>Go's TCPAddr.String(): <c>127.0.0.1:80</c>, <c>[::1]:80</c>, and <c>:80</c> for the wildcard.</summary>
    public static string Format(IPAddress? address, int port)
    {
        var portText = port.ToString(CultureInfo.InvariantCulture);
        if (address is null)
        {
            return ":" + portText;
        }
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }
        return address.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{address}]:{portText}" : $"{address}:{portText}";
    }

    public static string Format(EndPoint? endPoint) => endPoint is IPEndPoint ip ? Format(ip.Address, ip.Port) : endPoint?.ToString() ?? "";

    /// <summary>Go's net.SplitHostPort; returns its error text, or null.</summary>
    public static string? SplitHostPort(string hostport, out string host, out string port)
    {
        host = "";
        port = "";
        var lastColon = hostport.LastIndexOf(':');
        if (lastColon < 0)
        {
            return AddressError(hostport, "missing port in address");
        }
        int hostStart = 0, afterHost = 0;
        if (hostport.StartsWith('['))
        {
            var close = hostport.IndexOf(']', StringComparison.Ordinal);
            if (close < 0)
            {
                return AddressError(hostport, "missing ']' in address");
            }
            if (close + 1 == hostport.Length)
            {
                return AddressError(hostport, "missing port in address");
            }
            if (close + 1 != lastColon)
            {
                return AddressError(hostport, hostport[close + 1] == ':' ? "too many colons in address" : "missing port in address");
            }
            host = hostport[1..close];
            hostStart = 1;
            afterHost = close + 1;
        }
        else
        {
            host = hostport[..lastColon];
            if (host.Contains(':', StringComparison.Ordinal))
            {
                return AddressError(hostport, "too many colons in address");
            }
        }
        if (hostport.IndexOf('[', hostStart) >= 0)
        {
            return AddressError(hostport, "unexpected '[' in address");
        }
        if (hostport.IndexOf(']', afterHost) >= 0)
        {
            return AddressError(hostport, "unexpected ']' in address");
        }
        port = hostport[(lastColon + 1)..];
        return null;
    }

    /// <summary>Go's port parsing: empty is 0, digits with an optional sign, 0-65535; names are not looked up.</summary>
    public static string? ParsePort(string service, out int port)
    {
        port = 0;
        if (service.Length == 0)
        {
            return null;
        }
        var text = service.AsSpan();
        var negative = text[0] == '-';
        if (text[0] is '+' or '-')
        {
            text = text[1..];
        }
        long value = 0;
        foreach (var c in text)
        {
            if (c is < '0' or > '9')
            {
                return $"lookup tcp/{service}: unknown port";
            }
            value = Math.Min((value * 10) + (c - '0'), 1 << 30);
        }
        value = negative ? -value : value;
        if (value is < 0 or > 65535)
        {
            return AddressError(service, "invalid port");
        }
        port = (int)value;
        return null;
    }

    /// <summary>An IP literal as Go's ParseIP accepts it (dotted-quad IPv4, or IPv6 with an optional zone); null otherwise.</summary>
    public static IPAddress? ParseIP(string host)
    {
        if (host.Contains(':', StringComparison.Ordinal))
        {
            return IPAddress.TryParse(host, out var v6) && v6.AddressFamily == AddressFamily.InterNetworkV6 ? v6 : null;
        }
        var parts = host.Split('.');
        if (parts.Length != 4 || parts.Any(p => p.Length is 0 or > 3 || !p.All(char.IsAsciiDigit) || (p.Length > 1 && p[0] == '0')))
        {
            return null;
        }
        return IPAddress.TryParse(host, out var v4) ? v4 : null;
    }

    /// <summary>Go's text for a socket error: the lower-cased strerror (<c>address already in use</c>).</summary>
    public static string ErrorText(SocketException error) => error.SocketErrorCode switch
    {
        SocketError.AddressAlreadyInUse => "address already in use",
        SocketError.AddressNotAvailable => "cannot assign requested address",
        SocketError.AccessDenied => "permission denied",
        SocketError.ConnectionRefused => "connection refused",
        _ => error.Message.Length > 0 ? char.ToLowerInvariant(error.Message[0]) + error.Message[1..] : error.SocketErrorCode.ToString(),
    };

    private static string AddressError(string address, string why) => $"address {address}: {why}";
}
