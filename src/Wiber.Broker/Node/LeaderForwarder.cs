using System.Buffers;
using System.IO.Pipelines;
using System.Net.Sockets;
using System.Text;
using Wiber.Broker.Protocol;

namespace Wiber.Broker.Node;

/// <summary>
/// A follower's connection to the leader's client port, for publishes that arrive at the follower. The
/// leader's one-line reply (OK … or ERR …) is relayed verbatim. Requests are pipelined in order; replies
/// come back in the same order. Re-dialled when the leader changes or the connection drops.
/// </summary>
internal sealed class LeaderForwarder : IAsyncDisposable
{
    private readonly ProtocolLimits _limits;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Queue<TaskCompletionSource<ReadOnlyMemory<byte>>> _waiting = new();
    private string? _address;
    private Socket? _socket;
    private PipeWriter? _writer;
    private Task? _reading;

    public LeaderForwarder(ProtocolLimits limits) => _limits = limits;

    public async Task<ReadOnlyMemory<byte>> ForwardAsync(string address, PublishRequest request, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var reply = new TaskCompletionSource<ReadOnlyMemory<byte>>(TaskCreationOptions.RunContinuationsAsynchronously);
        try
        {
            await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                if (_address != address || _socket is null || !_socket.Connected)
                {
                    await ConnectAsync(address, cancellationToken).ConfigureAwait(false);
                }
                // With redirect: should leadership have moved, the old leader answers NOT_LEADER instead of forwarding on (no loops).
                RequestWriter.Write(_writer!, request with { Redirect = true });
                lock (_waiting)
                {
                    _waiting.Enqueue(reply);
                }
                await _writer!.FlushAsync(cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                _gate.Release();
            }
            return await reply.Task.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or SocketException or TimeoutException or ObjectDisposedException)
        {
            Drop();
            return Encoding.UTF8.GetBytes($"ERR TIMEOUT forwarding to the leader at {address} failed ({ex.Message}); the outcome is unknown — retry with the same id\r\n");
        }
    }

    private async Task ConnectAsync(string address, CancellationToken cancellationToken)
    {
        Drop();
        var separator = address.LastIndexOf(':');
        var host = address[..separator];
        var port = int.Parse(address[(separator + 1)..], System.Globalization.CultureInfo.InvariantCulture);
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(host, port, cancellationToken).ConfigureAwait(false);
        var stream = new NetworkStream(socket, ownsSocket: true);
        _socket = socket;
        _address = address;
        _writer = PipeWriter.Create(stream);
        var reader = PipeReader.Create(stream);
        _reading = Task.Run(() => ReadRepliesAsync(reader));
    }

    private async Task ReadRepliesAsync(PipeReader reader)
    {
        try
        {
            while (true)
            {
                var read = await reader.ReadAsync().ConfigureAwait(false);
                var buffer = read.Buffer;
                while (buffer.PositionOf((byte)'\n') is { } end)
                {
                    var line = buffer.Slice(0, buffer.GetPosition(1, end)).ToArray();
                    buffer = buffer.Slice(buffer.GetPosition(1, end));
                    TaskCompletionSource<ReadOnlyMemory<byte>>? next;
                    lock (_waiting)
                    {
                        _waiting.TryDequeue(out next);
                    }
                    next?.TrySetResult(line);
                }
                if (buffer.Length > _limits.MaxLineBytes)
                {
                    break; // the leader does not send lines this long: something is wrong, start over
                }
                reader.AdvanceTo(buffer.Start, buffer.End);
                if (read.IsCompleted)
                {
                    break;
                }
            }
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException or InvalidOperationException)
        {
        }
        FailWaiting();
    }

    private void FailWaiting()
    {
        lock (_waiting)
        {
            while (_waiting.TryDequeue(out var waiter))
            {
                waiter.TrySetException(new IOException("connection to the leader closed"));
            }
        }
    }

    private void Drop()
    {
        _socket?.Close();
        _socket = null;
        _address = null;
        FailWaiting();
    }

    public async ValueTask DisposeAsync()
    {
        Drop();
        if (_reading is not null)
        {
            await _reading.ConfigureAwait(false);
        }
        _gate.Dispose();
    }
}
