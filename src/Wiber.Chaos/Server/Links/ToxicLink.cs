using System.Net.Sockets;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Wiber.Chaos.Server.Toxics;

namespace Wiber.Chaos.Server.Links;

/// <summary>
/// One direction of one proxied connection: a reader on the source socket, a chain of toxic stages, and a
/// writer on the destination socket. Stages are joined by unbounded queues, and every hand-over happens under
/// one small lock, so a stage can be spliced in or out of a live chain atomically: a removed stage's queued
/// chunks move to the back of its successor's queue (they are younger than anything already there), which
/// keeps every byte and its order. Back-pressure comes from a per-link budget of bytes in flight that the
/// reader waits on, not from the queues.
/// </summary>
internal sealed partial class ToxicLink
{
    private const int ReadSize = 32 * 1024;
    private const long InFlightLimit = 4 * 1024 * 1024;

    private readonly Lock _gate = new();
    private readonly List<StageSlot> _slots = [];
    private readonly Channel<Chunk> _output = Channel.CreateUnbounded<Chunk>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _lifetime = new();
    private readonly SemaphoreSlim _budgetFreed = new(0);
    private readonly ProxyConnection _owner;
    private readonly Socket _source;
    private readonly Socket _destination;
    private readonly ILogger _log;
    private StageSlot? _head;
    private long _inFlight;
    private bool _aborted;

    public ToxicLink(ProxyConnection owner, StreamDirection direction, Socket source, Socket destination, IEnumerable<ToxicDefinition> toxics, ILogger log)
    {
        _owner = owner;
        Direction = direction;
        _source = source;
        _destination = destination;
        _log = log;
        foreach (var toxic in toxics)
        {
            AppendLocked(new StageSlot(this, toxic));
        }
    }

    public StreamDirection Direction { get; }

    /// <summary>Cancelled when the connection is torn down: every run, wait and budget wait stops.</summary>
    public CancellationToken Lifetime => _lifetime.Token;

    public void Start()
    {
        foreach (var slot in _slots)
        {
            slot.Start();
        }
        _ = Task.Run(ReadLoopAsync);
        _ = Task.Run(WriteLoopAsync);
    }

    /// <summary>Appends a stage at the end of the chain; the previous last stage restarts, as upstream.</summary>
    public async Task AddAsync(ToxicDefinition toxic)
    {
        var slot = new StageSlot(this, toxic);
        StageSlot? previous;
        lock (_gate)
        {
            if (_aborted)
            {
                return;
            }
            previous = _slots.Count > 0 ? _slots[^1] : null;
            AppendLocked(slot);
        }
        slot.Start();
        if (previous is not null)
        {
            await previous.RestartAsync().ConfigureAwait(false);
        }
    }

    public async Task UpdateAsync(ToxicDefinition toxic)
    {
        var slot = Find(toxic.Name);
        if (slot is not null)
        {
            await slot.RestartAsync(toxic).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Takes a stage out of the live chain. Its queued data moves on unchanged, except for toxics that close
    /// on removal (timeout), which end the stream instead. The previous stage restarts, as upstream.
    /// </summary>
    public async Task RemoveAsync(string name)
    {
        var slot = Find(name);
        if (slot is null)
        {
            return;
        }
        await slot.StopAsync().ConfigureAwait(false);
        StageSlot? previous;
        lock (_gate)
        {
            var index = _slots.IndexOf(slot);
            previous = index > 0 ? _slots[index - 1] : null;
            if (!_aborted)
            {
                if (slot.Closed || slot.Definition.Type.ClosesOnRemoval)
                {
                    DiscardQueuedLocked(slot.Input.Reader);
                    if (!slot.Closed)
                    {
                        slot.Closed = true;
                        EnqueueLocked(slot.Next, Chunk.End);
                    }
                }
                else
                {
                    while (slot.Input.Reader.TryRead(out var chunk))
                    {
                        EnqueueLocked(slot.Next, chunk);
                    }
                }
            }
            if (previous is null)
            {
                _head = slot.Next;
            }
            else
            {
                previous.Next = slot.Next;
            }
            _slots.RemoveAt(index);
            slot.Input.Writer.TryComplete();
        }
        if (previous is not null && !previous.Closed)
        {
            await previous.RestartAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Tears the link down: runs and waits stop, queued chunks are left to the garbage collector.</summary>
    public void Abort()
    {
        lock (_gate)
        {
            if (_aborted)
            {
                return;
            }
            _aborted = true;
            foreach (var slot in _slots)
            {
                slot.Input.Writer.TryComplete();
            }
            _output.Writer.TryComplete();
        }
        _lifetime.Cancel();
    }

    /// <summary>Passes a chunk from <paramref name="from"/> (null: the reader) to whatever follows it now.</summary>
    public void Forward(StageSlot? from, Chunk chunk)
    {
        lock (_gate)
        {
            EnqueueLocked(from is null ? _head : from.Next, chunk);
        }
    }

    /// <summary>A stage ended the stream: the end travels on, and the stage discards anything that still comes.</summary>
    public void CloseFrom(StageSlot slot)
    {
        lock (_gate)
        {
            if (slot.Closed)
            {
                return;
            }
            slot.Closed = true;
            DiscardQueuedLocked(slot.Input.Reader);
            EnqueueLocked(slot.Next, Chunk.End);
        }
    }

    public void Discard(Chunk chunk)
    {
        if (!chunk.IsEnd)
        {
            ReleaseBudget(chunk.Length);
            chunk.Release();
        }
    }

    public void Truncate(Chunk chunk, int length) => ReleaseBudget(chunk.Truncate(length));

    public void ToxicFailed(ToxicDefinition toxic, Exception error) => LogToxicFailed(_log, toxic.Name, error);

    private StageSlot? Find(string name)
    {
        lock (_gate)
        {
            return _slots.Find(s => s.Definition.Name == name);
        }
    }

    private void AppendLocked(StageSlot slot)
    {
        if (_slots.Count == 0)
        {
            _head = slot;
        }
        else
        {
            _slots[^1].Next = slot;
        }
        _slots.Add(slot);
    }

    private void EnqueueLocked(StageSlot? next, Chunk chunk)
    {
        var accepted = !_aborted && (next is null
            ? _output.Writer.TryWrite(chunk)
            : !next.Closed && next.Input.Writer.TryWrite(chunk));
        if (!accepted)
        {
            Discard(chunk);
        }
    }

    private void DiscardQueuedLocked(ChannelReader<Chunk> queue)
    {
        while (queue.TryRead(out var chunk))
        {
            Discard(chunk);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Toxic {Toxic} failed; closing its connection")]
    private static partial void LogToxicFailed(ILogger logger, string toxic, Exception error);
}
