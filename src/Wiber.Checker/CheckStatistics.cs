namespace Wiber.Checker;

/// <summary>
/// Publish attempts by outcome. <see cref="UnknownWritten"/> counts unknown attempts whose id was read
/// somewhere (their write took effect), <see cref="UnknownNotWritten"/> those never read.
/// </summary>
public sealed record PublishStatistics(
    int Total,
    int Ok,
    int Failed,
    int Unknown,
    int UnknownWritten,
    int UnknownNotWritten,
    int DistinctIds);

/// <summary>What the history contained and what the checker found, in numbers.</summary>
public sealed record CheckStatistics(
    PublishStatistics Publishes,
    long Reads,
    IReadOnlyDictionary<string, long> ReadsByNode,
    IReadOnlyList<string> Topics,
    int StatusPolls,
    int Events,
    int Heals,
    long? StartMs,
    long? EndMs,
    IReadOnlyDictionary<string, int> AnomaliesByKind);
