using System.Diagnostics;
using Wiber.Checker;
using Wiber.Client;
using Wiber.Lab.Admin;
using Wiber.Lab.State;
using ClientOutcome = Wiber.Client.PublishOutcome;
using HistoryOutcome = Wiber.Checker.PublishOutcome;

namespace Wiber.Lab.Workload;

/// <summary>
/// A checkable workload against a lab (Jepsen's shape): producers publish unique ids (the payload is the
/// id) at a steady rate and record every outcome; a subscriber pinned to each node records every delivery;
/// every node's status is polled; at the end every reachable node is read in full. Faults are whatever the
/// lab is doing meanwhile (its event log is merged by <c>wiber lab check</c>).
/// </summary>
public sealed class LabWorkload(LabState state, WorkloadOptions options, HistoryRecorder recorder)
{
    private long _ok;
    private long _failed;
    private long _unknown;

    private static long Now => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

    public async Task<WorkloadResult> RunAsync(string historyPath, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        using var stopReaders = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var readers = state.Nodes.Select(n => SubscribeAsync(n, stopReaders.Token)).Append(PollStatusAsync(stopReaders.Token)).ToList();
        await Task.WhenAll(Enumerable.Range(1, options.Producers).Select(p => ProduceAsync(p, cancellationToken))).ConfigureAwait(false);

        // Let subscribers catch up with the last acknowledged publishes, then read every node in full.
        await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken).ConfigureAwait(false);
        await stopReaders.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(readers).ConfigureAwait(false);
        await Task.WhenAll(state.Nodes.Select(n => FinalReadAsync(n, cancellationToken))).ConfigureAwait(false);
        return new WorkloadResult(historyPath, recorder.Publishes, _ok, _failed, _unknown, recorder.Reads, Math.Round(clock.Elapsed.TotalSeconds, 2));
    }

    private WiberClientOptions ClientOptions(IReadOnlyList<string> servers, TimeSpan deadline) => new()
    {
        Servers = servers,
        ConnectTimeout = TimeSpan.FromSeconds(1),
        RequestTimeout = TimeSpan.FromSeconds(2),
        FailoverDeadline = deadline,
        MaxInFlight = 64,
    };

    private async Task ProduceAsync(int producer, CancellationToken cancellationToken)
    {
        var name = $"p{producer}";
        await using var client = WiberClient.CreateUnconnected(ClientOptions(state.ClientServers, options.PublishDeadline));
        var interval = TimeSpan.FromSeconds(options.Producers / options.Rate);
        var clock = Stopwatch.StartNew();
        var inFlight = new List<Task>();
        for (var n = 1; clock.Elapsed < options.Duration; n++)
        {
            var due = interval * (n - 1);
            if (due > clock.Elapsed)
            {
                await Task.Delay(due - clock.Elapsed, cancellationToken).ConfigureAwait(false);
            }

            inFlight.Add(PublishAsync(client, name, $"{name}-{n}", cancellationToken));
        }

        await Task.WhenAll(inFlight).ConfigureAwait(false);
    }

    private async Task PublishAsync(WiberClient client, string process, string id, CancellationToken cancellationToken)
    {
        var invoked = Now;
        PublishResult result;
        try
        {
            result = await client.PublishAsync(options.Topic, id, id, cancellationToken).ConfigureAwait(false);
        }
        catch (WiberException ex)
        {
            // Only reached when the client cannot even say whether it sent: record it as unknown, never as failed.
            result = new PublishResult(ClientOutcome.Unknown, options.Topic, null, false, id, ex.Message);
        }

        var outcome = result.Outcome switch
        {
            ClientOutcome.Ok => HistoryOutcome.Ok,
            ClientOutcome.Failed => HistoryOutcome.Failed,
            _ => HistoryOutcome.Unknown,
        };
        Interlocked.Increment(ref outcome == HistoryOutcome.Ok ? ref _ok : ref outcome == HistoryOutcome.Failed ? ref _failed : ref _unknown);
        recorder.Record(new PublishRecord(process, options.Topic, id, invoked, Math.Max(invoked, Now), outcome, result.Offset, result.Error));
    }

    /// <summary>
    /// One subscriber per node, pinned to it. The client resumes after the last delivered offset itself; if
    /// the node stays away longer than the client's deadline, a new scan starts where the last one stopped.
    /// </summary>
    private async Task SubscribeAsync(LabNode node, CancellationToken cancellationToken)
    {
        long next = 0;
        for (var session = 1; !cancellationToken.IsCancellationRequested; session++)
        {
            var scan = $"sub-{node.Id}-{session}";
            try
            {
                await using var client = WiberClient.CreateUnconnected(ClientOptions([$"{node.Host}:{node.ClientProxyPort}"], TimeSpan.FromSeconds(3)));
                await foreach (var message in client.SubscribeAsync(options.Topic, SubscribeFrom.Offset(next), null, cancellationToken).ConfigureAwait(false))
                {
                    recorder.Record(new ReadRecord(node.Id, options.Topic, message.Offset, message.Text, Now, scan));
                    next = message.Offset + 1;
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (WiberException)
            {
                await Task.Delay(200, CancellationToken.None).ConfigureAwait(false);   // the node is down or cut off: try again
            }
        }
    }

    private async Task PollStatusAsync(CancellationToken cancellationToken)
    {
        using var admin = new NodeAdmin();
        using var timer = new PeriodicTimer(options.StatusInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                var polls = await Task.WhenAll(state.Nodes.Select(async n => (n.Id, Status: await admin.StatusAsync(n.Host, n.AdminPort, cancellationToken).ConfigureAwait(false)))).ConfigureAwait(false);
                foreach (var (id, status) in polls)
                {
                    if (status is not null)
                    {
                        recorder.Record(new StatusRecord(id, Now, Role(status.Role), status.Term, status.CommitIndex, status.Leader));
                    }
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The workload is over.
        }
    }

    private static NodeRole Role(string role) => role switch
    {
        "leader" => NodeRole.Leader,
        "follower" => NodeRole.Follower,
        "candidate" or "precandidate" => NodeRole.Candidate,
        _ => NodeRole.Unknown,
    };

    /// <summary>Everything the node has, page by page from offset 0 (its own state, not the leader's).</summary>
    private async Task FinalReadAsync(LabNode node, CancellationToken cancellationToken)
    {
        var scan = $"final-{node.Id}";
        try
        {
            await using var client = WiberClient.CreateUnconnected(ClientOptions([$"{node.Host}:{node.ClientProxyPort}"], TimeSpan.FromSeconds(3)));
            long next = 0;
            while (true)
            {
                var page = await client.HistoryAsync(options.Topic, HistoryQuery.Range(next, 1000), linearizable: false, cancellationToken).ConfigureAwait(false);
                if (page.Messages.Count == 0)
                {
                    return;
                }

                foreach (var message in page.Messages)
                {
                    recorder.Record(new ReadRecord(node.Id, options.Topic, message.Offset, message.Text, Now, scan));
                }

                next = page.Messages[^1].Offset + 1;
            }
        }
        catch (WiberException)
        {
            // The node is down or cut off at the end: the others' reads still decide.
        }
    }
}
