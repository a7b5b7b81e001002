using System.Collections.Concurrent;

namespace Wiber.Broker.Node;

/// <summary>
/// Wakes subscribers when a topic gets new messages. Subscribers pull from the state machine at their own
/// offset, so nothing is buffered per subscription: memory stays bounded however slow a reader is.
/// </summary>
public sealed class TopicSignals
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _signals = new(StringComparer.Ordinal);

    /// <summary>
    /// A task completed at the next publish to <paramref name="topic"/> (or restore). Take it before checking
    /// the state, then wait only if nothing new was there: no wake-up is lost in between.
    /// </summary>
    public Task NextChange(string topic) => _signals.GetOrAdd(topic, _ => NewSource()).Task;

    public void Notify(string topic)
    {
        // The lock-free look first: TryRemove takes a bucket lock even for a topic nobody waits on, and this
        // runs for every applied publish. A waiter that registers just after the look still sees the message:
        // it takes its signal before reading the state, which already holds it.
        if (_signals.ContainsKey(topic) && _signals.TryRemove(topic, out var signal))
        {
            signal.TrySetResult();
        }
    }

    /// <summary>After a snapshot restore every topic may have changed.</summary>
    public void NotifyAll()
    {
        foreach (var topic in _signals.Keys)
        {
            Notify(topic);
        }
    }

    private static TaskCompletionSource NewSource() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
