using Wiber.Broker.Hosting;
using Wiber.Broker.Protocol;
using Wiber.Broker.StateMachine;
using Wiber.Raft;

namespace Wiber.Broker.Node;

internal sealed partial class ClientSession
{
    private LeaderForwarder? _forwarder;

    private async Task<Reply> PublishAsync(PublishRequest request)
    {
        var status = _context.Host.Status.Raft;
        if (status.Role != StateRole.Leader)
        {
            return await PublishViaLeaderAsync(request, status.Leader).ConfigureAwait(false);
        }
        PublishCommand command;
        try
        {
            // The leader stamps the hybrid timestamp: one clock orders a topic's time, whatever the producers'.
            command = new PublishCommand(request.Topic, request.MessageId, request.ProducerTimeUnixMs ?? 0,
                NextTimestamp(), request.Payload.ToArray());
        }
        catch (ArgumentException ex)
        {
            return Error(ErrorCode.BadArgument, ex.Message);
        }
        return await ProposeAsync(CommandCodec.Encode(command), result =>
        {
            var published = result.Publishes[0];
            _context.Counters.Published();
            return Reply.Of(o => ReplyWriter.WritePublished(o, published.Topic, published.Offset, published.Duplicate));
        }).ConfigureAwait(false);
    }

    /// <summary>
    /// The leader's hybrid timestamp for a new message: after everything already applied (a new leader's
    /// clock may lag the old one's), so a topic's timestamps never go back.
    /// </summary>
    private ulong NextTimestamp() => _context.Clock.Update(_context.Machine.State.LatestTimestamp).Value;

    /// <summary>Proposes a command and turns every outcome into the reply a client can act on.</summary>
    private async Task<Reply> ProposeAsync(byte[] command, Func<ApplyResult, Reply> onApplied)
    {
        // The host answers TimedOut after its proposal timeout (the publish timeout): no timer per publish.
        var outcome = await _context.Host.ProposeAsync(command, Closing).ConfigureAwait(false);
        return outcome.Status switch
        {
            ProposalStatus.Committed when outcome.Result is ApplyResult { Status: ApplyStatus.Ok or ApplyStatus.Unchanged } result => onApplied(result),
            ProposalStatus.Committed when outcome.Result is ApplyResult result => Error(ToErrorCode(result.Status), result.Detail),
            ProposalStatus.NotLeader => NotLeader(outcome.LeaderId),
            ProposalStatus.Unknown => Error(ErrorCode.Timeout, "leadership changed before the commit; the outcome is unknown — retry with the same id"),
            ProposalStatus.Failed => Error(ErrorCode.NoLeader, "leadership changed and the message was not written; retry"),
            ProposalStatus.TimedOut => Error(ErrorCode.Timeout, "no commit within the publish timeout; the outcome is unknown — retry with the same id"),
            ProposalStatus.Busy => Error(ErrorCode.Timeout, "the leader is saturated (too much waiting to commit); back off and retry"),
            _ => Error(ErrorCode.Internal, $"unexpected outcome {outcome.Status}"),
        };
    }

    private static ErrorCode ToErrorCode(ApplyStatus status) => status switch
    {
        ApplyStatus.TopicExists => ErrorCode.TopicExists,
        ApplyStatus.TopicNotFound => ErrorCode.UnknownTopic,
        _ => ErrorCode.BadArgument,
    };

    private async Task<Reply> PublishViaLeaderAsync(PublishRequest request, ulong leader)
    {
        if (leader == 0 || _context.ClientAddressOf(leader) is not { } address)
        {
            return Error(ErrorCode.NoLeader, "no leader is known right now; retry shortly");
        }
        if (request.Redirect)
        {
            return NotLeader(leader);
        }
        _forwarder ??= new LeaderForwarder(_context.Limits.Protocol);
        var line = await _forwarder.ForwardAsync(address, request, _context.Limits.PublishTimeout, Closing).ConfigureAwait(false);
        _context.Counters.ForwardedOne();
        await WaitUntilAppliedHereAsync(line).ConfigureAwait(false);
        return Reply.Of(o => o.Write(line.Span));
    }

    /// <summary>
    /// Read-your-writes on a follower: before relaying the leader's OK, wait (briefly) until this node has
    /// applied the message too, so a HISTORY or SUB on the same connection sees what it just published.
    /// </summary>
    private async Task WaitUntilAppliedHereAsync(ReadOnlyMemory<byte> line)
    {
        var parts = System.Text.Encoding.UTF8.GetString(line.Span).Split(' ', 4, StringSplitOptions.TrimEntries);
        if (parts.Length < 3 || parts[0] != "OK" || !long.TryParse(parts[2], System.Globalization.CultureInfo.InvariantCulture, out var offset))
        {
            return;
        }
        var topic = parts[1];
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(1);
        while (DateTime.UtcNow < deadline && !Closing.IsCancellationRequested)
        {
            var changed = _context.Signals.NextChange(topic);
            if (_context.Machine.State.Last(topic, 0).NextOffset > offset)
            {
                return;
            }
            await Task.WhenAny(changed, Task.Delay(50, Closing)).ConfigureAwait(false);
        }
    }

    private Reply NotLeader(ulong leader) => leader != 0 && _context.ClientAddressOf(leader) is { } address
        ? Reply.Of(o => ReplyWriter.WriteNotLeader(o, address))
        : Error(ErrorCode.NoLeader, "no leader is known right now; retry shortly");

    private static Reply Error(ErrorCode code, string text) => Reply.Of(o => ReplyWriter.WriteError(o, code, text));
}
