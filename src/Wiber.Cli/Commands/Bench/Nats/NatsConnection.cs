using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Wiber.Client;

namespace Wiber.Cli.Commands.Bench.Nats;

/// <summary>
/// A minimal NATS client connection, enough for JetStream publishing and API requests: CONNECT, one
/// wildcard SUB on a private inbox, and requests as <c>PUB &lt;subject&gt; &lt;inbox&gt;.&lt;n&gt; &lt;bytes&gt;</c> whose
/// answers come back as MSG on <c>&lt;inbox&gt;.&lt;n&gt;</c> — so any number can be outstanding (pipelining), each
/// matched by its own reply subject. Each request is written whole with one write under a lock, with
/// TCP_NODELAY, as Wiber.Client does, so the two clients cost about the same per message.
/// </summary>
internal sealed class NatsConnection : IAsyncDisposable
{
    private readonly TcpClient _tcp;
    private readonly NetworkStream _stream;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly ConcurrentDictionary<long, TaskCompletionSource<byte[]>> _pending = new();
    private readonly CancellationTokenSource _closing = new();
    private readonly string _inbox;
    private readonly byte[] _inboxPrefix;
    private Task _readLoop = Task.CompletedTask;
    private long _next;
    private volatile string? _failure;

    private NatsConnection(TcpClient tcp)
    {
        _tcp = tcp;
        _stream = tcp.GetStream();   // connected already
        _inbox = "_INBOX." + Guid.NewGuid().ToString("N");
        _inboxPrefix = Encoding.ASCII.GetBytes(_inbox + ".");
    }

    /// <summary>The server's INFO (as JSON text).</summary>
    public string ServerInfo { get; private set; } = "{}";

    /// <summary>The server's version from INFO, e.g. 2.9.10.</summary>
    public string? ServerVersion { get; private set; }

    public static async Task<NatsConnection> ConnectAsync(string server, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var address = ServerAddress.Parse(server, "--servers");
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timer.CancelAfter(timeout);
        var tcp = new TcpClient { NoDelay = true };
        try
        {
            await tcp.ConnectAsync(address.Host, address.Port, timer.Token).ConfigureAwait(false);
        }
        catch
        {
            tcp.Dispose();
            throw;
        }

        var connection = new NatsConnection(tcp);
        try
        {
            await connection.HandshakeAsync(timer.Token).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private async Task HandshakeAsync(CancellationToken cancellationToken)
    {
        // The server speaks first: INFO. Read it synchronously here, then hand the stream to the read loop.
        var buffer = new byte[NatsParser.MaxControlLine];
        var filled = 0;
        NatsOp? info = null;
        var consumed = 0;
        while (info is null)
        {
            var read = await _stream.ReadAsync(buffer.AsMemory(filled), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                throw new IOException("the NATS server closed the connection before INFO");
            }

            filled += read;
            if (NatsParser.TryParse(buffer.AsSpan(0, filled), out info, out consumed) && info!.Kind != NatsOpKind.Info)
            {
                throw new NatsProtocolException($"expected INFO first, got {info.Kind}");
            }
        }

        ServerInfo = info.Text ?? "{}";
        try
        {
            using var document = JsonDocument.Parse(ServerInfo);
            ServerVersion = document.RootElement.TryGetProperty("version", out var v) ? v.GetString() : null;
        }
        catch (JsonException)
        {
            ServerVersion = null;
        }

        var connect = """CONNECT {"verbose":false,"pedantic":false,"headers":false,"no_responders":false,"name":"wiber-bench","lang":"csharp","version":"1","protocol":1}""" + "\r\n"
            + $"SUB {_inbox}.* 1\r\nPING\r\n";
        await _stream.WriteAsync(Encoding.ASCII.GetBytes(connect), cancellationToken).ConfigureAwait(false);
        var pong = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var leftover = buffer.AsSpan(consumed, filled - consumed).ToArray();
        _readLoop = Task.Run(() => ReadLoopAsync(leftover, pong));
        await pong.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Sends <paramref name="payload"/> to <paramref name="subject"/> with a reply subject of its own and waits for
    /// the answer (JetStream's acknowledgement, or an API response). The payload is copied before this returns
    /// its task, so the caller may reuse its buffer at once.
    /// </summary>
    public Task<byte[]> RequestAsync(string subject, ReadOnlySpan<byte> payload, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var id = Interlocked.Increment(ref _next);
        var header = Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"PUB {subject} {_inbox}.{id} {payload.Length}\r\n"));
        var frame = new byte[header.Length + payload.Length + 2];
        header.CopyTo(frame, 0);
        payload.CopyTo(frame.AsSpan(header.Length));
        frame[^2] = (byte)'\r';
        frame[^1] = (byte)'\n';
        return SendAndWaitAsync(id, frame, timeout, cancellationToken);
    }

    private async Task<byte[]> SendAndWaitAsync(long id, byte[] frame, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (_failure is { } failure)
        {
            throw new IOException(failure);
        }

        var reply = new TaskCompletionSource<byte[]>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = reply;
        try
        {
            await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                await _stream.WriteAsync(frame, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                _writeLock.Release();
            }

            return await reply.Task.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"no answer within {timeout.TotalMilliseconds:0} ms");
        }
        finally
        {
            _pending.TryRemove(id, out _);
        }
    }

    private async Task ReadLoopAsync(byte[] leftover, TaskCompletionSource pong)
    {
        var buffer = new byte[256 * 1024];
        leftover.CopyTo(buffer, 0);
        var filled = leftover.Length;
        try
        {
            while (true)
            {
                var start = 0;
                while (NatsParser.TryParse(buffer.AsSpan(start, filled - start), out var op, out var consumed))
                {
                    start += consumed;
                    await HandleAsync(op!, pong).ConfigureAwait(false);
                }

                if (start > 0)
                {
                    Buffer.BlockCopy(buffer, start, buffer, 0, filled - start);
                    filled -= start;
                }

                if (filled == buffer.Length)
                {
                    Array.Resize(ref buffer, buffer.Length * 2);
                }

                var read = await _stream.ReadAsync(buffer.AsMemory(filled), _closing.Token).ConfigureAwait(false);
                if (read == 0)
                {
                    Fail("the NATS server closed the connection", pong);
                    return;
                }

                filled += read;
            }
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException or OperationCanceledException or NatsProtocolException)
        {
            Fail(ex is OperationCanceledException ? "connection closed" : ex.Message, pong);
        }
    }

    private async Task HandleAsync(NatsOp op, TaskCompletionSource pong)
    {
        switch (op.Kind)
        {
            case NatsOpKind.Msg:
                var subject = Encoding.ASCII.GetBytes(op.Subject!);
                if (subject.AsSpan().StartsWith(_inboxPrefix) && JetStreamAck.TryParseSuffix(subject.AsSpan(_inboxPrefix.Length), out var id)
                    && _pending.TryGetValue(id, out var waiter))
                {
                    waiter.TrySetResult(op.Payload ?? []);
                }

                break;
            case NatsOpKind.Ping:
                await _writeLock.WaitAsync().ConfigureAwait(false);
                try
                {
                    await _stream.WriteAsync("PONG\r\n"u8.ToArray()).ConfigureAwait(false);
                }
                finally
                {
                    _writeLock.Release();
                }

                break;
            case NatsOpKind.Pong:
                pong.TrySetResult();
                break;
            case NatsOpKind.Err:
                // Most -ERR close the connection; the read loop then fails every waiter with this text.
                _failure = "NATS server error: " + op.Text;
                pong.TrySetException(new IOException(_failure));
                break;
            default:
                break;
        }
    }

    private void Fail(string reason, TaskCompletionSource pong)
    {
        _failure ??= reason;
        pong.TrySetException(new IOException(_failure));
        foreach (var (_, waiter) in _pending)
        {
            waiter.TrySetException(new IOException(_failure));
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _closing.CancelAsync().ConfigureAwait(false);
        _tcp.Dispose();
        try
        {
            await _readLoop.ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException)
        {
            // closing
        }

        _closing.Dispose();
        _writeLock.Dispose();
    }
}
