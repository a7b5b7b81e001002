using System.Net.Sockets;

namespace Wiber.Client.Internal;

/// <summary>The connection failed; <see cref="MaybeDelivered"/> says whether the request could have reached the node.</summary>
internal sealed class ConnectionLostException(string message, bool maybeDelivered, Exception? inner = null) : WiberException(message, inner)
{
    public bool MaybeDelivered { get; } = maybeDelivered;
}

/// <summary>Collects the frames of one reply; <see cref="OnFrame"/> returns true when the reply is complete.</summary>
internal abstract class PendingReply
{
    public abstract bool OnFrame(Frame frame);

    public abstract void Fail(Exception error);
}

/// <summary>A reply of exactly one line.</summary>
internal sealed class SingleLineReply : PendingReply
{
    private readonly TaskCompletionSource<Frame> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<Frame> Task => _done.Task;

    public override bool OnFrame(Frame frame)
    {
        _done.TrySetResult(frame);
        return true;
    }

    public override void Fail(Exception error) => _done.TrySetException(error);
}

/// <summary>A multi-line reply that ends with a line for which <c>isLast</c> holds (or an ERR line).</summary>
internal sealed class MultiLineReply(Func<Frame, bool> isLast) : PendingReply
{
    private readonly TaskCompletionSource<List<Frame>> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<Frame> _frames = [];

    public Task<List<Frame>> Task => _done.Task;

    public override bool OnFrame(Frame frame)
    {
        _frames.Add(frame);
        if (frame.IsError || isLast(frame))
        {
            _done.TrySetResult(_frames);
            return true;
        }

        return false;
    }

    public override void Fail(Exception error) => _done.TrySetException(error);
}

/// <summary>
/// One TCP connection with pipelined requests: replies are matched to requests in order. MSG lines (which a
/// subscription may interleave) go to <see cref="Deliveries"/> when set, otherwise are dropped. When the
/// connection fails every pending reply fails with <see cref="ConnectionLostException"/>.
/// </summary>
internal sealed class Connection : IAsyncDisposable
{
    private readonly TcpClient _tcp;
    private readonly NetworkStream _stream;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly Queue<PendingReply> _pending = new();
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _closing = new();
    private readonly Task _readLoop;
    private bool _dead;

    private Connection(ServerAddress address, TcpClient tcp, Action<Frame>? deliveries)
    {
        Address = address;
        _tcp = tcp;
        _stream = tcp.GetStream();
        Deliveries = deliveries;
        _readLoop = Task.Run(ReadLoopAsync);
    }

    public ServerAddress Address { get; }

    public Action<Frame>? Deliveries { get; }

    /// <summary>Completes when the connection has stopped reading (every delivery before it has been handed over).</summary>
    public Task Completion => _readLoop;

    public bool IsAlive
    {
        get
        {
            lock (_gate)
            {
                return !_dead;
            }
        }
    }

    /// <summary>Why the connection died (the first cause), once it has.</summary>
    public string? CloseReason { get; private set; }

    public static async Task<Connection> ConnectAsync(ServerAddress address, TimeSpan timeout, CancellationToken cancellationToken, Action<Frame>? deliveries = null)
    {
        var tcp = new TcpClient { NoDelay = true };
        try
        {
            using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timer.CancelAfter(timeout);
            try
            {
                await tcp.ConnectAsync(address.Host, address.Port, timer.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new ConnectionLostException($"connecting to {address} timed out after {timeout.TotalMilliseconds:0} ms", maybeDelivered: false);
            }
            catch (SocketException ex)
            {
                throw new ConnectionLostException($"connecting to {address} failed: {ex.Message}", maybeDelivered: false, ex);
            }

            return new Connection(address, tcp, deliveries);
        }
        catch
        {
            tcp.Dispose();
            throw;
        }
    }

    /// <summary>Sends one request and registers its reply collector, in the order of sending.</summary>
    public async Task SendAsync(ReadOnlyMemory<byte> request, PendingReply reply, CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            lock (_gate)
            {
                if (_dead)
                {
                    throw new ConnectionLostException($"connection to {Address} is closed ({CloseReason})", maybeDelivered: false);
                }

                _pending.Enqueue(reply);
            }

            try
            {
                // Not cancellable part-way: a half-written request would corrupt the stream for everyone.
                await _stream.WriteAsync(request, _closing.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
            {
                Kill($"write failed: {ex.Message}");
            }
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>Sends and waits for a single-line reply, abandoning the connection after <paramref name="timeout"/>.</summary>
    public async Task<Frame> RequestLineAsync(ReadOnlyMemory<byte> request, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var reply = new SingleLineReply();
        await SendAsync(request, reply, cancellationToken).ConfigureAwait(false);
        return await WaitAsync(reply.Task, timeout, cancellationToken).ConfigureAwait(false);
    }

    public async Task<List<Frame>> RequestLinesAsync(ReadOnlyMemory<byte> request, Func<Frame, bool> isLast, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var reply = new MultiLineReply(isLast);
        await SendAsync(request, reply, cancellationToken).ConfigureAwait(false);
        return await WaitAsync(reply.Task, timeout, cancellationToken).ConfigureAwait(false);
    }

    public async Task<T> WaitAsync<T>(Task<T> task, TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            return await task.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // Later replies could no longer be matched to their requests: give the connection up.
            Kill($"no answer within {timeout.TotalMilliseconds:0} ms");
            throw new ConnectionLostException($"no answer from {Address} within {timeout.TotalMilliseconds:0} ms", maybeDelivered: true);
        }
    }

    /// <summary>Closes the connection; pending replies fail as possibly delivered.</summary>
    public void Kill(string reason)
    {
        PendingReply[] failed;
        lock (_gate)
        {
            if (_dead)
            {
                return;
            }

            _dead = true;
            CloseReason = reason;
            failed = [.. _pending];
            _pending.Clear();
        }

        _closing.Cancel();
        _tcp.Dispose();
        var error = new ConnectionLostException($"connection to {Address} lost: {reason}", maybeDelivered: true);
        foreach (var reply in failed)
        {
            reply.Fail(error);
        }
    }

    private async Task ReadLoopAsync()
    {
        var reader = new FrameReader(_stream);
        var reason = "closed by the server";
        try
        {
            while (await reader.ReadAsync(_closing.Token).ConfigureAwait(false) is { } frame)
            {
                if (frame.IsDelivery)
                {
                    Deliveries?.Invoke(frame);
                    continue;
                }

                PendingReply? head;
                lock (_gate)
                {
                    _pending.TryPeek(out head);
                }

                if (head is null)
                {
                    // Unsolicited: TOO_MANY_CONNECTIONS or SHUTTING_DOWN before the node closes.
                    reason = "server said: " + Frame.Truncate(frame.Line);
                    continue;
                }

                if (head.OnFrame(frame))
                {
                    lock (_gate)
                    {
                        if (_pending.TryPeek(out var same) && ReferenceEquals(same, head))
                        {
                            _pending.Dequeue();
                        }
                    }
                }
            }
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException or OperationCanceledException or WiberException)
        {
            reason = ex.Message;
        }
        finally
        {
            Kill(reason);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Kill("closed by the client");
        await _readLoop.ConfigureAwait(false);
        _closing.Dispose();
        _writeLock.Dispose();
    }
}
