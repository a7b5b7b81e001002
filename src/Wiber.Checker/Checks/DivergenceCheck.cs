using Wiber.Checker.Analysis;

namespace Wiber.Checker.Checks;

/// <summary>
/// Offsets where reads disagree. The index already knows which (topic, offset) pairs conflict; this
/// second pass over the reads gathers who said what only for those few, so a clean history costs nothing.
/// </summary>
internal static class DivergenceCheck
{
    public static IEnumerable<Anomaly> Run(HistoryIndex index)
    {
        var conflicting = index.Topics.Where(t => t.ConflictingOffsets.Count > 0).ToDictionary(t => t.Name, StringComparer.Ordinal);
        if (conflicting.Count == 0)
        {
            return [];
        }

        var evidence = new Dictionary<(string Topic, long Offset), Evidence>();
        foreach (var read in index.History.Reads)
        {
            if (!conflicting.TryGetValue(read.Topic, out var topic) || !topic.ConflictingOffsets.Contains(read.Offset))
            {
                continue;
            }

            if (!evidence.TryGetValue((read.Topic, read.Offset), out var e))
            {
                evidence[(read.Topic, read.Offset)] = e = new Evidence(read.Value);
            }

            e.Values.TryAdd((read.Node, read.Value), read.AtMs);
            if (e.DivergedAtMs is null && !string.Equals(read.Value, e.FirstValue, StringComparison.Ordinal))
            {
                e.DivergedAtMs = read.AtMs;
            }
        }

        return evidence.Select(kv => new DivergenceAnomaly(
            kv.Key.Topic,
            kv.Key.Offset,
            [.. kv.Value.Values
                .Select(v => new NodeValue(v.Key.Node, v.Key.Value, v.Value))
                .OrderBy(v => v.Node, StringComparer.Ordinal)
                .ThenBy(v => v.Value, StringComparer.Ordinal)],
            kv.Value.DivergedAtMs ?? 0));
    }

    private sealed class Evidence(string firstValue)
    {
        public string FirstValue { get; } = firstValue;

        public Dictionary<(string Node, string Value), long> Values { get; } = [];

        public long? DivergedAtMs { get; set; }
    }
}
