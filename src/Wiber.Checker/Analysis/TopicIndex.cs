namespace Wiber.Checker.Analysis;

/// <summary>Everything known about one topic, keyed for constant-time look-ups by id and by offset.</summary>
internal sealed class TopicIndex(string name)
{
    public string Name { get; } = name;

    /// <summary>Publish attempts by id, in history order (retries of one logical publish share an id).</summary>
    public Dictionary<string, List<PublishRecord>> PublishesById { get; } = new(StringComparer.Ordinal);

    /// <summary>The first value any node returned at each offset.</summary>
    public Dictionary<long, (string Value, Sighting First)> ValueAt { get; } = [];

    /// <summary>Offsets where some read returned a value other than <see cref="ValueAt"/>: divergence.</summary>
    public HashSet<long> ConflictingOffsets { get; } = [];

    /// <summary>Where each value was read, over all nodes.</summary>
    public Dictionary<string, IdSightings> SightingsOf { get; } = new(StringComparer.Ordinal);

    /// <summary>The highest offset each node returned.</summary>
    public Dictionary<string, long> ReachOf { get; } = new(StringComparer.Ordinal);

    /// <summary>Per node: the first offset each value was read at (to spot one node seeing an id twice).</summary>
    public Dictionary<string, Dictionary<string, long>> FirstOffsetOnNode { get; } = new(StringComparer.Ordinal);

    /// <summary>Each time a node returned an id at a second, different offset.</summary>
    public List<(string Node, string Id, long AtMs)> RepeatsOnNode { get; } = [];

    /// <summary>The highest offset any node returned, or null when nobody read this topic.</summary>
    public long? Reach => ReachOf.Count == 0 ? null : ReachOf.Values.Max();

    /// <summary>Nodes that returned an offset at or beyond <paramref name="offset"/>, sorted.</summary>
    public IReadOnlyList<string> NodesReaching(long offset) =>
        [.. ReachOf.Where(kv => kv.Value >= offset).Select(kv => kv.Key).Order(StringComparer.Ordinal)];

    public string? ValueRead(long offset) => ValueAt.TryGetValue(offset, out var v) ? v.Value : null;
}
