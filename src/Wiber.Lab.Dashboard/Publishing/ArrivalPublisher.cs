using System.Diagnostics;
using Wiber.Client;
using Wiber.Lab.Dashboard.Live;
using Wiber.Lab.Dashboard.Requests;
using Wiber.Lab.State;

namespace Wiber.Lab.Dashboard.Publishing;

/// <summary>
/// Publishes a message through the lab's client proxies (the client finds the leader, as <c>wiber pub</c>
/// does), then watches every node for it: a subscription pinned to each node's own client proxy, starting at
/// the message's offset, so the tick means "this node has it", not "the leader has it". A node that is down,
/// paused or cut off ticks when it comes back and catches up, if that happens within the wait.
/// </summary>
public sealed class ArrivalPublisher(LabDirectory directory, LiveHub hub)
{
    private static readonly TimeSpan PublishDeadline = TimeSpan.FromSeconds(5);

    public async Task<PublishView> PublishAsync(PublishRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var state = directory.Load();
        var options = new WiberClientOptions
        {
            Servers = state.ClientServers,
            ConnectTimeout = TimeSpan.FromSeconds(1),
            RequestTimeout = TimeSpan.FromSeconds(3),
            FailoverDeadline = PublishDeadline,
        };
        var started = Stopwatch.GetTimestamp();
        PublishResult[] results;
        await using (var client = WiberClient.CreateUnconnected(options))
        {
            results = await Task.WhenAll(Enumerable.Range(1, request.Count).Select(i =>
                client.PublishAsync(request.Topic, request.MessageText(i), request.MessageId(i), cancellationToken))).ConfigureAwait(false);
        }

        var acknowledged = Stopwatch.GetTimestamp();
        var seconds = Math.Round(Stopwatch.GetElapsedTime(started, acknowledged).TotalSeconds, 3);
        var failed = results.FirstOrDefault(r => r.Outcome != PublishOutcome.Ok);
        var result = failed ?? results.MaxBy(r => r.Offset)!;
        IReadOnlyList<ArrivalView> arrivals = [];
        if (failed is null && result.Offset is { } offset && request.Wait > TimeSpan.Zero)
        {
            var watching = Task.WhenAll(state.Nodes.Select(n => WatchAsync(n, result, offset, request.Wait, acknowledged, cancellationToken)));
            if (request.Background)
            {
                // Bounded by the wait, ended by a server stop; each node's outcome goes out as an 'arrival' event.
                _ = watching.ContinueWith(t => t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            }
            else
            {
                arrivals = await watching.ConfigureAwait(false);
            }
        }

        return new PublishView(
            result.Outcome.ToString().ToLowerInvariant(),
            result.Topic,
            result.Offset,
            result.Duplicate,
            result.MessageId,
            result.Attempts,
            result.Error,
            request.Count,
            results.Count(r => r.Outcome == PublishOutcome.Ok),
            seconds,
            arrivals);
    }

    private async Task<ArrivalView> WatchAsync(LabNode node, PublishResult published, long offset, TimeSpan wait, long acknowledged, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(wait);
        ArrivalView view;
        try
        {
            var options = new WiberClientOptions
            {
                Servers = [$"{node.Host}:{node.ClientProxyPort}"],
                ConnectTimeout = TimeSpan.FromSeconds(1),
                RequestTimeout = TimeSpan.FromSeconds(3),
                FailoverDeadline = wait,
            };
            await using var client = WiberClient.CreateUnconnected(options);
            view = new ArrivalView(node.Id, false, null, $"not seen within {wait.TotalSeconds:0.#} s");
            await foreach (var message in client.SubscribeAsync(published.Topic, SubscribeFrom.Offset(offset), cancellationToken: deadline.Token).ConfigureAwait(false))
            {
                if (message.Offset >= offset)
                {
                    view = new ArrivalView(node.Id, true, Math.Round(Stopwatch.GetElapsedTime(acknowledged).TotalMilliseconds, 1), null);
                    break;
                }
            }
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            view = new ArrivalView(node.Id, false, null, $"not seen within {wait.TotalSeconds:0.#} s");
        }
        catch (WiberException ex)
        {
            view = new ArrivalView(node.Id, false, null, ex.Message.ReplaceLineEndings(" "));
        }
        catch (OperationCanceledException)
        {
            return new ArrivalView(node.Id, false, null, "the dashboard stopped");
        }

        hub.Broadcast("arrival", new ArrivalEvent(published.MessageId, published.Topic, offset, node.Id, view.Arrived, view.AfterMs, view.Error));
        return view;
    }
}
