namespace Wiber.Checker.Timeline;

/// <summary>A stretch of time in which polls showed <see cref="Node"/> as leader of <see cref="Term"/>.</summary>
internal sealed record LeaderSpan(string Node, long Term, long StartMs, long EndMs);

/// <summary>
/// Leader bands from status polls: a span opens at a poll that shows the node leading a term and lasts
/// until that node's next poll that shows anything else (or, after its last poll, until the last poll of
/// any node — polls are the only evidence, so the band ends where evidence does).
/// </summary>
internal static class LeaderSpans
{
    public static IReadOnlyList<LeaderSpan> Build(IReadOnlyList<StatusRecord> statuses)
    {
        if (statuses.Count == 0)
        {
            return [];
        }

        var lastPoll = statuses.Max(s => s.AtMs);
        var spans = new List<LeaderSpan>();
        foreach (var polls in statuses.GroupBy(s => s.Node, StringComparer.Ordinal))
        {
            LeaderSpan? current = null;
            foreach (var poll in polls.OrderBy(s => s.AtMs))
            {
                var leads = poll.Role == NodeRole.Leader;
                if (current is not null && (!leads || poll.Term != current.Term))
                {
                    spans.Add(current with { EndMs = poll.AtMs });
                    current = null;
                }

                if (leads && current is null)
                {
                    current = new LeaderSpan(poll.Node, poll.Term, poll.AtMs, poll.AtMs);
                }
            }

            if (current is not null)
            {
                spans.Add(current with { EndMs = lastPoll });
            }
        }

        return [.. spans.OrderBy(s => s.StartMs).ThenBy(s => s.Node, StringComparer.Ordinal)];
    }
}
