using System.Diagnostics;
using Wiber.Chaos.Client;
using Wiber.Lab.Admin;
using Wiber.Lab.Processes;
using Wiber.Lab.State;

namespace Wiber.Lab;

/// <summary>
/// Runs a lab in one directory with the process backend: every command loads the state, acts, records an
/// event and saves the state, under the lab's lock. Split by concern: lifecycle (up, down), nodes (kill,
/// pause, …), network (partition, slow, flaky, heal), inspection (status, skew, events).
/// </summary>
public sealed partial class LabController(LabDirectory directory) : IDisposable
{
    private static readonly TimeSpan LockWait = TimeSpan.FromSeconds(30);
    private readonly NodeAdmin _admin = new();

    public LabDirectory Directory { get; } = directory;

    public void Dispose() => _admin.Dispose();

    private async Task<T> UnderLockAsync<T>(Func<LabState, Task<T>> action, CancellationToken cancellationToken)
    {
        using var held = await Directory.LockAsync(LockWait, cancellationToken).ConfigureAwait(false);
        return await action(Directory.Load()).ConfigureAwait(false);
    }

    private void Record(string kind, IEnumerable<string> nodes, string detail, bool ok = true) =>
        LabEventLog.Append(Directory, new LabEvent(DateTimeOffset.UtcNow, kind, [.. nodes], detail, ok));

    private static ToxiproxyClient ProxyClient(LabState state) => new(new Uri(state.Proxy.Url));

    /// <summary>Polls every node's admin endpoint until one reports itself leader (highest term wins).</summary>
    public async Task<string?> WaitForLeaderAsync(LabState state, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(state);
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var statuses = await Task.WhenAll(state.Nodes.Select(n => _admin.StatusAsync(n.Host, n.AdminPort, cancellationToken))).ConfigureAwait(false);
            if (statuses.Where(s => s?.Role == "leader").MaxBy(s => s!.Term) is { } leader)
            {
                return leader.Id;
            }

            if (clock.Elapsed > timeout)
            {
                return null;
            }

            await Task.Delay(25, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Is the node's recorded process still running (and still ours)?</summary>
    public static bool IsAlive(LabNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return LabProcess.IsAlive(node.Pid, node.ProcessStartedAt);
    }
}
