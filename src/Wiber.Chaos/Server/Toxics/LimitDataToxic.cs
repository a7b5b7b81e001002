namespace Wiber.Chaos.Server.Toxics;

/// <summary>
/// Forwards until <c>bytes</c> have passed on this connection and direction, truncating the chunk that crosses
/// the limit, then closes. The count lives in per-connection state, so it survives attribute updates.
/// </summary>
internal sealed class LimitDataToxic(long bytes) : IToxic
{
    public static readonly ToxicType Type = new("limit_data", "LimitDataToxic", ["bytes"], static a => new LimitDataToxic(a[0]))
    {
        NewState = static () => new Counter(),
    };

    public async Task RunAsync(StageRun run)
    {
        var sent = (Counter)run.State!;
        while (await run.ReadAsync().ConfigureAwait(false) is { } chunk)
        {
            if (chunk.IsEnd)
            {
                run.Close();
                return;
            }
            var remaining = Math.Max(0, bytes - sent.Bytes);
            if (remaining < chunk.Length)
            {
                run.Truncate(chunk, (int)remaining);
            }
            var length = chunk.Length;
            if (length > 0)
            {
                run.Write(chunk);
                sent.Bytes += length;
            }
            else
            {
                run.Drop(chunk);
            }
            if (bytes - sent.Bytes <= 0)
            {
                run.Close();
                return;
            }
        }
    }

    private sealed class Counter
    {
        public long Bytes;
    }
}
