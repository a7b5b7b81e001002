using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Wiber.Chaos.Server.Toxics;

namespace Wiber.Chaos.Server.Links;

/// <summary>
/// An accepted client and its upstream socket, joined by two links (upstream: client to server, downstream:
/// server to client). The connection ends when both writers have closed their destinations, or at once when
/// the proxy is disabled or deleted.
/// </summary>
internal sealed class ProxyConnection
{
    private readonly Socket _client;
    private readonly Socket _upstream;
    private readonly Action<ProxyConnection> _onClosed;
    private readonly bool _resetOnClose;
    private int _openLinks = 2;
    private int _closed;

    public ProxyConnection(Socket client, Socket upstream, IReadOnlyList<ToxicDefinition> toxics, Action<ProxyConnection> onClosed, ILogger log)
    {
        _client = client;
        _upstream = upstream;
        _onClosed = onClosed;
        // Upstream sets SO_LINGER 0 when a reset_peer toxic (either direction) exists at accept time.
        _resetOnClose = toxics.Any(t => t.Type.ResetsOnClose);
        Upstream = new ToxicLink(this, StreamDirection.Upstream, client, upstream, toxics.Where(t => t.Direction == StreamDirection.Upstream), log);
        Downstream = new ToxicLink(this, StreamDirection.Downstream, upstream, client, toxics.Where(t => t.Direction == StreamDirection.Downstream), log);
    }

    public ToxicLink Upstream { get; }

    public ToxicLink Downstream { get; }

    public ToxicLink LinkFor(StreamDirection direction) => direction == StreamDirection.Upstream ? Upstream : Downstream;

    public void Start()
    {
        Upstream.Start();
        Downstream.Start();
    }

    /// <summary>
    /// Closes one socket: RST when reset_peer asked for it, otherwise FIN. .NET resets a socket disposed
    /// while a receive is pending, so a graceful close shuts it down first.
    /// </summary>
    public void CloseSocket(Socket socket)
    {
        try
        {
            if (_resetOnClose)
            {
                socket.Close(0); // SO_LINGER 0: the kernel answers with RST
                return;
            }
            socket.Shutdown(SocketShutdown.Both);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // Already closed or reset by the peer.
        }
        socket.Dispose();
    }

    public void LinkFinished()
    {
        if (Interlocked.Decrement(ref _openLinks) == 0)
        {
            Close();
        }
    }

    /// <summary>Closes both sockets now (no slow_close) and stops both links.</summary>
    public void Close()
    {
        if (Interlocked.Exchange(ref _closed, 1) == 1)
        {
            return;
        }
        CloseSocket(_client);
        CloseSocket(_upstream);
        Upstream.Abort();
        Downstream.Abort();
        _onClosed(this);
    }
}
