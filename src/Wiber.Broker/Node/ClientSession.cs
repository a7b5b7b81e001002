using System.Buffers;
using System.IO.Pipelines;
using System.Net.Sockets;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Wiber.Broker.Protocol;

namespace Wiber.Broker.Node;

/// <summary>
/// One client connection. A read loop parses requests and starts each one; a write loop writes their
/// replies strictly in request order, so many publishes can be in flight (pipelined) while replies keep
/// their order. Subscriptions write MSG lines under the same write lock. Split by command family into
/// partial files.
/// </summary>
internal sealed partial class ClientSession : IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly BrokerContext _context;
    private readonly ILogger _logger;
    private readonly NetworkStream _stream;
    private readonly PipeReader _input;
    private readonly PipeWriter _output;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly Channel<Task<Reply>> _replies;
    private readonly CancellationTokenSource _closing = new();
    private readonly Dictionary<string, Subscription> _subscriptions = new(StringComparer.Ordinal);

    public ClientSession(Socket socket, BrokerContext context)
    {
        _socket = socket;
        _context = context;
        _logger = context.LoggerFactory.CreateLogger<ClientSession>();
        _stream = new NetworkStream(socket, ownsSocket: true);
        _input = PipeReader.Create(_stream, new StreamPipeReaderOptions(bufferSize: 16 * 1024));
        _output = PipeWriter.Create(_stream, new StreamPipeWriterOptions(minimumBufferSize: 16 * 1024));
        _replies = Channel.CreateBounded<Task<Reply>>(new BoundedChannelOptions(context.Limits.MaxPipelined)
        {
            SingleReader = true,
            SingleWriter = true,
        });
    }

    private CancellationToken Closing => _closing.Token;

    public async Task RunAsync()
    {
        var writer = Task.Run(WriteRepliesAsync);
        try
        {
            await ReadRequestsAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // A client going away mid-request is normal.
        }
        _replies.Writer.TryComplete();
        await writer.ConfigureAwait(false);
    }

    private async Task ReadRequestsAsync()
    {
        var reader = new ProtocolReader(_context.Limits.Protocol);
        while (!Closing.IsCancellationRequested)
        {
            var read = await _input.ReadAsync(Closing).ConfigureAwait(false);
            var buffer = read.Buffer;
            while (true)
            {
                var result = reader.Read(ref buffer);
                if (result.Status == ProtocolReadStatus.NeedMoreData)
                {
                    break;
                }
                Task<Reply> reply;
                var close = false;
                if (result.Error is { } error)
                {
                    reply = Task.FromResult(new Reply(o => ReplyWriter.WriteError(o, error), Close: error.MustClose));
                    close = error.MustClose;
                }
                else
                {
                    close = result.Request is QuitRequest;
                    reply = StartRequest(result.Request!);
                }
                await _replies.Writer.WriteAsync(reply, Closing).ConfigureAwait(false);
                if (close)
                {
                    _input.AdvanceTo(buffer.Start, buffer.End);
                    return;
                }
            }
            _input.AdvanceTo(buffer.Start, buffer.End);
            if (read.IsCompleted)
            {
                return;
            }
        }
    }

    private async Task WriteRepliesAsync()
    {
        try
        {
            await foreach (var pending in _replies.Reader.ReadAllAsync().ConfigureAwait(false))
            {
                Reply reply;
                try
                {
                    reply = await pending.ConfigureAwait(false);
                }
#pragma warning disable CA1031 // A request's own failure becomes an ERR INTERNAL, never a dead connection.
                catch (Exception ex)
#pragma warning restore CA1031
                {
                    _logger.LogWarning(ex, "request failed");
                    reply = Reply.Of(o => ReplyWriter.WriteError(o, ErrorCode.Internal, ex.Message));
                }
                await WriteAsync(reply.Write, flush: _replies.Reader.Count == 0).ConfigureAwait(false);
                reply.AfterWrite?.Invoke();
                if (reply.Close)
                {
                    await FlushAsync().ConfigureAwait(false);
                    await _closing.CancelAsync().ConfigureAwait(false);
                    return;
                }
            }
            await FlushAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException or InvalidOperationException)
        {
        }
        finally
        {
            await _closing.CancelAsync().ConfigureAwait(false);
            _socket.Close();
        }
    }

    /// <summary>Writes under the lock; flushing when asked (batches of pipelined replies flush once).</summary>
    private async ValueTask WriteAsync(Action<IBufferWriter<byte>> write, bool flush, CancellationToken cancellationToken = default)
    {
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            write(_output);
            if (flush)
            {
                await _output.FlushAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private ValueTask FlushAsync() => WriteAsync(static _ => { }, flush: true);

    // The newest write (publish, create, ack) started on this connection. Reads wait for it, so a client
    // always reads its own writes even when it pipelines them.
    private Task _lastWrite = Task.CompletedTask;

    private Task<Reply> StartRequest(Request request)
    {
        switch (request)
        {
            case PublishRequest or CreateTopicRequest or DeleteTopicRequest or AckRequest:
                var write = request switch
                {
                    PublishRequest publish => PublishAsync(publish),
                    CreateTopicRequest create => CreateTopicAsync(create),
                    DeleteTopicRequest delete => DeleteTopicAsync(delete),
                    _ => AckAsync((AckRequest)request),
                };
                _lastWrite = write;
                return write;
            case PingRequest ping:
                return Task.FromResult(Reply.Of(o => ReplyWriter.WritePong(o, ping.Echo)));
            case QuitRequest:
                return Task.FromResult(new Reply(ReplyWriter.WriteBye, Close: true));
            case UnsubscribeRequest unsubscribe:
                return Task.FromResult(Unsubscribe(unsubscribe));
            default:
                return AfterWritesAsync(request, _lastWrite);
        }
    }

    private async Task<Reply> AfterWritesAsync(Request request, Task previousWrite)
    {
        await previousWrite.ContinueWith(static _ => { }, TaskScheduler.Default).ConfigureAwait(false);
        return request switch
        {
            SubscribeRequest subscribe => await SubscribeAsync(subscribe).ConfigureAwait(false),
            HistoryRequest history => await HistoryAsync(history).ConfigureAwait(false),
            StatusRequest => Status(),
            TopicsRequest => Topics(),
            _ => Reply.Of(o => ReplyWriter.WriteError(o, ErrorCode.BadCommand, "unsupported request")),
        };
    }

    /// <summary>Ends the session from outside (node shutting down): its loops see the socket close.</summary>
    public void Abort()
    {
        try
        {
            _closing.Cancel();
        }
        catch (ObjectDisposedException)
        {
        }
        _socket.Close();
    }

    public async ValueTask DisposeAsync()
    {
        await _closing.CancelAsync().ConfigureAwait(false);
        lock (_subscriptions)
        {
            foreach (var subscription in _subscriptions.Values)
            {
                subscription.Stop();
            }
        }
        try
        {
            await _input.CompleteAsync().ConfigureAwait(false);
            // Completing flushes what is buffered; the peer may be long gone, which is fine.
            await _output.CompleteAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException or InvalidOperationException)
        {
        }
        await _stream.DisposeAsync().ConfigureAwait(false);
        _closing.Dispose();
        _writeLock.Dispose();
        await (_forwarder?.DisposeAsync() ?? ValueTask.CompletedTask).ConfigureAwait(false);
    }
}
