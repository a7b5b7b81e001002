namespace Wiber.Broker.StateMachine;

/// <summary>
/// The binary form of <see cref="BrokerCommand"/>s inside Raft entries: compact (varints, no field tags),
/// versioned (first byte), canonical (one encoding per command) and strict (trailing bytes, unknown kinds,
/// invalid names and non-shortest varints are all rejected). Decoding never throws: entries come from the
/// log, and a node must turn a bad one into a deterministic rejection, not a crash loop.
/// </summary>
public static class CommandCodec
{
    /// <summary>Encodes a command. Commands are validated when constructed, so this cannot fail for a valid instance.</summary>
    public static byte[] Encode(BrokerCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        var writer = new CommandWriter(EstimateSize(command));
        writer.WriteByte(CommandFormat.CurrentVersion);
        switch (command)
        {
            case PublishCommand publish:
                writer.WriteByte((byte)CommandKind.Publish);
                WritePublishBody(writer, publish);
                break;
            case PublishBatchCommand batch:
                writer.WriteByte((byte)CommandKind.PublishBatch);
                writer.WriteVarUInt64((ulong)batch.Publishes.Count);
                foreach (var publish in batch.Publishes)
                {
                    WritePublishBody(writer, publish);
                }
                break;
            case CreateTopicCommand create:
                writer.WriteByte((byte)CommandKind.CreateTopic);
                writer.WriteString(create.Name);
                writer.WriteString(create.Description);
                writer.WriteVarUInt64((ulong)create.Retention.MaxAgeMs);
                writer.WriteVarUInt64((ulong)create.Retention.MaxBytes);
                writer.WriteVarUInt64((ulong)create.Retention.MaxMessages);
                break;
            case DeleteTopicCommand delete:
                writer.WriteByte((byte)CommandKind.DeleteTopic);
                writer.WriteString(delete.Name);
                break;
            case AckOffsetCommand ack:
                writer.WriteByte((byte)CommandKind.AckOffset);
                writer.WriteString(ack.Group);
                writer.WriteString(ack.Topic);
                writer.WriteVarUInt64((ulong)ack.Offset);
                break;
            default:
                throw new ArgumentException($"unknown command type {command.GetType().Name}", nameof(command));
        }
        return writer.ToArray();
    }

    /// <summary>
    /// Decodes one command. Returns false with a description of the first problem (field and byte
    /// position) for anything malformed; never throws. Payloads are copied out of <paramref name="data"/>,
    /// so the state machine never keeps a host buffer (or a whole batch) alive through one message.
    /// </summary>
    public static bool TryDecode(ReadOnlySpan<byte> data, out BrokerCommand command, out string error)
    {
        command = null!;
        var reader = new CommandReader(data);
        if (!reader.TryReadByte("format version", out var version) || !reader.TryReadByte("command kind", out var kind))
        {
            error = reader.Error!;
            return false;
        }
        if (version != CommandFormat.Version1)
        {
            error = $"unsupported command format version {version} (this node reads version {CommandFormat.Version1})";
            return false;
        }
        var ok = (CommandKind)kind switch
        {
            CommandKind.Publish => TryReadPublish(ref reader, out command),
            CommandKind.PublishBatch => TryReadBatch(ref reader, out command),
            CommandKind.CreateTopic => TryReadCreateTopic(ref reader, out command),
            CommandKind.DeleteTopic => TryReadDeleteTopic(ref reader, out command),
            CommandKind.AckOffset => TryReadAckOffset(ref reader, out command),
            _ => reader.Fail($"unknown command kind {kind}"),
        };
        if (ok && reader.Remaining != 0)
        {
            ok = reader.Fail($"{reader.Remaining} trailing bytes at byte {reader.Position}");
        }
        if (!ok)
        {
            command = null!;
            error = reader.Error ?? "malformed command";
            return false;
        }
        error = string.Empty;
        return true;
    }

    private static int EstimateSize(BrokerCommand command) => command switch
    {
        PublishCommand p => 32 + p.Topic.Length + (p.MessageId?.Length ?? 0) + p.Payload.Length,
        PublishBatchCommand b => 8 + b.Publishes.Sum(p => 32 + p.Topic.Length + (p.MessageId?.Length ?? 0) + p.Payload.Length),
        _ => 64,
    };

    private static void WritePublishBody(CommandWriter writer, PublishCommand publish)
    {
        writer.WriteString(publish.Topic);
        writer.WriteString(publish.MessageId);
        writer.WriteVarUInt64((ulong)publish.ProducerTimeMs);
        writer.WriteFixedUInt64(publish.LeaderTimestamp);
        writer.WriteLengthPrefixed(publish.Payload.Span);
    }

    private static bool TryReadPublish(ref CommandReader reader, out BrokerCommand command)
    {
        var ok = TryReadPublishBody(ref reader, out var publish);
        command = publish!;
        return ok;
    }

    private static bool TryReadPublishBody(ref CommandReader reader, out PublishCommand? publish)
    {
        publish = null;
        if (!reader.TryReadTopic("topic", out var topic)
            || !reader.TryReadOptionalMessageId("message id", out var id)
            || !reader.TryReadVarInt64("producer time", out var producerTime)
            || !reader.TryReadFixedUInt64("leader timestamp", out var timestamp)
            || !reader.TryReadLengthPrefixed("payload", int.MaxValue, out var payload))
        {
            return false;
        }
        publish = new PublishCommand(topic, id, producerTime, timestamp, payload.ToArray());
        return true;
    }

    private static bool TryReadBatch(ref CommandReader reader, out BrokerCommand command)
    {
        command = null!;
        var start = reader.Position;
        if (!reader.TryReadVarUInt64("batch count", out var count))
        {
            return false;
        }
        // Bound the count by the bytes left before allocating for it: a corrupt count cannot cost memory.
        if (count == 0 || count > (ulong)(reader.Remaining / CommandFormat.MinPublishBodySize))
        {
            return reader.Fail($"invalid batch count {count} at byte {start} for {reader.Remaining} bytes left");
        }
        var publishes = new PublishCommand[(int)count];
        for (var i = 0; i < publishes.Length; i++)
        {
            if (!TryReadPublishBody(ref reader, out var publish))
            {
                return reader.FailWithContext($"batch item {i}");
            }
            publishes[i] = publish!;
        }
        command = new PublishBatchCommand(publishes);
        return true;
    }

    private static bool TryReadCreateTopic(ref CommandReader reader, out BrokerCommand command)
    {
        command = null!;
        if (!reader.TryReadTopic("topic", out var name)
            || !reader.TryReadDescription("description", out var description)
            || !reader.TryReadVarInt64("retention max age", out var maxAge)
            || !reader.TryReadVarInt64("retention max bytes", out var maxBytes)
            || !reader.TryReadVarInt64("retention max messages", out var maxMessages))
        {
            return false;
        }
        command = new CreateTopicCommand(name, description, new RetentionPolicy(maxAge, maxBytes, maxMessages));
        return true;
    }

    private static bool TryReadDeleteTopic(ref CommandReader reader, out BrokerCommand command)
    {
        command = null!;
        if (!reader.TryReadTopic("topic", out var name))
        {
            return false;
        }
        command = new DeleteTopicCommand(name);
        return true;
    }

    private static bool TryReadAckOffset(ref CommandReader reader, out BrokerCommand command)
    {
        command = null!;
        if (!reader.TryReadGroup("group", out var group)
            || !reader.TryReadTopic("topic", out var topic)
            || !reader.TryReadVarInt64("offset", out var offset))
        {
            return false;
        }
        command = new AckOffsetCommand(group, topic, offset);
        return true;
    }
}
