using System.Net;
using System.Net.Sockets;

namespace Wiber.Chaos.Server.Proxies;

/// <summary>Opening a proxy's listener and dialing its upstream, with Go's semantics and error texts.</summary>
internal static class ProxySockets
{
    private const int Backlog = 1024;

    /// <summary>
    /// Binds <paramref name="listen"/> like Go's net.Listen("tcp", …): a wildcard host (empty, 0.0.0.0, ::)
    /// becomes a dual-stack [::] socket. Returns the socket and its bound address, which toxiproxy stores back
    /// into <c>listen</c>; failures are 500s with Go's text.
    /// </summary>
    public static async Task<(Socket Socket, string Address)> ListenAsync(string listen, CancellationToken cancellationToken)
    {
        var (resolved, error) = await GoAddress.ResolveAsync(listen, cancellationToken).ConfigureAwait(false);
        if (error is not null)
        {
            throw new ApiException(500, "listen tcp: " + error);
        }
        var wildcard = resolved.Address is null || resolved.Address.Equals(IPAddress.Any) || resolved.Address.Equals(IPAddress.IPv6Any);
        var dualStack = wildcard && Socket.OSSupportsIPv6;
        var address = dualStack ? IPAddress.IPv6Any : wildcard ? IPAddress.Any : resolved.Address!;
        var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            if (dualStack)
            {
                socket.DualMode = true;
            }
            if (!OperatingSystem.IsWindows())
            {
                // As Go does on Unix: re-enabling a proxy must re-bind while old connections sit in TIME_WAIT.
                socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            }
            socket.Bind(new IPEndPoint(address, resolved.Port));
            socket.Listen(Backlog);
            return (socket, GoAddress.Format(socket.LocalEndPoint));
        }
        catch (SocketException e)
        {
            socket.Dispose();
            throw new ApiException(500, $"listen tcp {resolved}: bind: {GoAddress.ErrorText(e)}");
        }
    }

    /// <summary>Dials the upstream string as given (resolving names on every connection, as upstream does).</summary>
    public static async Task<Socket> DialAsync(string upstream, CancellationToken cancellationToken)
    {
        if (GoAddress.SplitHostPort(upstream, out var host, out var portText) is { } splitError)
        {
            throw new IOException("dial tcp: " + splitError);
        }
        if (GoAddress.ParsePort(portText, out var port) is { } portError)
        {
            throw new IOException("dial tcp: " + portError);
        }
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            EndPoint target = GoAddress.ParseIP(host) is { } ip ? new IPEndPoint(ip, port) : new DnsEndPoint(host.Length == 0 ? "localhost" : host, port);
            await socket.ConnectAsync(target, cancellationToken).ConfigureAwait(false);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
