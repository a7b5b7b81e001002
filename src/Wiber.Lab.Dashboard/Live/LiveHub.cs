using Wiber.Lab.Dashboard.Api;
using Wiber.Lab.Dashboard.Views;
using Wiber.Lab.State;

namespace Wiber.Lab.Dashboard.Live;

/// <summary>
/// The one loop behind every live page: while anybody listens it takes a snapshot of the lab every 500 ms
/// (status, faults, links, throughput, leader changes), reads new lab events, and tails every node's console
/// every 250 ms, and hands each change to the subscribers. A page that connects first gets the latest
/// snapshot, the recent timeline, events and console lines. Idle (no subscriber) it does nothing.
/// </summary>
public sealed class LiveHub(LabDirectory directory) : IDisposable
{
    public static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(250);

    private const int RecentEvents = 100;

    private readonly Lock _gate = new();
    private readonly List<LiveSubscriber> _subscribers = [];
    private readonly SemaphoreSlim _wake = new(0);
    private readonly Timeline _timeline = new(240);
    private readonly Dictionary<string, ConsoleTail> _consoles = new(StringComparer.Ordinal);
    private readonly Queue<EventView> _events = new();
    private int _eventsSeen;
    private string? _labId;
    private ClusterSnapshot? _latest;

    public ClusterSnapshot? Latest
    {
        get
        {
            lock (_gate)
            {
                return _latest;
            }
        }
    }

    public int SubscriberCount
    {
        get
        {
            lock (_gate)
            {
                return _subscribers.Count;
            }
        }
    }

    /// <summary>Opens a stream: everything (<paramref name="consoleOf"/> null) or one node's console.</summary>
    public LiveSubscriber Subscribe(string? consoleOf = null)
    {
        var subscriber = new LiveSubscriber(this, consoleOf);
        lock (_gate)
        {
            foreach (var message in Backlog(consoleOf))
            {
                subscriber.Offer(message);
            }

            _subscribers.Add(subscriber);
        }

        _wake.Release();
        return subscriber;
    }

    internal void Unsubscribe(LiveSubscriber subscriber)
    {
        lock (_gate)
        {
            _subscribers.Remove(subscriber);
        }
    }

    /// <summary>Sends an event to every subscriber that wants it (the publisher's arrivals come this way).</summary>
    public void Broadcast(string kind, object payload, string? node = null) => Broadcast(new SseMessage(kind, ApiJson.Serialize(payload), node));

    private void Broadcast(SseMessage message)
    {
        lock (_gate)
        {
            BroadcastLocked(message);
        }
    }

    private void BroadcastLocked(SseMessage message)
    {
        foreach (var subscriber in _subscribers)
        {
            if (subscriber.Wants(message))
            {
                subscriber.Offer(message);
            }
        }
    }

    /// <summary>Runs until <paramref name="cancellationToken"/> is cancelled (the server stops).</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var source = new SnapshotSource(directory);
        var tick = 0L;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                if (SubscriberCount == 0)
                {
                    await _wake.WaitAsync(cancellationToken).ConfigureAwait(false);
                    continue;
                }

                if (tick++ % 2 == 0)
                {
                    await SnapshotAsync(source, cancellationToken).ConfigureAwait(false);
                }

                PollConsoles();
                await Task.Delay(Tick, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // The loop serves every page: one bad read (a file half-written, a node gone) must not end it.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                Broadcast("problem", Problem.From(ex));
                await Task.Delay(Tick * 4, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task SnapshotAsync(SnapshotSource source, CancellationToken cancellationToken)
    {
        var snapshot = await source.TakeAsync(cancellationToken).ConfigureAwait(false);
        if (snapshot.Lab.LabId is { } labId && labId != _labId)
        {
            NewLab(labId, snapshot.Nodes.Select(n => n.Node));
        }

        var maxCommit = snapshot.Nodes.Max(n => n.Commit);
        lock (_gate)
        {
            snapshot = snapshot with { Sample = _timeline.Add(snapshot.AtMs, maxCommit, snapshot.Leader, snapshot.Term) };
            _latest = snapshot;
            BroadcastLocked(new SseMessage("snapshot", ApiJson.Serialize(snapshot)));
        }

        ReadEvents(source);
    }

    /// <summary>A new lab in the directory: its nodes' consoles are new files, its commit indexes start again.</summary>
    private void NewLab(string labId, IEnumerable<string> nodes)
    {
        List<string> replaced;
        lock (_gate)
        {
            replaced = _labId is null ? [] : [.. _consoles.Keys];
            if (_labId is not null)
            {
                _timeline.Reset();
            }

            _consoles.Clear();
            foreach (var node in nodes)
            {
                _consoles[node] = new ConsoleTail(directory.NodeConsoleLog(node));
            }

            _labId = labId;
        }

        foreach (var node in replaced)
        {
            Broadcast("console_reset", new ConsoleReset(node), node);
        }
    }

    private void ReadEvents(SnapshotSource source)
    {
        var events = source.Events();
        if (events.Count < _eventsSeen)
        {
            // The log moved to previous/ with a new lab.
            _eventsSeen = 0;
            lock (_gate)
            {
                _events.Clear();
            }

            Broadcast("events_reset", new { });
        }

        foreach (var e in events.Skip(_eventsSeen))
        {
            lock (_gate)
            {
                _events.Enqueue(e);
                while (_events.Count > RecentEvents)
                {
                    _events.Dequeue();
                }

                BroadcastLocked(new SseMessage("event", ApiJson.Serialize(e)));
            }
        }

        _eventsSeen = events.Count;
    }

    private void PollConsoles()
    {
        var appended = new List<ConsoleLines>();
        lock (_gate)
        {
            // Under the lock, so a page that connects gets each line once: in its backlog or as news.
            foreach (var (node, tail) in _consoles)
            {
                if (tail.Poll() is { Count: > 0 } lines)
                {
                    appended.Add(new ConsoleLines(node, lines));
                }
            }

            foreach (var lines in appended)
            {
                BroadcastLocked(new SseMessage("console", ApiJson.Serialize(lines), lines.Node));
            }
        }
    }

    private List<SseMessage> Backlog(string? consoleOf)
    {
        var messages = new List<SseMessage>();
        if (consoleOf is null)
        {
            if (_latest is not null)
            {
                messages.Add(new SseMessage("snapshot", ApiJson.Serialize(_latest)));
            }

            messages.Add(new SseMessage("timeline", ApiJson.Serialize(_timeline.View())));
            messages.AddRange(_events.Select(e => new SseMessage("event", ApiJson.Serialize(e))));
        }

        foreach (var (node, tail) in _consoles)
        {
            if ((consoleOf is null || consoleOf == node) && tail.Recent is { Count: > 0 } recent)
            {
                messages.Add(new SseMessage("console", ApiJson.Serialize(new ConsoleLines(node, recent)), node));
            }
        }

        return messages;
    }

    public void Dispose() => _wake.Dispose();
}

/// <summary>Lines a node wrote to its console.</summary>
public sealed record ConsoleLines(string Node, IReadOnlyList<string> Lines);

/// <summary>The node's console is a new file (a new lab): what was shown belongs to the old one.</summary>
public sealed record ConsoleReset(string Node);
