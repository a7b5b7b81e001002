namespace Wiber.Checker.Analysis;

/// <summary>
/// One linear pass over a history that builds the dictionaries every check reads (by id, by offset, by
/// node), so no check needs more than a linear pass of its own: 10⁵ publishes and 3·10⁵ reads stay fast.
/// </summary>
internal sealed class HistoryIndex
{
    private readonly Dictionary<string, TopicIndex> _topics = new(StringComparer.Ordinal);

    public HistoryIndex(History history)
    {
        History = history;
        foreach (var publish in history.Publishes)
        {
            var topic = Topic(publish.Topic);
            if (!topic.PublishesById.TryGetValue(publish.Id, out var attempts))
            {
                topic.PublishesById[publish.Id] = attempts = [];
            }

            attempts.Add(publish);
        }

        foreach (var read in history.Reads)
        {
            AddRead(Topic(read.Topic), read);
        }

        Topics = [.. _topics.Values.OrderBy(t => t.Name, StringComparer.Ordinal)];
    }

    public History History { get; }

    /// <summary>Topics named by any publish or read, sorted by name.</summary>
    public IReadOnlyList<TopicIndex> Topics { get; }

    private static void AddRead(TopicIndex topic, ReadRecord read)
    {
        var sighting = new Sighting(read.Offset, read.Node, read.AtMs);
        if (!topic.ValueAt.TryGetValue(read.Offset, out var known))
        {
            topic.ValueAt[read.Offset] = (read.Value, sighting);
        }
        else if (!string.Equals(known.Value, read.Value, StringComparison.Ordinal))
        {
            topic.ConflictingOffsets.Add(read.Offset);
        }

        if (topic.SightingsOf.TryGetValue(read.Value, out var sightings))
        {
            sightings.Add(sighting);
        }
        else
        {
            topic.SightingsOf[read.Value] = new IdSightings(sighting);
        }

        topic.ReachOf[read.Node] = topic.ReachOf.TryGetValue(read.Node, out var reach) ? Math.Max(reach, read.Offset) : read.Offset;

        if (!topic.FirstOffsetOnNode.TryGetValue(read.Node, out var onNode))
        {
            topic.FirstOffsetOnNode[read.Node] = onNode = new Dictionary<string, long>(StringComparer.Ordinal);
        }

        if (!onNode.TryAdd(read.Value, read.Offset) && onNode[read.Value] != read.Offset)
        {
            topic.RepeatsOnNode.Add((read.Node, read.Value, read.AtMs));
        }
    }

    private TopicIndex Topic(string name)
    {
        if (!_topics.TryGetValue(name, out var topic))
        {
            _topics[name] = topic = new TopicIndex(name);
        }

        return topic;
    }
}
