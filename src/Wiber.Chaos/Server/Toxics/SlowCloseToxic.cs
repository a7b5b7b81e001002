using Wiber.Chaos.Server.Links;

namespace Wiber.Chaos.Server.Toxics;

/// <summary>Passes data unchanged, but holds the end of the stream back for <c>delay</c> ms before it closes.</summary>
internal sealed class SlowCloseToxic(long delay) : IToxic
{
    public static readonly ToxicType Type = new("slow_close", "SlowCloseToxic", ["delay"], static a => new SlowCloseToxic(a[0]));

    public async Task RunAsync(StageRun run)
    {
        while (await run.ReadAsync().ConfigureAwait(false) is { } chunk)
        {
            if (chunk.IsEnd)
            {
                // Interrupted while waiting (removed or changed): the stream has ended anyway, close now.
                await run.DelayAsync(MonotonicTime.Milliseconds(delay)).ConfigureAwait(false);
                run.Close();
                return;
            }
            run.Write(chunk);
        }
    }
}
