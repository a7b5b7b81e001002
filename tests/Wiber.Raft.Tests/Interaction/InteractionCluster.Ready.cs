namespace Wiber.Raft.Tests.Interaction;

/// <summary>The host loop: handling Ready (persist, send, apply, advance) and delivering messages.</summary>
internal sealed partial class InteractionCluster
{
    // A scenario that needs more rounds than this is livelocked, not stabilizing.
    private const int MaxStabilizeRounds = 1000;

    /// <summary>stabilize [ids…]: handle Readies and deliver messages among the given nodes (default all) until none is left.</summary>
    private void Stabilize(ScriptArgs args, ScriptOutput output)
    {
        var nodes = args.Positional.Count > 0 ? args.Ids().Select(Node).ToArray() : _nodes.Values.ToArray();
        for (var round = 0; round < MaxStabilizeRounds; round++)
        {
            var busy = false;
            foreach (var node in nodes.Where(n => n.Raft.HasReady))
            {
                HandleReady(node, output);
                busy = true;
            }
            foreach (var node in nodes.Where(n => n.Inbox.Count > 0))
            {
                Deliver(node, drop: false, output);
                busy = true;
            }
            if (!busy)
            {
                return;
            }
        }
        throw new InvalidOperationException($"stabilize did not settle within {MaxStabilizeRounds} rounds");
    }

    /// <summary>process-ready id…: handle one Ready of each node (persist, send, apply), without delivering anything.</summary>
    private void ProcessReady(ScriptArgs args, ScriptOutput output)
    {
        foreach (var node in args.Ids().Select(Node).Where(n => n.Raft.HasReady))
        {
            HandleReady(node, output);
        }
    }

    /// <summary>deliver-msgs [drop] id…: step every message waiting for each node (or lose them all with drop).</summary>
    private void DeliverMessages(ScriptArgs args, ScriptOutput output)
    {
        var drop = args.TakeFlag("drop");
        foreach (var node in args.Ids().Select(Node).Where(n => n.Inbox.Count > 0))
        {
            Deliver(node, drop, output);
        }
    }

    /// <summary>
    /// Follows the Ready contract (see Ready.cs): persist snapshot, entries and hard state; then send; then
    /// apply the snapshot and committed entries; then Advance. Prints only what the Ready carried.
    /// </summary>
    private void HandleReady(ClusterNode node, ScriptOutput output)
    {
        var rd = node.Raft.GetReady();
        var lines = new ScriptOutput();

        if (!rd.HardState.IsEmpty)
        {
            lines.Line($"HardState term={rd.HardState.Term} vote={rd.HardState.Vote} commit={rd.HardState.Commit}");
        }
        if (rd.Snapshot is { } snapshot)
        {
            node.Storage.ApplySnapshot(snapshot);
            lines.Line($"Snapshot: {ClusterNode.Describe(snapshot)}");
        }
        if (rd.Entries.Count > 0)
        {
            node.Storage.Append(rd.Entries);
            lines.Line($"Entries: {string.Join(", ", rd.Entries)}");
        }
        if (!rd.HardState.IsEmpty)
        {
            node.Storage.SetHardState(rd.HardState);
        }

        lines.Items(rd.Messages.Select(Send).ToArray(), "");

        if (rd.Snapshot is { } applied)
        {
            node.RestoreStateMachine(applied);
        }
        foreach (var entry in rd.CommittedEntries)
        {
            node.Apply(entry);
        }
        if (rd.CommittedEntries.Count > 0)
        {
            lines.Line($"Committed: {string.Join(", ", rd.CommittedEntries)}");
        }
        if (rd.ReadStates.Count > 0)
        {
            lines.Line($"ReadStates: {string.Join(", ", rd.ReadStates.Select(r => $"index={r.Index} ctx={r.RequestId}"))}");
        }
        node.Raft.Advance(rd);

        // A Ready carrying only a role change (already printed when it happened) prints nothing.
        if (lines.Lines.Count > 0)
        {
            output.Line($"> {node.Id} handling Ready{(rd.MustSync ? " (fsync)" : "")}");
            output.AddIndented(lines.Lines, "  ");
        }
    }

    /// <summary>Puts a message on the network: into the receiver's inbox, unless a partition swallows it.</summary>
    private OutputItem Send(Message m)
    {
        if (IsCut(m.From, m.To))
        {
            return new OutputItem($"{Describe(m)} (dropped: partition)", []);
        }
        Node(m.To).Inbox.Enqueue(m);
        return new OutputItem(Describe(m), []);
    }

    /// <summary>Message.ToString, plus the one field it leaves out that a reader of a script needs.</summary>
    private static string Describe(Message m) =>
        m.Type == MessageType.TransferLeader ? $"{m} target={m.Index}" : m.ToString();

    private void Deliver(ClusterNode node, bool drop, ScriptOutput output)
    {
        var items = new List<OutputItem>();
        while (node.Inbox.TryDequeue(out var m))
        {
            if (drop)
            {
                items.Add(new OutputItem(Describe(m), []));
                continue;
            }
            StepResult result = default;
            var details = Observe(node, () => result = node.Raft.Step(m));
            if (!result.Accepted)
            {
                details.Add(result.ToString());
            }
            items.Add(new OutputItem(Describe(m), details));
        }
        output.Line(drop ? $"> {node.Id} dropping messages" : $"> {node.Id} receiving messages");
        output.Items(items, "  ");
    }
}
