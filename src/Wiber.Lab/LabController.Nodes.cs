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
        var runtime = Runtime(state);
        var alive = await runtime.IsAliveAsync(node, cancellationToken).ConfigureAwait(false);
        var before = alive ? node.State : (node.State is "running" or "paused" ? "crashed" : node.State);
        LabNode after;
        switch (action)
        {
            case "kill" when alive:
                await runtime.KillAsync(node, cancellationToken).ConfigureAwait(false);
                after = node with { State = "killed" };
                break;
            case "stop" when alive:
                await runtime.TerminateAsync(node, cancellationToken).ConfigureAwait(false);
                after = node with { State = "stopped" };
                break;
            case "kill" or "stop":
                after = node with { State = action == "kill" ? "killed" : "stopped" };
                break;
            case "start" when alive:
                after = node;
                break;
            case "start":
                after = await runtime.StartNodeAsync(Directory, state.LabId, node, cancellationToken).ConfigureAwait(false);
                break;
            case "restart":
                if (alive)
                {
                    await runtime.TerminateAsync(node, cancellationToken).ConfigureAwait(false);
                }

                after = await runtime.StartNodeAsync(Directory, state.LabId, node, cancellationToken).ConfigureAwait(false);
                break;
            case "pause" when alive && node.State != "paused":
                await runtime.PauseAsync(node, cancellationToken).ConfigureAwait(false);
                after = node with { State = "paused" };
                break;
            case "resume" when alive && node.State == "paused":
                await runtime.ResumeAsync(node, cancellationToken).ConfigureAwait(false);
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
