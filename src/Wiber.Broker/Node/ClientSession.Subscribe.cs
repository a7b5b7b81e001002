using Microsoft.Extensions.Logging;
using Wiber.Broker.Protocol;
using Wiber.Broker.StateMachine;

namespace Wiber.Broker.Node;

internal sealed partial class ClientSession
{
    private const int DeliveryBatch = 256;

    private async Task<Reply> SubscribeAsync(SubscribeRequest request)
    {
        if (request.Group is not null || request.Start is not SubscribeStart.AtOffset)
        {
            // A start that depends on the topic's current head (last=N, from=new, a group's latest ack) must
            // see everything committed before the SUB, perhaps through another node a moment ago: a ReadIndex
            // barrier (served through the leader, even from a follower) makes this node apply it first. So a
            // client that publishes and then subscribes with last=N sees its own message on any node. A
            // from=<offset> start (what a resuming client sends) needs no barrier. Without a leader, the local
            // state is the best there is.
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Closing);
            timeout.CancelAfter(TimeSpan.FromSeconds(2));
            try
            {
                await _context.Host.ReadIndexAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!Closing.IsCancellationRequested)
            {
            }
        }
        return Subscribe(request);
    }

    private Reply Subscribe(SubscribeRequest request)
    {
        // SUB runs after earlier writes complete, UNSUB on the read loop: the map is shared.
        lock (_subscriptions)
        {
            if (_subscriptions.ContainsKey(request.Topic))
            {
                return Error(ErrorCode.BadArgument, $"already subscribed to {request.Topic}");
            }
            if (_subscriptions.Count >= _context.Limits.MaxSubscriptionsPerConnection)
            {
                return Error(ErrorCode.TooManySubscriptions, $"at most {_context.Limits.MaxSubscriptionsPerConnection} subscriptions per connection");
            }
            return StartSubscription(request);
        }
    }

    private Reply StartSubscription(SubscribeRequest request)
    {
        var state = _context.Machine.State;
        var head = state.Last(request.Topic, 0);
        var first = head.Status == ReadStatus.TopicNotFound ? 0 : head.StartOffset;
        var next = head.Status == ReadStatus.TopicNotFound ? 0 : head.NextOffset;
        var start = request.Start switch
        {
            SubscribeStart.AtOffset at => Math.Max(at.Offset, first),
            SubscribeStart.LastMessages last => Math.Max(first, next - last.Count),
            _ when request.Group is { } g && state.GetGroupOffset(g, request.Topic) is { } acked => Math.Max(acked + 1, first),
            _ => next,
        };
        var subscription = new Subscription(request.Topic, request.Group, start);
        _subscriptions[request.Topic] = subscription;
        return new Reply(
            o => ReplyWriter.WriteSubscribed(o, request.Topic, start),
            AfterWrite: () => subscription.Delivery = Task.Run(() => DeliverAsync(subscription, request.Format)));
    }

    private Reply Unsubscribe(UnsubscribeRequest request)
    {
        Subscription? subscription;
        lock (_subscriptions)
        {
            if (!_subscriptions.Remove(request.Topic, out subscription))
            {
                return Error(ErrorCode.BadArgument, $"not subscribed to {request.Topic}");
            }
        }
        subscription.Stop();
        return Reply.Of(o => ReplyWriter.WriteUnsubscribed(o, request.Topic));
    }

    /// <summary>
    /// Pulls committed messages from the state at the subscriber's own offset and writes them, waiting on the
    /// topic's signal when caught up. Nothing is queued per subscriber; a subscriber that cannot keep up —
    /// falls more than the buffer behind, behind retention, or does not read for the slow-consumer timeout —
    /// gets ERR SLOW_CONSUMER and is disconnected.
    /// </summary>
    private async Task DeliverAsync(Subscription subscription, DeliveryFormat format)
    {
        _context.Counters.SubscriberAdded();
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(Closing, subscription.Stopping);
        var stopping = linked.Token;
        var caughtUp = false;
        try
        {
            while (!stopping.IsCancellationRequested)
            {
                var changed = _context.Signals.NextChange(subscription.Topic);
                var state = _context.Machine.State;
                var batch = state.Read(subscription.Topic, subscription.NextOffset, DeliveryBatch);
                if (batch.Status == ReadStatus.TopicNotFound || batch.Messages.Count == 0)
                {
                    if (batch.StartOffset > subscription.NextOffset && batch.Status != ReadStatus.TopicNotFound)
                    {
                        await DropSlowConsumerAsync(subscription, $"messages from offset {subscription.NextOffset} were removed by retention").ConfigureAwait(false);
                        return;
                    }
                    caughtUp = true;
                    await changed.WaitAsync(stopping).ConfigureAwait(false);
                    continue;
                }
                if (batch.Messages[0].Offset != subscription.NextOffset)
                {
                    await DropSlowConsumerAsync(subscription, $"fell behind retention: next offset {subscription.NextOffset}, oldest kept {batch.Messages[0].Offset}").ConfigureAwait(false);
                    return;
                }
                if (caughtUp && batch.NextOffset - subscription.NextOffset > _context.Limits.SubscriberBuffer)
                {
                    await DropSlowConsumerAsync(subscription, $"more than {_context.Limits.SubscriberBuffer} messages behind").ConfigureAwait(false);
                    return;
                }
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stopping);
                timeout.CancelAfter(_context.Limits.SlowConsumerTimeout);
                try
                {
                    await WriteAsync(o =>
                    {
                        foreach (var m in batch.Messages)
                        {
                            ReplyWriter.WriteMessage(o, ToDelivered(m), format);
                        }
                    }, flush: true, timeout.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!stopping.IsCancellationRequested)
                {
                    await DropSlowConsumerAsync(subscription, $"did not read for {_context.Limits.SlowConsumerTimeout.TotalSeconds:0.#} s").ConfigureAwait(false);
                    return;
                }
                subscription.NextOffset = batch.Messages[^1].Offset + 1;
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or ObjectDisposedException or InvalidOperationException)
        {
        }
        finally
        {
            _context.Counters.SubscriberRemoved();
        }
    }

    private async Task DropSlowConsumerAsync(Subscription subscription, string why)
    {
        _context.Counters.SlowConsumerDropped();
        _logger.LogInformation("dropping slow consumer of {Topic}: {Why}", subscription.Topic, why);
        try
        {
            // The socket may be the very thing that is stuck: write the error without waiting long for it.
            using var brief = new CancellationTokenSource(TimeSpan.FromSeconds(1));
            await WriteAsync(o => ReplyWriter.WriteError(o, ErrorCode.SlowConsumer, $"{subscription.Topic}: {why}"), flush: true, brief.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or ObjectDisposedException or InvalidOperationException)
        {
        }
        await _closing.CancelAsync().ConfigureAwait(false);
        _socket.Close();
    }

    internal static DeliveredMessage ToDelivered(StoredMessage m) => new(
        m.Topic, m.Offset, HybridTimestamp.UnixMs(m.LeaderTimestamp), (int)HybridTimestamp.Logical(m.LeaderTimestamp),
        m.ProducerTimeMs == 0 ? null : m.ProducerTimeMs, m.Payload);
}
