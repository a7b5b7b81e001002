namespace Wiber.Broker.StateMachine;

/// <summary>
/// Snapshots: the whole state in a deterministic binary form (docs/broker-state.md). Topics and groups are
/// written in ordinal name order and every collection in its apply order, so equal states give equal bytes
/// — which is what the determinism tests compare across nodes.
/// </summary>
public sealed partial class BrokerState
{
    /// <summary>
    /// Writes the state to <paramref name="stream"/>. Call it on the apply thread (between applies);
    /// queries may continue meanwhile. The stream is flushed, not closed.
    /// </summary>
    public void WriteSnapshot(Stream stream) => CaptureSnapshot().WriteTo(stream);

    /// <summary>
    /// Freezes the state as it is now, cheaply: copies of each topic's message, id and group lists (the
    /// messages themselves are immutable and shared), not their encoding. Call it on the apply thread; the
    /// capture can then be written from any thread while applies go on — the host takes snapshots that way.
    /// </summary>
    public SnapshotCapture CaptureSnapshot()
    {
        lock (_gate)
        {
            var topics = _topics.Values
                .OrderBy(t => t.Name, StringComparer.Ordinal)
                .Select(t => new SnapshotCapture.Topic(
                    t.Name, t.Description, t.Retention, t.StartOffset,
                    t.Messages.Copy(0, t.Count),
                    t.Dedup.Snapshot(),
                    t.GroupOffsets.OrderBy(g => g.Key, StringComparer.Ordinal).ToArray()))
                .ToArray();
            return new SnapshotCapture(Options, _lastAppliedIndex, _lastAppliedTerm, _latestTimestamp, topics);
        }
    }

    /// <summary>A frozen copy of the state, ready to encode (see <see cref="CaptureSnapshot"/>).</summary>
    public sealed class SnapshotCapture
    {
        private readonly BrokerStateOptions _options;
        private readonly Topic[] _topics;

        internal SnapshotCapture(BrokerStateOptions options, ulong lastAppliedIndex, ulong lastAppliedTerm, ulong latestTimestamp, Topic[] topics)
        {
            _options = options;
            LastAppliedIndex = lastAppliedIndex;
            LastAppliedTerm = lastAppliedTerm;
            LatestTimestamp = latestTimestamp;
            _topics = topics;
        }

        public ulong LastAppliedIndex { get; }

        public ulong LastAppliedTerm { get; }

        public ulong LatestTimestamp { get; }

        /// <summary>Encodes the captured state (the format of docs/broker-state.md). Any thread; the stream is flushed, not closed.</summary>
        public void WriteTo(Stream stream)
        {
            ArgumentNullException.ThrowIfNull(stream);
            var writer = new SnapshotWriter(stream);
            writer.WriteVarInt64(_options.Dedup.MaxIdsPerTopic);
            writer.WriteVarInt64(_options.Dedup.MaxAgeMs);
            WriteRetention(writer, _options.DefaultRetention);
            writer.WriteFixedUInt64(LastAppliedIndex);
            writer.WriteFixedUInt64(LastAppliedTerm);
            writer.WriteFixedUInt64(LatestTimestamp);
            writer.WriteVarUInt64((ulong)_topics.Length);
            foreach (var topic in _topics)
            {
                WriteTopic(writer, topic);
            }
            writer.Complete();
        }

        internal sealed record Topic(
            string Name,
            string Description,
            RetentionPolicy Retention,
            long StartOffset,
            StoredMessage[] Messages,
            RememberedId[] Remembered,
            KeyValuePair<string, long>[] Groups);
    }

    /// <summary>Restores a state written by <see cref="WriteSnapshot"/>, with the options it was written with.</summary>
    /// <exception cref="SnapshotFormatException">Truncated, corrupt, unknown version or inconsistent content.</exception>
    public static BrokerState ReadSnapshot(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var reader = new SnapshotReader(stream);
        var options = new BrokerStateOptions
        {
            Dedup = new DedupWindow(reader.ReadCount("dedup max ids", int.MaxValue), reader.ReadVarInt64("dedup max age")),
            DefaultRetention = ReadRetention(reader),
        };
        if (!options.Dedup.IsValid)
        {
            throw reader.Corrupt($"invalid dedup window {options.Dedup}");
        }
        var state = new BrokerState(options)
        {
            _lastAppliedIndex = reader.ReadFixedUInt64("last applied index"),
            _lastAppliedTerm = reader.ReadFixedUInt64("last applied term"),
            _latestTimestamp = reader.ReadFixedUInt64("latest timestamp"),
        };
        var topicCount = reader.ReadCount("topic count", int.MaxValue);
        string? previous = null;
        for (var i = 0; i < topicCount; i++)
        {
            var topic = ReadTopic(reader, state._lastAppliedIndex);
            if (previous is not null && string.CompareOrdinal(previous, topic.Name) >= 0)
            {
                throw reader.Corrupt($"topics out of order at {topic.Name}");
            }
            previous = topic.Name;
            state._topics.Add(topic.Name, topic);
            state.Reschedule(topic);
        }
        reader.Complete();
        return state;
    }

    private static void WriteRetention(SnapshotWriter writer, RetentionPolicy retention)
    {
        writer.WriteVarInt64(retention.MaxAgeMs);
        writer.WriteVarInt64(retention.MaxBytes);
        writer.WriteVarInt64(retention.MaxMessages);
    }

    private static RetentionPolicy ReadRetention(SnapshotReader reader) => new(
        reader.ReadVarInt64("retention max age"),
        reader.ReadVarInt64("retention max bytes"),
        reader.ReadVarInt64("retention max messages"));

    private static void WriteTopic(SnapshotWriter writer, SnapshotCapture.Topic topic)
    {
        writer.WriteString(topic.Name);
        writer.WriteString(topic.Description);
        WriteRetention(writer, topic.Retention);
        writer.WriteVarInt64(topic.StartOffset);

        // Messages: offsets are implicit (StartOffset + position); the topic name is the topic's.
        writer.WriteVarUInt64((ulong)topic.Messages.Length);
        foreach (var message in topic.Messages)
        {
            writer.WriteVarUInt64(message.Index);
            writer.WriteVarUInt64(message.Term);
            writer.WriteString(message.MessageId);
            writer.WriteVarInt64(message.ProducerTimeMs);
            writer.WriteFixedUInt64(message.LeaderTimestamp);
            writer.WriteLengthPrefixed(message.Payload.Span);
        }

        writer.WriteVarUInt64((ulong)topic.Remembered.Length);
        foreach (var remembered in topic.Remembered)
        {
            writer.WriteString(remembered.Id);
            writer.WriteVarInt64(remembered.Offset);
            writer.WriteFixedUInt64(remembered.Timestamp);
        }

        writer.WriteVarUInt64((ulong)topic.Groups.Length);
        foreach (var (group, offset) in topic.Groups)
        {
            writer.WriteString(group);
            writer.WriteVarInt64(offset);
        }
    }

    private static TopicState ReadTopic(SnapshotReader reader, ulong lastAppliedIndex)
    {
        var name = reader.ReadString("topic name", Names.MaxTopicLength);
        if (!Names.IsValidTopic(name))
        {
            throw reader.Corrupt("invalid topic name");
        }
        var description = reader.ReadString("description", Names.MaxDescriptionLength);
        var retention = ReadRetention(reader);
        if (!Names.IsValidDescription(description) || !retention.IsValid)
        {
            throw reader.Corrupt($"invalid description or retention of topic {name}");
        }
        var start = reader.ReadVarInt64("start offset");
        var topic = new TopicState(name, description, retention, start);

        var messageCount = reader.ReadCount("message count", long.MaxValue - start);
        ulong previousIndex = 0;
        for (var i = 0; i < messageCount; i++)
        {
            var index = reader.ReadVarUInt64("message index");
            var term = reader.ReadVarUInt64("message term");
            var id = ReadOptionalId(reader);
            var producerTime = reader.ReadVarInt64("producer time");
            var timestamp = reader.ReadFixedUInt64("leader timestamp");
            var payload = reader.ReadLengthPrefixed("payload");
            if (index < previousIndex || index > lastAppliedIndex)
            {
                throw reader.Corrupt($"message index {index} out of order in topic {name}");
            }
            previousIndex = index;
            topic.Append(new StoredMessage(name, start + i, index, term, id, payload, producerTime, timestamp));
        }

        var idCount = reader.ReadCount("remembered id count", int.MaxValue);
        for (var i = 0; i < idCount; i++)
        {
            var id = ReadOptionalId(reader) ?? throw reader.Corrupt("empty remembered id");
            var offset = reader.ReadVarInt64("remembered offset");
            var timestamp = reader.ReadFixedUInt64("remembered timestamp");
            if (offset >= topic.NextOffset || topic.Dedup.TryGetOffset(id, out _))
            {
                throw reader.Corrupt($"remembered id {id} is inconsistent in topic {name}");
            }
            // Window unlimited here: the snapshot holds exactly what the writer remembered.
            topic.Dedup.Remember(new RememberedId(id, offset, timestamp), new DedupWindow(0, 0));
        }

        var groupCount = reader.ReadCount("group count", int.MaxValue);
        string? previousGroup = null;
        for (var i = 0; i < groupCount; i++)
        {
            var group = reader.ReadString("group", Names.MaxGroupLength);
            var offset = reader.ReadVarInt64("group offset");
            if (!Names.IsValidGroup(group) || offset >= topic.NextOffset
                || (previousGroup is not null && string.CompareOrdinal(previousGroup, group) >= 0))
            {
                throw reader.Corrupt($"group {group} is inconsistent in topic {name}");
            }
            previousGroup = group;
            topic.SetGroupOffset(group, offset);
        }
        return topic;
    }

    private static string? ReadOptionalId(SnapshotReader reader)
    {
        var id = reader.ReadString("message id", Names.MaxMessageIdLength);
        if (id.Length == 0)
        {
            return null;
        }
        return Names.IsValidMessageId(id) ? id : throw reader.Corrupt("invalid message id");
    }
}
