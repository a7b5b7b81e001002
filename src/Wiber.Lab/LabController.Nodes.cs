using Wiber.Lab.Processes;
using Wiber.Lab.State;

namespace Wiber.Lab;

public sealed partial class LabController
{
    /// <summary>The node operations: <c>kill</c> (SIGKILL, a crash), <c>stop</c> (SIGTERM, graceful), <c>start</c>, <c>restart</c>, <c>pause</c> (SIGSTOP), <c>resume</c> (SIGCONT).</summary>
    public static IReadOnlyList<string> NodeActions { get; } = ["kill", "stop", "start", "restart", "pause", "resume"];

    /// <summary>
    /// Applies one operation to one node. Idempotent where it can be: starting a running node or resuming
    /// one that is not paused changes nothing and says so (<see cref="LabNodeChange.Changed"/> false).
    /// </summary>
    public Task<LabNodeChange> NodeAsync(string action, string nodeId, CancellationToken cancellationToken) => UnderLockAsync(async state =>
    {
        if (!NodeActions.Contains(action))
        {
            throw new LabException(LabErrorKind.Usage, $"unknown node action '{action}': {string.Join(", ", NodeActions)}");
        }

        var node = state.Node(nodeId);
        var alive = IsAlive(node);
        var before = alive ? node.State : (node.State is "running" or "paused" ? "crashed" : node.State);
        LabNode after;
        switch (action)
        {
            case "kill" when alive:
                Signals.Send(node.Pid!.Value, Signals.Kill);
                await LabProcess.WaitForExitAsync(node.Pid.Value, node.ProcessStartedAt, TimeSpan.FromSeconds(5), cancellationToken).ConfigureAwait(false);
                after = node with { State = "killed" };
                break;
            case "stop" when alive:
                await TerminateAsync(node.Pid!.Value, node.ProcessStartedAt, cancellationToken).ConfigureAwait(false);
                after = node with { State = "stopped" };
                break;
            case "kill" or "stop":
                after = node with { State = action == "kill" ? "killed" : "stopped" };
                break;
            case "start" when alive:
                after = node;
                break;
            case "start":
                after = StartNode(state, node, Executables.Node().Executable, Executables.Node().PrefixArguments);
                break;
            case "restart":
                if (alive)
                {
                    await TerminateAsync(node.Pid!.Value, node.ProcessStartedAt, cancellationToken).ConfigureAwait(false);
                }

                after = StartNode(state, node, Executables.Node().Executable, Executables.Node().PrefixArguments);
                break;
            case "pause" when alive && node.State != "paused":
                Signals.Send(node.Pid!.Value, Signals.Stop);
                after = node with { State = "paused" };
                break;
            case "resume" when alive && node.State == "paused":
                Signals.Send(node.Pid!.Value, Signals.Continue);
                after = node with { State = "running" };
                break;
            case "pause" or "resume" when !alive:
                throw new LabException(LabErrorKind.Usage, $"{nodeId} is not running ({before}); 'wiber lab start {nodeId}' first");
            default:
                after = node;   // pause of a paused node, resume of a running one: already so
                break;
        }

        var changed = after != node;
        if (changed)
        {
            Directory.Save(state.With(after));
            Record(action, [nodeId], after.Pid is { } pid && after.Pid != node.Pid ? $"pid {pid}" : $"pid {node.Pid}");
        }

        return new LabNodeChange(nodeId, action, before, changed ? after.State : before, after.Pid, changed);
    }, cancellationToken);
}
