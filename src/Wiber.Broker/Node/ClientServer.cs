using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Wiber.Broker.Protocol;

namespace Wiber.Broker.Node;

/// <summary>Accepts client connections on the client port and runs a session for each, up to the limit.</summary>
public sealed class ClientServer : IAsyncDisposable
{
    private readonly BrokerContext _context;
    private readonly Socket _listener;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private readonly HashSet<Task> _sessions = [];
    private readonly HashSet<ClientSession> _open = [];
    private Task? _accepting;

    public ClientServer(IPEndPoint endPoint, BrokerContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        _context = context;
        _logger = context.LoggerFactory.CreateLogger<ClientServer>();
        _listener = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        _listener.Bind(endPoint);
        _listener.Listen(512);
    }

    public IPEndPoint LocalEndPoint => (IPEndPoint)_listener.LocalEndPoint!;

    public void Start() => _accepting = Task.Run(AcceptLoopAsync);

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _listener.AcceptAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }
            socket.NoDelay = true;
            if (_context.Counters.Connections >= _context.Limits.MaxConnections)
            {
                Refuse(socket);
                continue;
            }
            var session = Task.Run(() => RunSessionAsync(socket));
            lock (_sessions)
            {
                _sessions.Add(session);
            }
            _ = session.ContinueWith(t =>
            {
                lock (_sessions)
                {
                    _sessions.Remove(t);
                }
            }, TaskScheduler.Default);
        }
    }

    private void Refuse(Socket socket)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        ReplyWriter.WriteError(buffer, ErrorCode.TooManyConnections, $"at most {_context.Limits.MaxConnections} client connections");
        try
        {
            socket.Send(buffer.WrittenSpan);
        }
        catch (SocketException)
        {
        }
        socket.Close();
    }

    private async Task RunSessionAsync(Socket socket)
    {
        _context.Counters.ConnectionOpened();
        var session = new ClientSession(socket, _context);
        lock (_open)
        {
            _open.Add(session);
        }
        try
        {
            await session.RunAsync().ConfigureAwait(false);
        }
#pragma warning disable CA1031 // One broken session must never take the server down.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            _logger.LogWarning(ex, "client session ended with an error");
        }
        finally
        {
            lock (_open)
            {
                _open.Remove(session);
            }
            await session.DisposeAsync().ConfigureAwait(false);
            _context.Counters.ConnectionClosed();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _listener.Close();
        if (_accepting is not null)
        {
            await _accepting.ConfigureAwait(false);
        }
        lock (_open)
        {
            // Stopping the node ends every connection; clients reconnect elsewhere.
            foreach (var session in _open)
            {
                session.Abort();
            }
        }
        Task[] sessions;
        lock (_sessions)
        {
            sessions = [.. _sessions];
        }
        await Task.WhenAll(sessions).WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        _stop.Dispose();
    }
}
