using Wiber.Raft;

namespace Wiber.Broker.StateMachine;

/// <summary>Applying committed entries: the only way the state changes.</summary>
public sealed partial class BrokerState
{
    /// <summary>
    /// Applies a committed Raft entry: decodes it (outside the lock) and applies the command; a no-op entry
    /// or undecodable bytes only advance <see cref="LastAppliedIndex"/>, identically on every node.
    /// </summary>
    public ApplyResult Apply(in Entry entry)
    {
        if (entry.Kind == EntryKind.Empty)
        {
            lock (_gate)
            {
                return TryAdvance(entry.Index, entry.Term, out var stale) ? ApplyResult.Of(ApplyStatus.NoOp) : stale;
            }
        }
        if (!CommandCodec.TryDecode(entry.Data.Span, out var command, out var error))
        {
            lock (_gate)
            {
                return TryAdvance(entry.Index, entry.Term, out var stale)
                    ? ApplyResult.Of(ApplyStatus.Malformed, $"entry {entry.Index}: {error}")
                    : stale;
            }
        }
        return Apply(entry.Index, entry.Term, command);
    }

    /// <summary>
    /// Applies one command carried by the entry at <paramref name="index"/>. Indexes must rise (gaps are
    /// fine: no-op entries need not be passed); an index at or below <see cref="LastAppliedIndex"/> is
    /// ignored and reported as <see cref="ApplyStatus.AlreadyApplied"/>, so replaying entries a snapshot
    /// already covers is harmless. Rejections are results, never exceptions.
    /// </summary>
    public ApplyResult Apply(ulong index, ulong term, BrokerCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        lock (_gate)
        {
            if (!TryAdvance(index, term, out var stale))
            {
                return stale;
            }
            return command switch
            {
                PublishCommand publish => new ApplyResult(ApplyStatus.Ok, string.Empty, [ApplyPublish(index, term, publish)]),
                PublishBatchCommand batch => ApplyBatch(index, term, batch),
                CreateTopicCommand create => ApplyCreateTopic(create),
                DeleteTopicCommand delete => ApplyDeleteTopic(delete),
                AckOffsetCommand ack => ApplyAck(ack),
                _ => throw new ArgumentException($"unknown command type {command.GetType().Name}", nameof(command)),
            };
        }
    }

    private bool TryAdvance(ulong index, ulong term, out ApplyResult stale)
    {
        if (index <= _lastAppliedIndex)
        {
            stale = ApplyResult.Of(ApplyStatus.AlreadyApplied, $"entry {index} is at or below the last applied index {_lastAppliedIndex}");
            return false;
        }
        _lastAppliedIndex = index;
        _lastAppliedTerm = term;
        stale = null!;
        return true;
    }

    private ApplyResult ApplyBatch(ulong index, ulong term, PublishBatchCommand batch)
    {
        var outcomes = new PublishOutcome[batch.Publishes.Count];
        for (var i = 0; i < outcomes.Length; i++)
        {
            outcomes[i] = ApplyPublish(index, term, batch.Publishes[i]);
        }
        return new ApplyResult(ApplyStatus.Ok, string.Empty, outcomes);
    }

    private PublishOutcome ApplyPublish(ulong index, ulong term, PublishCommand publish)
    {
        var nowMs = AdvanceClock(publish.LeaderTimestamp);
        var topic = GetOrCreateTopic(publish.Topic);
        topic.EnforceRetention(nowMs, Options.Dedup);
        if (publish.MessageId is { } id && topic.Dedup.TryGetOffset(id, out var original))
        {
            Reschedule(topic);
            return new PublishOutcome(topic.Name, original, Duplicate: true);
        }
        var offset = topic.NextOffset;
        topic.Append(new StoredMessage(
            topic.Name, offset, index, term, publish.MessageId, publish.Payload, publish.ProducerTimeMs, publish.LeaderTimestamp));
        if (publish.MessageId is { } newId)
        {
            topic.Dedup.Remember(new RememberedId(newId, offset, publish.LeaderTimestamp), Options.Dedup);
        }
        topic.EnforceRetention(nowMs, Options.Dedup);
        Reschedule(topic);
        return new PublishOutcome(topic.Name, offset, Duplicate: false);
    }

    private ApplyResult ApplyCreateTopic(CreateTopicCommand create)
    {
        if (_topics.ContainsKey(create.Name))
        {
            return ApplyResult.Of(ApplyStatus.TopicExists, $"topic {create.Name} already exists");
        }
        _topics.Add(create.Name, new TopicState(create.Name, create.Description, create.Retention, startOffset: 0));
        return ApplyResult.Of(ApplyStatus.Ok);
    }

    private ApplyResult ApplyDeleteTopic(DeleteTopicCommand delete)
    {
        if (!_topics.Remove(delete.Name))
        {
            return ApplyResult.Of(ApplyStatus.TopicNotFound, $"topic {delete.Name} does not exist");
        }
        _expiry.Schedule(delete.Name, null);
        return ApplyResult.Of(ApplyStatus.Ok);
    }

    private ApplyResult ApplyAck(AckOffsetCommand ack)
    {
        if (!_topics.TryGetValue(ack.Topic, out var topic))
        {
            return ApplyResult.Of(ApplyStatus.TopicNotFound, $"topic {ack.Topic} does not exist");
        }
        if (ack.Offset >= topic.NextOffset)
        {
            return ApplyResult.Of(
                ApplyStatus.InvalidOffset,
                topic.NextOffset == 0
                    ? $"offset {ack.Offset} is invalid: nothing was published to {ack.Topic}"
                    : $"offset {ack.Offset} is invalid: the last offset of {ack.Topic} is {topic.NextOffset - 1}");
        }
        if (topic.GetGroupOffset(ack.Group) is { } current && current >= ack.Offset)
        {
            return ApplyResult.Of(ApplyStatus.Unchanged, $"group {ack.Group} already acknowledged {current} in {ack.Topic}");
        }
        topic.SetGroupOffset(ack.Group, ack.Offset);
        return ApplyResult.Of(ApplyStatus.Ok);
    }

    private TopicState GetOrCreateTopic(string name)
    {
        if (!_topics.TryGetValue(name, out var topic))
        {
            topic = new TopicState(name, string.Empty, Options.DefaultRetention, startOffset: 0);
            _topics.Add(name, topic);
        }
        return topic;
    }

    /// <summary>
    /// Moves "now" to the newest leader timestamp seen (it never goes back, even if a command carries an
    /// older one) and lets every topic whose age limits fell due evict.
    /// </summary>
    private long AdvanceClock(ulong timestamp)
    {
        Volatile.Write(ref _latestTimestamp, Math.Max(_latestTimestamp, timestamp));
        var nowMs = HybridTimestamp.UnixMs(_latestTimestamp);
        while (_expiry.TryTakeDue(nowMs, out var name))
        {
            var topic = _topics[name];
            topic.EnforceRetention(nowMs, Options.Dedup);
            Reschedule(topic);
        }
        return nowMs;
    }

    private void Reschedule(TopicState topic) => _expiry.Schedule(topic.Name, topic.NextExpiryMs(Options.Dedup));
}
