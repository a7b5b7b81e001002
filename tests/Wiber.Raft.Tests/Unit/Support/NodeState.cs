namespace Wiber.Raft.Tests.Unit.Support;

/// <summary>
/// What a bad message must not change: term, vote, role, leader, commit and the log (every index's term).
/// A record so two captures compare by value.
/// </summary>
internal sealed record NodeState(ulong Term, ulong Vote, StateRole Role, ulong Leader, ulong Commit, ulong FirstIndex, ulong LastIndex, string LogTerms)
{
    public static NodeState Of(RaftNode node)
    {
        var terms = new List<string>();
        for (var i = node.FirstIndex - 1; i <= node.LastIndex; i++)
        {
            terms.Add(node.TryGetTerm(i, out var t) ? $"{i}:{t}" : $"{i}:?");
        }
        return new NodeState(node.Term, node.Vote, node.Role, node.Leader, node.CommitIndex, node.FirstIndex, node.LastIndex, string.Join(" ", terms));
    }
}
