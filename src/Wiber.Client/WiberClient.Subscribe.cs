using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Wiber.Client.Internal;

namespace Wiber.Client;

public sealed partial class WiberClient
{
    /// <summary>Messages buffered per subscription; a consumer further behind loses the connection and resumes later.</summary>
    internal const int SubscriptionBuffer = 1024;

    /// <summary>
    /// Follows a topic. On connection loss (node killed, SLOW_CONSUMER, buffer full) it reconnects to any
    /// server and resubscribes with <c>from=&lt;last delivered offset + 1&gt;</c>, so the sequence has no gap
    /// and no duplicate. Throws <see cref="WiberUnavailableException"/> when no server takes the
    /// subscription within the failover deadline, <see cref="WiberServerException"/> on a final refusal.
    /// </summary>
    public async IAsyncEnumerable<ReceivedMessage> SubscribeAsync(
        string topic,
        SubscribeFrom? from = null,
        string? group = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        Wire.CheckName(topic, nameof(topic));
        if (group is not null)
        {
            Wire.CheckName(group, nameof(group));
        }

        var session = new Subscription(this, topic, from ?? SubscribeFrom.Default, group);
        try
        {
            while (true)
            {
                yield return await session.NextAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            await session.DisposeAsync().ConfigureAwait(false);
        }
    }

    private sealed class Subscription(WiberClient client, string topic, SubscribeFrom from, string? group) : IAsyncDisposable
    {
        private Connection? _connection;
        private Channel<Frame>? _channel;
        private long? _next;
        private int _serverIndex;

        /// <summary>The server the subscription is on now (for tests and diagnostics).</summary>
        public ServerAddress? Server => _connection?.Address;

        public async Task<ReceivedMessage> NextAsync(CancellationToken cancellationToken)
        {
            while (true)
            {
                if (_connection is null || _channel is null)
                {
                    await SubscribeAnywhereAsync(cancellationToken).ConfigureAwait(false);
                }

                var reader = _channel!.Reader;
                if (reader.TryRead(out var frame) || (await reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false) && reader.TryRead(out frame)))
                {
                    var message = frame.ToMessage();
                    if (message.Topic != topic || (_next is { } next && message.Offset < next))
                    {
                        continue;
                    }

                    _next = message.Offset + 1;
                    return message;
                }

                // The connection ended and every frame it delivered has been read: resume elsewhere.
                await DropAsync().ConfigureAwait(false);
            }
        }

        private async Task SubscribeAnywhereAsync(CancellationToken cancellationToken)
        {
            var started = Stopwatch.GetTimestamp();
            string? lastError = null;
            for (var attempt = 1; ; attempt++)
            {
                var address = client._servers[_serverIndex % client._servers.Length];
                var channel = Channel.CreateBounded<Frame>(new BoundedChannelOptions(SubscriptionBuffer) { SingleReader = true, SingleWriter = true });
                Connection? connection = null;
                Connection? self = null;
                try
                {
                    connection = await Connection.ConnectAsync(
                        address,
                        client._options.ConnectTimeout,
                        cancellationToken,
                        frame =>
                        {
                            if (!channel.Writer.TryWrite(frame))
                            {
                                self?.Kill("the client's subscription buffer is full; resuming later");
                            }
                        }).ConfigureAwait(false);
                    self = connection;
                    var start = _next is { } next ? SubscribeFrom.Offset(next) : from;
                    var reply = await connection.RequestLineAsync(Wire.Subscribe(topic, start, group), client._options.RequestTimeout, cancellationToken).ConfigureAwait(false);
                    if (reply.IsError)
                    {
                        var (code, text) = reply.Error();
                        var final = code is "BAD_ARGUMENT" or "BAD_COMMAND" or "TOO_MANY_SUBSCRIPTIONS" || (code == "UNKNOWN_TOPIC" && _next is null);
                        if (final)
                        {
                            throw new WiberServerException(code, text, reply.Line);
                        }

                        throw new ConnectionLostException(reply.Line, maybeDelivered: false);
                    }

                    var parts = reply.Line.Split(' ');
                    if (parts.Length != 4 || parts[0] != "OK" || parts[3] != "subscribed" || !long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var first))
                    {
                        throw new ConnectionLostException("unexpected SUB reply '" + Frame.Truncate(reply.Line) + "'", maybeDelivered: false);
                    }

                    _next ??= first;
                    var subscribed = connection;
                    _ = subscribed.Completion.ContinueWith(_ => channel.Writer.TryComplete(), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
                    _connection = subscribed;
                    _channel = channel;
                    connection = null;
                    return;
                }
                catch (ConnectionLostException ex)
                {
                    lastError = $"{address}: {ex.Message}";
                    _serverIndex++;
                }
                finally
                {
                    if (connection is not null)
                    {
                        await connection.DisposeAsync().ConfigureAwait(false);
                    }
                }

                var remaining = client._options.FailoverDeadline - Stopwatch.GetElapsedTime(started);
                if (remaining <= TimeSpan.Zero)
                {
                    throw new WiberUnavailableException($"could not subscribe to '{topic}' on any of [{string.Join(", ", client._servers)}] within {client._options.FailoverDeadline}: {lastError}");
                }

                await Task.Delay(Backoff(attempt, remaining), cancellationToken).ConfigureAwait(false);
            }
        }

        private async Task DropAsync()
        {
            if (_connection is { } connection)
            {
                _connection = null;
                _channel = null;
                _serverIndex++;
                await connection.DisposeAsync().ConfigureAwait(false);
            }
        }

        public async ValueTask DisposeAsync() => await DropAsync().ConfigureAwait(false);
    }
}
