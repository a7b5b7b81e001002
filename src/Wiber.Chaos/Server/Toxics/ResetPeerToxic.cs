using Wiber.Chaos.Server.Links;

namespace Wiber.Chaos.Server.Toxics;

/// <summary>
/// On the first chunk (which it drops) waits <c>timeout</c> ms, then closes the direction. A connection that
/// already had this toxic when it was accepted closes its sockets with SO_LINGER 0, so peers see RST; one that
/// got it later sees a plain FIN. The wait is not interruptible, like upstream's.
/// </summary>
internal sealed class ResetPeerToxic(long timeout) : IToxic
{
    public static readonly ToxicType Type = new("reset_peer", "ResetToxic", ["timeout"], static a => new ResetPeerToxic(a[0]))
    {
        ResetsOnClose = true,
    };

    public async Task RunAsync(StageRun run)
    {
        var chunk = await run.ReadAsync().ConfigureAwait(false);
        if (chunk is null)
        {
            return;
        }
        run.Drop(chunk);
        await run.DelayThroughInterruptsAsync(MonotonicTime.Milliseconds(timeout)).ConfigureAwait(false);
        run.Close();
    }
}
