namespace Wiber.Checker.Tests.Simulation;

/// <summary>Where a node's final full read of a topic ended.</summary>
internal sealed record FinalScan(string Node, string Topic, string Scan, long Reach);

/// <summary>
/// A history recorded from a simulated, correct cluster, plus what the simulation knows about it (the
/// true logs, the final scans) so mutations can break it in one precise way.
/// </summary>
internal sealed class SimulatedRun
{
    public required List<HistoryRecord> Records { get; init; }

    /// <summary>The true log of each topic: offset → id.</summary>
    public required Dictionary<string, List<string>> Logs { get; init; }

    public required List<FinalScan> FinalScans { get; init; }

    public required IReadOnlyList<string> Nodes { get; init; }

    public long EndMs => ToHistory().Span()!.Value.EndMs;

    public History ToHistory() => new(Records);
}
