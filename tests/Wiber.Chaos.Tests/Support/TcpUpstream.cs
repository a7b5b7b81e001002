using System.Net;
using System.Net.Sockets;

namespace Wiber.Chaos.Tests.Support;

/// <summary>A loopback TCP server for the proxy to dial: echo, sink or a custom handler per connection.</summary>
internal sealed class TcpUpstream : IAsyncDisposable
{
    private readonly Socket _listener = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
    private readonly Func<Socket, Task> _handle;
    private readonly List<Socket> _accepted = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _acceptLoop;

    private TcpUpstream(Func<Socket, Task> handle)
    {
        _handle = handle;
        _listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _listener.Listen(1024);
        _acceptLoop = Task.Run(AcceptLoopAsync);
    }

    public IPEndPoint EndPoint => (IPEndPoint)_listener.LocalEndPoint!;

    public int Accepted
    {
        get
        {
            lock (_accepted)
            {
                return _accepted.Count;
            }
        }
    }

    /// <summary>Writes back everything it reads; closes when the peer does.</summary>
    public static TcpUpstream Echo() => new(async socket =>
    {
        var buffer = new byte[64 * 1024];
        while (true)
        {
            int read;
            try
            {
                read = await socket.ReceiveAsync(buffer, SocketFlags.None);
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                return;
            }
            if (read == 0)
            {
                socket.Dispose();
                return;
            }
            try
            {
                await socket.SendAsync(buffer.AsMemory(0, read), SocketFlags.None);
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                return;
            }
        }
    });

    public static TcpUpstream With(Func<Socket, Task> handle) => new(handle);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Dispose();
        await _acceptLoop;
        lock (_accepted)
        {
            foreach (var socket in _accepted)
            {
                socket.Dispose();
            }
        }
        _stop.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (true)
        {
            Socket socket;
            try
            {
                socket = await _listener.AcceptAsync(_stop.Token);
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException or OperationCanceledException)
            {
                return;
            }
            socket.NoDelay = true;
            lock (_accepted)
            {
                _accepted.Add(socket);
            }
            _ = Task.Run(() => _handle(socket));
        }
    }
}
