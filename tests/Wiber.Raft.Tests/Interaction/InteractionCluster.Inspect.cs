namespace Wiber.Raft.Tests.Interaction;

/// <summary>Commands that only look: node state, logs, the leader's view of its followers.</summary>
internal sealed partial class InteractionCluster
{
    /// <summary>raft-state: one line per node.</summary>
    private void RaftState(ScriptOutput output)
    {
        foreach (var node in _nodes.Values)
        {
            output.Line(StateLine(node));
        }
    }

    private string StateLine(ClusterNode node)
    {
        var r = node.Raft;
        var isolated = _nodes.Count > 1 && _nodes.Keys.Where(o => o != node.Id).All(o => IsCut(node.Id, o)) ? " (isolated)" : "";
        return $"{r.Id}: {r.Role} term={r.Term} vote={r.Vote} leader={r.Leader} commit={r.CommitIndex} last={r.LastIndex}{isolated}";
    }

    /// <summary>raft-log id: the node's persisted log (its snapshot first, if it has one).</summary>
    private void RaftLog(ScriptArgs args, ScriptOutput output)
    {
        var node = Node(args.Id(0));
        var storage = node.Storage;
        if (!storage.GetSnapshot().IsEmpty)
        {
            output.Line($"snapshot {ClusterNode.Describe(storage.GetSnapshot())}");
        }
        if (storage.LastIndex >= storage.FirstIndex)
        {
            foreach (var entry in storage.GetEntries(storage.FirstIndex, storage.LastIndex + 1, long.MaxValue))
            {
                output.Line(entry.ToString());
            }
        }
        if (node.Raft.LastIndex > storage.LastIndex)
        {
            output.Line($"(+{node.Raft.LastIndex - storage.LastIndex} entries not yet persisted)");
        }
        if (output.Lines.Count == 0)
        {
            output.Line("empty");
        }
    }

    /// <summary>raft-progress id: what the leader knows of each follower.</summary>
    private void RaftProgress(ScriptArgs args, ScriptOutput output)
    {
        var status = Node(args.Id(0)).Raft.Status();
        if (status.Role != StateRole.Leader)
        {
            output.Line($"{status.Id} is not the leader");
            return;
        }
        foreach (var p in status.Progress.Where(p => p.Id != status.Id))
        {
            var active = p.RecentActive ? " active" : "";
            output.Line($"{p.Id}: {p.State} match={p.Match} next={p.Next} inflight={p.Inflight}{active}");
        }
    }
}
