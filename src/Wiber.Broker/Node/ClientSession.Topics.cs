using System.Text.Json;
using Wiber.Broker.Protocol;
using Wiber.Broker.StateMachine;

namespace Wiber.Broker.Node;

internal sealed partial class ClientSession
{
    private Task<Reply> CreateTopicAsync(CreateTopicRequest request)
    {
        CreateTopicCommand command;
        try
        {
            var retention = new RetentionPolicy(
                (long)(request.Retention.MaxAge?.TotalMilliseconds ?? 0), 0, request.Retention.MaxMessages ?? 0);
            command = new CreateTopicCommand(request.Topic, request.Description ?? "", retention);
        }
        catch (ArgumentException ex)
        {
            return Task.FromResult(Error(ErrorCode.BadArgument, ex.Message));
        }
        if (_context.Machine.State.Topics().FirstOrDefault(t => t.Name == request.Topic) is { } existing
            && existing.Description == command.Description && existing.Retention == command.Retention)
        {
            // Creating what already exists, identically, is not an error: CREATE is idempotent.
            return Task.FromResult(Reply.Of(o => ReplyWriter.WriteTopicCreated(o, request.Topic, alreadyExisted: true)));
        }
        if (_context.Host.Status.Raft.Role != Wiber.Raft.StateRole.Leader)
        {
            return Task.FromResult(NotLeader(_context.Host.Status.Raft.Leader));
        }
        return ProposeAsync(CommandCodec.Encode(command), _ => Reply.Of(o => ReplyWriter.WriteTopicCreated(o, request.Topic)));
    }

    private Task<Reply> DeleteTopicAsync(DeleteTopicRequest request)
    {
        if (_context.Host.Status.Raft.Role != Wiber.Raft.StateRole.Leader)
        {
            return Task.FromResult(NotLeader(_context.Host.Status.Raft.Leader));
        }
        return ProposeAsync(CommandCodec.Encode(new DeleteTopicCommand(request.Topic)), _ => Reply.Of(o => ReplyWriter.WriteTopicDeleted(o, request.Topic)));
    }

    private Task<Reply> AckAsync(AckRequest request)
    {
        AckOffsetCommand command;
        try
        {
            command = new AckOffsetCommand(request.Group, request.Topic, request.Offset);
        }
        catch (ArgumentException ex)
        {
            return Task.FromResult(Error(ErrorCode.BadArgument, ex.Message));
        }
        if (_context.Host.Status.Raft.Role != Wiber.Raft.StateRole.Leader)
        {
            return Task.FromResult(NotLeader(_context.Host.Status.Raft.Leader));
        }
        return ProposeAsync(CommandCodec.Encode(command), _ => Reply.Of(o => ReplyWriter.WriteAcked(o, request.Topic, request.Offset)));
    }

    private Reply Topics()
    {
        var topics = _context.Machine.State.Topics();
        return Reply.Of(o =>
        {
            foreach (var t in topics)
            {
                var retention = new TopicRetention(
                    t.Retention.MaxMessages == 0 ? null : t.Retention.MaxMessages,
                    t.Retention.MaxAgeMs == 0 ? null : TimeSpan.FromMilliseconds(t.Retention.MaxAgeMs));
                ReplyWriter.WriteTopic(o, new Protocol.TopicInfo(t.Name, t.NextOffset, retention, t.Description.Length == 0 ? null : t.Description));
            }
            ReplyWriter.WriteTopicsEnd(o, topics.Count);
        });
    }

    private Reply Status()
    {
        var document = _context.Status();
        var json = JsonSerializer.SerializeToUtf8Bytes(document);
        return Reply.Of(o => ReplyWriter.WriteStatus(o, writer =>
        {
            using var parsed = JsonDocument.Parse(json);
            foreach (var property in parsed.RootElement.EnumerateObject())
            {
                property.WriteTo(writer);
            }
        }));
    }
}
