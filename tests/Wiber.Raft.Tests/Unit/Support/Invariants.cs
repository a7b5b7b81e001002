namespace Wiber.Raft.Tests.Unit.Support;

/// <summary>What must hold after any step, however hostile the input: checked by the fuzz tests.</summary>
internal static class Invariants
{
    public static void CheckResult(StepResult result, string context)
    {
        if (result.Accepted != (result.Reason is null) || result.Reason is { Length: 0 })
        {
            throw new InvalidOperationException($"{context}: result {result} must carry a reason exactly when ignored");
        }
    }

    /// <summary>The contract's first line: foreign, unknown or term-0 messages are ignored and change nothing.</summary>
    public static void CheckJunkIgnored(Message m, RaftNode node, StepResult result, NodeState before, string context)
    {
        var junk = m.To != node.Id || m.From == node.Id || !node.Voters.Contains(m.From) || m.Term == 0;
        if (!junk)
        {
            return;
        }
        if (result.Accepted)
        {
            throw new InvalidOperationException($"{context}: junk message {m} was accepted");
        }
        var after = NodeState.Of(node);
        if (after != before)
        {
            throw new InvalidOperationException($"{context}: junk message {m} changed {before} to {after}");
        }
    }

    public static void CheckNode(RaftNode node, NodeState before, IEnumerable<Message> sent, string context)
    {
        if (node.Term < before.Term)
        {
            Fail($"term went down from {before.Term}");
        }
        if (node.CommitIndex < before.Commit)
        {
            Fail($"commit went down from {before.Commit}");
        }
        if (node.CommitIndex > node.LastIndex)
        {
            Fail("commit beyond the last index");
        }
        if (node.AppliedIndex > node.CommitIndex)
        {
            Fail("applied beyond commit");
        }
        if ((node.Role == StateRole.Leader) != (node.Leader == node.Id))
        {
            Fail("role and leader disagree");
        }
        if (!node.TryGetTerm(node.LastIndex, out _) || !node.TryGetTerm(node.FirstIndex - 1, out _))
        {
            Fail("log bounds have no term");
        }
        foreach (var m in sent)
        {
            if (m.From != node.Id || m.To == node.Id || !node.Voters.Contains(m.To) || m.Term == 0)
            {
                Fail($"sent an impossible message {m}");
            }
        }

        void Fail(string what) => throw new InvalidOperationException($"{context}: {what} — {node.Status()}");
    }
}
