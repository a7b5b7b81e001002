using Wiber.Chaos.Server.Links;

namespace Wiber.Chaos.Server.Toxics;

/// <summary>
/// What a toxic sees of its place in the chain during one run: the input queue, the next stage, timers that
/// an interrupt cuts short, and the connection's close. Writes never block (queues are unbounded; the link's
/// reader applies back-pressure instead), so an interrupted toxic can always hand its chunk on at once.
/// </summary>
internal sealed class StageRun
{
    private readonly ToxicLink _link;
    private readonly StageSlot _slot;

    public StageRun(ToxicLink link, StageSlot slot, CancellationToken interrupted)
    {
        _link = link;
        _slot = slot;
        Interrupted = interrupted;
    }

    /// <summary>Fires when the toxic is updated or removed, a neighbour changes, or the connection ends.</summary>
    public CancellationToken Interrupted { get; }

    /// <summary>Per-connection state of this toxic that outlives restarts (see <see cref="ToxicType.NewState"/>).</summary>
    public object? State => _slot.State;

    /// <summary>The next chunk (<see cref="Chunk.End"/> once the stream ended), or null when interrupted.</summary>
    public async ValueTask<Chunk?> ReadAsync()
    {
        var reader = _slot.Input.Reader;
        while (true)
        {
            if (reader.TryRead(out var chunk))
            {
                return chunk;
            }
            try
            {
                if (!await reader.WaitToReadAsync(Interrupted).ConfigureAwait(false))
                {
                    return null;
                }
            }
            catch (OperationCanceledException)
            {
                return null;
            }
        }
    }

    /// <summary>Like <see cref="ReadAsync()"/>, but answers <see cref="Chunk.End"/> when nothing arrives for <paramref name="idle"/>.</summary>
    public async ValueTask<Chunk?> ReadAsync(TimeSpan idle)
    {
        var reader = _slot.Input.Reader;
        if (reader.TryRead(out var first))
        {
            return first;
        }
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(Interrupted);
        timer.CancelAfter(idle);
        while (true)
        {
            try
            {
                if (!await reader.WaitToReadAsync(timer.Token).ConfigureAwait(false))
                {
                    return null;
                }
            }
            catch (OperationCanceledException)
            {
                return Interrupted.IsCancellationRequested ? null : Chunk.End;
            }
            if (reader.TryRead(out var chunk))
            {
                return chunk;
            }
        }
    }

    /// <summary>Hands the chunk to the next stage (or the writer). The chunk is no longer ours.</summary>
    public void Write(Chunk chunk) => _link.Forward(_slot, chunk);

    /// <summary>Throws the bytes away.</summary>
    public void Drop(Chunk chunk) => _link.Discard(chunk);

    public void Truncate(Chunk chunk, int length) => _link.Truncate(chunk, length);

    /// <summary>Ends the stream here: later stages see the end, the writer closes the destination, the connection goes.</summary>
    public void Close() => _link.CloseFrom(_slot);

    /// <summary>Waits; false when interrupted first (the caller then hands on what it holds and returns).</summary>
    /// <remarks>
    /// Any delay at or below zero is "no wait". (Passing it to Task.Delay is not safe: a computed -1 ms is
    /// Timeout.InfiniteTimeSpan, which would wait forever.)
    /// </remarks>
    public async ValueTask<bool> DelayAsync(TimeSpan delay)
    {
        if (delay <= TimeSpan.Zero)
        {
            return !Interrupted.IsCancellationRequested;
        }
        try
        {
            await Task.Delay(delay, Interrupted).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>Waits until the run is interrupted (the toxic changes or the connection ends).</summary>
    public async Task WaitForInterruptAsync()
    {
        try
        {
            await Task.Delay(Timeout.Infinite, Interrupted).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // That is what we waited for.
        }
    }

    /// <summary>Waits through interrupts (reset_peer's wait, as upstream); only the connection ending cuts it short.</summary>
    public async Task DelayThroughInterruptsAsync(TimeSpan delay)
    {
        if (delay <= TimeSpan.Zero)
        {
            return;
        }
        try
        {
            await Task.Delay(delay, _link.Lifetime).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The connection is gone; Close below is then a no-op.
        }
    }
}
