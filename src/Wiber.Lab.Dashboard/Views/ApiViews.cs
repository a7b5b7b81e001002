using Wiber.Lab.State;

namespace Wiber.Lab.Dashboard.Views;

/// <summary>
/// One node in <c>GET /cluster/nodes</c> and in the live snapshot: the fields of <c>wiber lab status --json</c>
/// plus the leader's view of its lag and clock offset, its last log index and its admin port.
/// </summary>
public sealed record NodeView(
    string Node,
    string? Role,
    long? Term,
    string? Leader,
    long? Commit,
    long? LastIndex,
    long? Lag,
    double? ClockOffsetMs,
    int? Pid,
    string State,
    string Client,
    int AdminPort,
    IReadOnlyList<string> Faults)
{
    public static IReadOnlyList<NodeView> From(LabState state, IReadOnlyList<LabNodeStatus> rows)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(rows);
        return [.. rows.Select(r => new NodeView(
            r.Node, r.Role, r.Term, r.Leader, r.Commit, r.LastIndex, r.Lag,
            r.ClockOffsetMs is { } ms ? Math.Round(ms, 1) : null,
            r.Pid, r.State, r.ClientAddress,
            state.Nodes.FirstOrDefault(n => n.Id == r.Node)?.AdminPort ?? 0,
            r.Faults))];
    }
}

/// <summary><c>POST /cluster/heal</c>: as <c>wiber lab heal --json</c>.</summary>
public sealed record HealView(int RemovedToxics);

/// <summary>A network fault in force, as <c>wiber lab partition|slow|flaky --json</c> prints it.</summary>
public sealed record FaultView(string Kind, string Description, DateTimeOffset At, IReadOnlyList<string> Nodes, IReadOnlyList<ToxicView> Toxics)
{
    public static FaultView From(LabFault fault)
    {
        ArgumentNullException.ThrowIfNull(fault);
        return new FaultView(fault.Kind, fault.Description, fault.At, fault.Nodes, [.. fault.Toxics.Select(t => new ToxicView(t.Proxy, t.Name))]);
    }
}

public sealed record ToxicView(string Proxy, string Name);

/// <summary>A node operation, as <c>wiber lab kill|stop|start|restart|pause|resume|skew|down --json</c> prints it.</summary>
public sealed record NodeChangeView(string Node, string Action, string Before, string After, int? Pid, bool Changed)
{
    public static NodeChangeView From(LabNodeChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        return new NodeChangeView(change.Node, change.Action, change.Before, change.After, change.Pid, change.Changed);
    }
}

/// <summary>One line of the lab's event log, as <c>wiber lab events --json</c> prints it.</summary>
public sealed record EventView(DateTimeOffset At, long AtMs, string Kind, IReadOnlyList<string> Nodes, string Detail, bool Ok)
{
    public static EventView From(LabEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return new EventView(e.At, e.AtMs, e.Kind, e.Nodes, e.Detail, e.Ok);
    }
}
