using Wiber.Chaos.Server.Links;

namespace Wiber.Chaos.Server.Toxics;

/// <summary>
/// Drops every byte in its direction. With timeout &gt; 0 it closes the connection once no chunk has arrived
/// for that long; with 0 it holds the connection open, silent, for as long as it exists (a partition).
/// Removing it closes the connection rather than resuming it, as upstream does.
/// </summary>
internal sealed class TimeoutToxic(long timeout) : IToxic
{
    public static readonly ToxicType Type = new("timeout", "TimeoutToxic", ["timeout"], static a => new TimeoutToxic(a[0]))
    {
        ClosesOnRemoval = true,
    };

    public async Task RunAsync(StageRun run)
    {
        var idle = MonotonicTime.Milliseconds(timeout);
        while (true)
        {
            var chunk = timeout > 0
                ? await run.ReadAsync(idle).ConfigureAwait(false)
                : await run.ReadAsync().ConfigureAwait(false);
            if (chunk is null)
            {
                return;
            }
            if (chunk.IsEnd)
            {
                run.Close(); // the source ended, or nothing arrived within the timeout
                return;
            }
            run.Drop(chunk);
        }
    }
}
