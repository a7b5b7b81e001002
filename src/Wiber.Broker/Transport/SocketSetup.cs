using System.Net;
using System.Net.Sockets;

namespace Wiber.Broker.Transport;

/// <summary>Socket settings shared by both directions.</summary>
internal static class SocketSetup
{
    /// <summary>
    /// No Nagle (we batch ourselves; a lone vote must not wait 40 ms) and TCP keepalive, so a peer host that
    /// vanished without a FIN is noticed by the kernel even when no keepalive frame is due.
    /// </summary>
    public static void Configure(Socket socket)
    {
        socket.NoDelay = true;
        socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.KeepAlive, true);
        try
        {
            socket.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveTime, 5);
            socket.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveInterval, 1);
            socket.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveRetryCount, 3);
        }
        catch (SocketException)
        {
            // Not every platform lets us tune the timers; the kernel defaults and our own keepalives still apply.
        }
    }

    /// <summary>Connects within <paramref name="timeout"/>; the caller owns the returned socket.</summary>
    public static async Task<Socket> ConnectAsync(EndPoint endPoint, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var socket = endPoint is IPEndPoint ip
            ? new Socket(ip.AddressFamily, SocketType.Stream, ProtocolType.Tcp)
            : new Socket(SocketType.Stream, ProtocolType.Tcp);
        try
        {
            Configure(socket);
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(timeout);
            try
            {
                await socket.ConnectAsync(endPoint, deadline.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"connect timed out after {timeout.TotalMilliseconds:0} ms");
            }
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>"host:port" → an endpoint; an IP literal stays an <see cref="IPEndPoint"/>, anything else is resolved at connect time.</summary>
    public static EndPoint ParseEndPoint(string hostAndPort)
    {
        ArgumentException.ThrowIfNullOrEmpty(hostAndPort);
        if (IPEndPoint.TryParse(hostAndPort, out var ip) && ip.Port != 0)
        {
            return ip;
        }
        var colon = hostAndPort.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(hostAndPort.AsSpan(colon + 1), out var port) || port is <= 0 or > 65535)
        {
            throw new FormatException($"'{hostAndPort}' is not host:port");
        }
        return new DnsEndPoint(hostAndPort[..colon], port);
    }
}
