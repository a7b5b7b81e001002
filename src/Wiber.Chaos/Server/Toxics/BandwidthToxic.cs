using Wiber.Chaos.Server.Links;

namespace Wiber.Chaos.Server.Toxics;

/// <summary>
/// Throttles to <c>rate</c> KB/s (1 KB = 1000 bytes): each chunk adds len/rate ms of debt, paid before it
/// leaves; a chunk bigger than 100 ms worth goes out in 100 ms slices. Rate 0 stalls the direction (as
/// upstream); a negative rate is refused at the API because it crashes the real server.
/// </summary>
internal sealed class BandwidthToxic(long rate) : IToxic
{
    private static readonly TimeSpan SliceInterval = TimeSpan.FromMilliseconds(100);

    public static readonly ToxicType Type = new("bandwidth", "BandwidthToxic", ["rate"], static a => new BandwidthToxic(a[0]))
    {
        Validate = static a => a[0] < 0 ? "bandwidth rate must not be negative" : null,
    };

    public async Task RunAsync(StageRun run)
    {
        var sliceBytes = rate > int.MaxValue / 100 ? int.MaxValue : (int)rate * 100;
        var debt = TimeSpan.Zero;
        while (await run.ReadAsync().ConfigureAwait(false) is { } chunk)
        {
            if (chunk.IsEnd)
            {
                run.Close();
                return;
            }
            if (rate <= 0)
            {
                // Nothing gets through until the toxic changes; then the held chunk goes on unharmed.
                await run.WaitForInterruptAsync().ConfigureAwait(false);
                run.Write(chunk);
                return;
            }
            debt += TimeSpan.FromTicks(chunk.Length * TimeSpan.TicksPerMillisecond / rate);
            while (chunk.Length > sliceBytes)
            {
                if (!await run.DelayAsync(SliceInterval).ConfigureAwait(false))
                {
                    run.Write(chunk);
                    return;
                }
                run.Write(chunk.SplitFront(sliceBytes));
                debt -= SliceInterval;
            }
            var started = MonotonicTime.Now;
            if (!await run.DelayAsync(debt).ConfigureAwait(false))
            {
                run.Write(chunk);
                return;
            }
            // Timers overshoot; carrying the error forward keeps the long-run rate right.
            debt -= MonotonicTime.Since(started);
            run.Write(chunk);
        }
    }
}
