using Wiber.Lab.Dashboard.Views;
using Wiber.Lab.State;

namespace Wiber.Lab.Dashboard.Live;

/// <summary>Takes a <see cref="ClusterSnapshot"/> through <see cref="LabController.StatusAsync"/>: the same status as <c>wiber lab status</c>.</summary>
public sealed class SnapshotSource(LabDirectory directory) : IDisposable
{
    private readonly LabController _lab = new(directory);

    public async Task<ClusterSnapshot> TakeAsync(CancellationToken cancellationToken)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        try
        {
            var (state, rows) = await _lab.StatusAsync(cancellationToken).ConfigureAwait(false);
            var nodes = NodeView.From(state, rows);
            var leader = nodes.Where(n => n.Role == "leader").MaxBy(n => n.Term);
            var lab = new LabView(true, directory.Path, state.LabId, state.Backend, state.Proxy.Url, state.ClientServers, null);
            return new ClusterSnapshot(now, lab, leader?.Node, leader?.Term ?? nodes.Max(n => n.Term), nodes, LinkView.All(state), [.. state.Faults.Select(FaultView.From)]);
        }
        catch (LabException ex)
        {
            return new ClusterSnapshot(now, new LabView(false, directory.Path, null, null, null, [], ex.Message), null, null, [], [], []);
        }
    }

    /// <summary>The lab's event log (as <c>wiber lab events</c>).</summary>
    public IReadOnlyList<EventView> Events() => [.. _lab.Events().Select(EventView.From)];

    public void Dispose() => _lab.Dispose();
}
