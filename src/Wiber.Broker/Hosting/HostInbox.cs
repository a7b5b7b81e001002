using System.Collections.Concurrent;

namespace Wiber.Broker.Hosting;

/// <summary>
/// The host loop's queue: many writers (client sessions, the peer transport, the ticker, the fsync pump), one
/// reader (the loop). Adding and taking are lock-free; the loop is woken only when it is asleep. A
/// <c>Channel</c> did the same job with a lock on every read and write, and under load that lock was the most
/// contended one in the node (docs/benchmarks.md). The bound is soft: it is checked, not reserved, so a burst of
/// concurrent writers may overshoot it by a few items — it exists to refuse work, not to size memory exactly.
/// </summary>
internal sealed class HostInbox(int capacity)
{
    private readonly ConcurrentQueue<HostWork> _queue = new();
    private readonly SemaphoreSlim _wake = new(0);
    private int _count;
    private int _sleeping;
    private volatile bool _closed;

    /// <summary>Items waiting (never less than the true number while writers are mid-add).</summary>
    public int Count => Volatile.Read(ref _count);

    public bool IsClosed => _closed;

    /// <summary>
    /// Queues <paramref name="work"/>; false when closed, or when full unless <paramref name="ignoreBound"/>
    /// (for the host's own reports, which must never be lost).
    /// </summary>
    public bool TryAdd(HostWork work, bool ignoreBound = false)
    {
        if (_closed || (!ignoreBound && Volatile.Read(ref _count) >= capacity))
        {
            return false;
        }
        Interlocked.Increment(ref _count);
        _queue.Enqueue(work);
        // Enqueue is a full fence; so is the reader's Exchange before it looks at the queue: either it sees
        // this item, or we see it asleep and wake it.
        if (Volatile.Read(ref _sleeping) == 1 && Interlocked.Exchange(ref _sleeping, 0) == 1)
        {
            _wake.Release();
        }
        return true;
    }

    /// <summary>Takes the oldest item. Only the loop calls this.</summary>
    public bool TryTake(out HostWork work)
    {
        if (_queue.TryDequeue(out work!))
        {
            Interlocked.Decrement(ref _count);
            return true;
        }
        return false;
    }

    /// <summary>Completes when there may be work (a spurious wake-up is possible); false once closed and empty.</summary>
    public async ValueTask<bool> WaitAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            if (!_queue.IsEmpty)
            {
                return true;
            }
            if (_closed)
            {
                return false;
            }
            Interlocked.Exchange(ref _sleeping, 1);
            if (!_queue.IsEmpty || _closed)
            {
                Interlocked.Exchange(ref _sleeping, 0);
                continue;
            }
            await _wake.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Refuses further work and wakes the loop; what is queued can still be taken.</summary>
    public void Close()
    {
        _closed = true;
        _wake.Release();
    }
}
