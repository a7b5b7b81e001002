namespace Wiber.Storage;

public sealed partial class DurableRaftStorage
{
    // Guards the fields below; innermost of the three locks (_gate → _fsyncGate → _durability).
    private readonly object _durability = new();
    private readonly List<Waiter> _waiters = [];
    private ulong _durableIndex;
    private bool _syncInFlight;

    // Serialises fsync with truncation and deletion, which change or close the file being synced.
    private readonly object _fsyncGate = new();
    // Bumped by every truncation or deletion: a sync that raced one proves nothing about the new log.
    private long _generation;

    private CancellationTokenSource? _intervalStop;
    private Task? _intervalLoop;

    /// <summary>
    /// The highest index known to be on stable storage (per the policy: with <c>never</c> it is
    /// simply the last index, a promise the policy does not keep).
    /// </summary>
    public ulong DurableIndex
    {
        get
        {
            if (_options.Fsync.Mode == FsyncMode.Never)
            {
                return LastIndex;
            }
            lock (_durability)
            {
                return _durableIndex;
            }
        }
    }

    /// <summary>
    /// Completes once entry <paramref name="index"/> is durable. With <c>always</c> this is group
    /// commit: if no fsync is in flight the caller runs one itself (no thread hop for a lone writer);
    /// otherwise it waits, and one waiter runs the next fsync for everyone who appended meanwhile.
    /// With <c>interval</c> it waits for the periodic fsync; with <c>never</c> it returns at once.
    /// Throws <see cref="StorageException"/> if a sync fails (the instance then refuses further work).
    /// Under <c>always</c> the entry must already be appended; if a conflicting append truncates it
    /// meanwhile, the wait ends once the entry now at that index (or the shorter log) is durable.
    /// </summary>
    public ValueTask WaitDurableAsync(ulong index, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            ThrowIfFailed();
            if (index > _lastIndex && _options.Fsync.Mode == FsyncMode.Always)
            {
                // Under group commit the waiter may run the fsync itself: it cannot wait for what is not written.
                throw new ArgumentOutOfRangeException(nameof(index), $"entry {index} has not been appended (last index {_lastIndex})");
            }
        }
        if (_options.Fsync.Mode == FsyncMode.Never)
        {
            return ValueTask.CompletedTask;
        }
        Waiter? waiter = null;
        lock (_durability)
        {
            if (index <= _durableIndex)
            {
                return ValueTask.CompletedTask;
            }
            if (_options.Fsync.Mode == FsyncMode.Always && !_syncInFlight)
            {
                _syncInFlight = true;
            }
            else
            {
                waiter = new Waiter(index);
                _waiters.Add(waiter);
            }
        }
        if (waiter is null)
        {
            LeadSyncs(index);
            return ValueTask.CompletedTask;
        }
        return AwaitTurnAsync(waiter, cancellationToken);
    }

    /// <summary>
    /// Makes everything appended so far durable, whatever the policy: one fsync, safe to call from any
    /// thread while appends continue (the broker's fsync pump; clean shutdown; tests). If a truncation
    /// races it, <see cref="DurableIndex"/> stays below the last index and the caller syncs again.
    /// </summary>
    public void SyncNow()
    {
        SyncOnce();
        lock (_durability)
        {
            ReleaseSatisfiedWaiters();
        }
    }

    private async ValueTask AwaitTurnAsync(Waiter waiter, CancellationToken cancellationToken)
    {
        using var registration = cancellationToken.Register(() =>
        {
            lock (_durability)
            {
                // Removed under the lock, so a cancelled waiter is never handed the next sync.
                if (_waiters.Remove(waiter))
                {
                    waiter.Done.TrySetCanceled(cancellationToken);
                }
            }
        });
        var mustLead = await waiter.Done.Task.ConfigureAwait(false);
        if (mustLead)
        {
            LeadSyncs(waiter.Index);
        }
    }

    /// <summary>Runs fsyncs until <paramref name="index"/> is durable, then hands the baton on or drops it.</summary>
    private void LeadSyncs(ulong index)
    {
        while (true)
        {
            try
            {
                SyncOnce();
            }
            catch
            {
                lock (_durability)
                {
                    _syncInFlight = false;
                }
                throw;
            }
            lock (_durability)
            {
                ReleaseSatisfiedWaiters();
                var done = index <= _durableIndex || index > LastIndexForSync();
                if (!done)
                {
                    continue; // our entry was appended after the sync began (only after a truncation)
                }
                if (_waiters.Count > 0)
                {
                    // Someone appended while we synced: the oldest waiter runs the next sync for all of them.
                    var next = _waiters[0];
                    _waiters.RemoveAt(0);
                    next.Done.TrySetResult(true);
                }
                else
                {
                    _syncInFlight = false;
                }
                return;
            }
        }
    }

    private ulong LastIndexForSync()
    {
        lock (_gate)
        {
            return _lastIndex;
        }
    }

    /// <summary>One fsync of the active segment, covering every entry appended before it started.</summary>
    private void SyncOnce()
    {
        Segment segment;
        ulong target;
        long generation;
        lock (_gate)
        {
            ThrowIfFailed();
            segment = Active;
            target = _lastIndex;
            generation = Interlocked.Read(ref _generation);
        }
        lock (_fsyncGate)
        {
            if (Interlocked.Read(ref _generation) != generation)
            {
                return; // a truncation or deletion synced what it changed; the caller will sync again
            }
            try
            {
                segment.File.Sync();
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Never retried: after a failed fsync the kernel may have dropped the dirty pages.
                throw Fail(segment.Path, "fsync", ex);
            }
        }
        lock (_durability)
        {
            if (Interlocked.Read(ref _generation) == generation && target > _durableIndex)
            {
                _durableIndex = target;
            }
        }
    }

    private void ReleaseSatisfiedWaiters()
    {
        for (var i = _waiters.Count - 1; i >= 0; i--)
        {
            if (_waiters[i].Index <= _durableIndex)
            {
                _waiters[i].Done.TrySetResult(false);
                _waiters.RemoveAt(i);
            }
        }
    }

    private void BumpGeneration() => Interlocked.Increment(ref _generation);

    private void StartIntervalSync()
    {
        if (_options.Fsync.Mode != FsyncMode.Interval)
        {
            return;
        }
        _intervalStop = new CancellationTokenSource();
        var token = _intervalStop.Token;
        _intervalLoop = Task.Run(async () =>
        {
            using var timer = new PeriodicTimer(_options.Fsync.Interval);
            try
            {
                while (await timer.WaitForNextTickAsync(token).ConfigureAwait(false))
                {
                    if (LastIndexForSync() > DurableIndex)
                    {
                        SyncNow();
                    }
                }
            }
            catch (OperationCanceledException)
            {
                // Stopping.
            }
            catch (StorageException)
            {
                // Recorded by Fail; waiters and callers see it.
            }
        }, CancellationToken.None);
    }

    private void StopIntervalSync()
    {
        if (_intervalStop is null)
        {
            return;
        }
        _intervalStop.Cancel();
        _intervalLoop?.GetAwaiter().GetResult();
        _intervalStop.Dispose();
        _intervalStop = null;
    }

    private sealed class Waiter(ulong index)
    {
        public ulong Index { get; } = index;

        /// <summary>Result true: this waiter must run the next sync; false: its entry is durable.</summary>
        public TaskCompletionSource<bool> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
