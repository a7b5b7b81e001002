namespace Wiber.Chaos.Server.Toxics;

/// <summary>Passes data through. Also what a stage runs when its toxicity roll misses.</summary>
internal sealed class NoopToxic : IToxic
{
    public static readonly NoopToxic Instance = new();

    public static readonly ToxicType Type = new("noop", "NoopToxic", [], static _ => Instance);

    public async Task RunAsync(StageRun run)
    {
        while (await run.ReadAsync().ConfigureAwait(false) is { } chunk)
        {
            if (chunk.IsEnd)
            {
                run.Close();
                return;
            }
            run.Write(chunk);
        }
    }
}
