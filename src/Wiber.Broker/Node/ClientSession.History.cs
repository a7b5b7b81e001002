using Wiber.Broker.Protocol;
using Wiber.Broker.StateMachine;

namespace Wiber.Broker.Node;

internal sealed partial class ClientSession
{
    private async Task<Reply> HistoryAsync(HistoryRequest request)
    {
        if (request.Linearizable)
        {
            // ReadIndex: a quorum confirms we still lead, and we serve only once that commit is applied.
            var read = await _context.Host.ReadIndexAsync(Closing).ConfigureAwait(false);
            if (!read.Confirmed)
            {
                return NotLeader(read.LeaderId);
            }
        }
        var state = _context.Machine.State;
        var result = request.Selection switch
        {
            HistorySelection.Last last => state.Last(request.Topic, last.Count),
            HistorySelection.Range range => state.Read(request.Topic, range.From, range.Limit),
            HistorySelection.TimeWindow window => state.ReadByTime(request.Topic, window.SinceUnixMs ?? 0, window.UntilUnixMs ?? long.MaxValue, window.Limit),
            _ => null,
        };
        if (result is null)
        {
            return Error(ErrorCode.BadArgument, "unsupported history selection");
        }
        if (result.Status == ReadStatus.TopicNotFound)
        {
            return Error(ErrorCode.UnknownTopic, $"no topic named {request.Topic}");
        }
        // Where a client continues paging with from=: one past the last message returned, or, for an
        // empty page, wherever this read left off (the retained start, or the topic's end).
        var next = result.Messages.Count > 0
            ? result.Messages[^1].Offset + 1
            : request.Selection is HistorySelection.Range range2 ? Math.Min(Math.Max(range2.From, result.StartOffset), result.NextOffset) : result.NextOffset;
        return Reply.Of(o =>
        {
            foreach (var m in result.Messages)
            {
                ReplyWriter.WriteHistoryMessage(o, ToDelivered(m), request.Format);
            }
            ReplyWriter.WriteHistoryEnd(o, request.Topic, result.Messages.Count, next);
        });
    }
}
