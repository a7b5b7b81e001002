using System.Net.Sockets;
using Wiber.Chaos.Server.Links;

namespace Wiber.Chaos.Server.Proxies;

/// <summary>Accepting clients: dial the upstream for each, then join the two in a connection with the current toxics.</summary>
internal sealed partial class ManagedProxy
{
    /// <summary>Accepts until the listener is stopped; other accept errors (out of descriptors…) are retried, as upstream.</summary>
    private async Task AcceptLoopAsync(Listener listener)
    {
        var token = listener.Cancellation.Token;
        while (!token.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await listener.Socket.AcceptAsync(token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is ObjectDisposedException or OperationCanceledException)
            {
                return;
            }
            catch (SocketException e)
            {
                if (!token.IsCancellationRequested)
                {
                    LogAcceptFailed(_log, Name, e.Message);
                    await Task.Delay(10, CancellationToken.None).ConfigureAwait(false);
                }
                continue;
            }
            _ = Task.Run(() => ConnectAsync(listener, client), CancellationToken.None);
        }
    }

    private async Task ConnectAsync(Listener listener, Socket client)
    {
        client.NoDelay = true;
        string upstream;
        lock (_sync)
        {
            upstream = _upstream;
        }
        Socket server;
        try
        {
            server = await ProxySockets.DialAsync(upstream, listener.Cancellation.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is SocketException or IOException or OperationCanceledException or ObjectDisposedException)
        {
            // As upstream: the client sees its connection open and then close.
            LogDialFailed(_log, Name, upstream, e.Message);
            client.Dispose();
            return;
        }
        lock (_sync)
        {
            if (!listener.Stopped)
            {
                var connection = new ProxyConnection(client, server, [.. _upstreamToxics, .. _downstreamToxics], Forget, _log);
                _connections.Add(connection);
                connection.Start();
                return;
            }
        }
        client.Dispose();
        server.Dispose();
    }

    private void Forget(ProxyConnection connection)
    {
        lock (_sync)
        {
            _connections.Remove(connection);
        }
    }
}
