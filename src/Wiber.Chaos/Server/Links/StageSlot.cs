using System.Threading.Channels;
using Wiber.Chaos.Server.Toxics;

namespace Wiber.Chaos.Server.Links;

/// <summary>
/// One toxic's place in one link: its input queue, its successor, its per-connection state, and the current
/// run of its behaviour. A run is restarted (and toxicity rolled again) when the toxic or its neighbours
/// change. Start/stop calls are serialised by the owning proxy's gate; <see cref="Next"/> and the queue
/// contents are guarded by the link's gate.
/// </summary>
internal sealed class StageSlot
{
    private readonly ToxicLink _link;
    private CancellationTokenSource? _runCancellation;
    private Task _run = Task.CompletedTask;
    private volatile bool _closed;

    public StageSlot(ToxicLink link, ToxicDefinition definition)
    {
        _link = link;
        Definition = definition;
        State = definition.Type.NewState();
    }

    public ToxicDefinition Definition { get; private set; }

    public Channel<Chunk> Input { get; } = Channel.CreateUnbounded<Chunk>(new UnboundedChannelOptions { SingleReader = true });

    public object? State { get; }

    /// <summary>The stage this one writes to; null means the link's writer.</summary>
    public StageSlot? Next { get; set; }

    /// <summary>This stage ended the stream: it passed the end on and discards whatever still arrives.</summary>
    public bool Closed
    {
        get => _closed;
        set => _closed = value;
    }

    public void Start()
    {
        if (Closed || _link.Lifetime.IsCancellationRequested)
        {
            return;
        }
        _runCancellation = CancellationTokenSource.CreateLinkedTokenSource(_link.Lifetime);
        // Toxicity is decided per run, not per chunk: r < toxicity makes the toxic active for this run.
        var toxic = Random.Shared.NextSingle() < Definition.Toxicity ? Definition.Type.Create([.. Definition.Attributes]) : NoopToxic.Instance;
        var run = new StageRun(_link, this, _runCancellation.Token);
        _run = Task.Run(() => RunAsync(toxic, run));
    }

    /// <summary>Interrupts the current run and waits until it has handed on what it held.</summary>
    public async Task StopAsync()
    {
        var cancellation = _runCancellation;
        if (cancellation is null)
        {
            return;
        }
        _runCancellation = null;
        await cancellation.CancelAsync().ConfigureAwait(false);
        await _run.ConfigureAwait(false);
        cancellation.Dispose();
    }

    public async Task RestartAsync(ToxicDefinition? definition = null)
    {
        await StopAsync().ConfigureAwait(false);
        if (definition is not null)
        {
            Definition = definition;
        }
        Start();
    }

    private async Task RunAsync(IToxic toxic, StageRun run)
    {
        try
        {
            await toxic.RunAsync(run).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (run.Interrupted.IsCancellationRequested)
        {
            // Interrupted between awaits that do not catch it themselves: nothing is held.
        }
        catch (Exception e)
        {
            // A faulty toxic ends its connection, never the process (the real server crashes instead).
            _link.ToxicFailed(Definition, e);
            _link.CloseFrom(this);
        }
    }
}
