using Wiber.Lab.State;

namespace Wiber.Lab;

public sealed partial class LabController
{
    /// <summary>
    /// The lab state and, per node, what its admin endpoint says and which faults touch it. Lag and clock
    /// offset are the leader's view of each node (as in <c>wiber status</c>), so they are null without a leader.
    /// </summary>
    public async Task<(LabState State, IReadOnlyList<LabNodeStatus> Nodes)> StatusAsync(CancellationToken cancellationToken)
    {
        var state = Directory.Load();
        var runtime = Runtime(state);
        var answers = await Task.WhenAll(state.Nodes.Select(async n =>
        {
            var alive = await runtime.IsAliveAsync(n, cancellationToken).ConfigureAwait(false);
            var status = alive && n.State != "paused" ? await _admin.StatusAsync(n.Host, n.AdminPort, cancellationToken).ConfigureAwait(false) : null;
            return (Node: n, Alive: alive, Status: status);
        })).ConfigureAwait(false);
        var leader = answers.Select(a => a.Status).Where(s => s?.Role == "leader").MaxBy(s => s!.Term);
        var rows = answers.Select(a =>
        {
            var (n, alive, status) = a;
            var processState = alive ? n.State : n.State is "running" or "paused" ? "crashed" : n.State;
            var faults = state.Faults.Where(f => f.Nodes.Contains(n.Id)).Select(f => f.Description).ToList();
            if (n.ClockSkewMs != 0)
            {
                faults.Add(FormattableString.Invariant($"clock skew {n.ClockSkewMs:+0;-0}ms"));
            }

            var isLeader = leader is not null && leader.Id == n.Id;
            var seenByLeader = leader?.Peers.FirstOrDefault(p => p.Id == n.Id);
            return new LabNodeStatus(
                n.Id, status?.Role, status?.Term, status?.Leader, status?.CommitIndex, alive ? n.Pid : null, processState, $"{n.Host}:{n.ClientProxyPort}", faults,
                LastIndex: status?.LastIndex,
                Lag: isLeader ? 0 : seenByLeader?.Lag,
                ClockOffsetMs: isLeader ? 0 : seenByLeader?.ClockOffsetMs);
        }).ToList();
        return (state, rows);
    }

    /// <summary>Skews the node's clock (its hybrid clock's physical part) by the offset; 0 removes the skew.</summary>
    public Task<LabNodeChange> SkewAsync(string nodeId, TimeSpan offset, CancellationToken cancellationToken) => UnderLockAsync(async state =>
    {
        var node = state.Node(nodeId);
        if (!await Runtime(state).IsAliveAsync(node, cancellationToken).ConfigureAwait(false) || node.State == "paused")
        {
            throw new LabException(LabErrorKind.Usage, $"{nodeId} is not running ({node.State}); its clock can be skewed only while it runs");
        }

        var ms = (long)offset.TotalMilliseconds;
        await _admin.SetClockSkewAsync(node.Host, node.AdminPort, ms, cancellationToken).ConfigureAwait(false);
        Directory.Save(state.With(node with { ClockSkewMs = ms }));
        Record("skew", [nodeId], FormattableString.Invariant($"clock skew {ms:+0;-0;0}ms"));
        return new LabNodeChange(nodeId, "skew", FormattableString.Invariant($"{node.ClockSkewMs}ms"), FormattableString.Invariant($"{ms}ms"), node.Pid, node.ClockSkewMs != ms);
    }, cancellationToken);

    public IReadOnlyList<LabEvent> Events() => LabEventLog.Read(Directory);
}
