using System.Diagnostics;
using Wiber.Chaos.Client;
using Wiber.Lab.Admin;
using Wiber.Lab.Runtime;
using Wiber.Lab.State;

namespace Wiber.Lab;

/// <summary>
/// Runs a lab in one directory: every command loads the state, acts, records an event and saves the state,
/// under the lab's lock. The backend (<see cref="ILabRuntime"/>: processes or containers) is the one the lab
/// was created with. Split by concern: lifecycle (up, down), nodes (kill, pause, …), network (partition,
/// slow, flaky, heal), inspection (status, skew, events).
/// </summary>
public sealed partial class LabController(LabDirectory directory) : IDisposable
{
    private static readonly TimeSpan LockWait = TimeSpan.FromSeconds(30);
    private readonly NodeAdmin _admin = new();
    private ILabRuntime? _runtime;

    public LabDirectory Directory { get; } = directory;

    public void Dispose()
    {
        _admin.Dispose();
        _runtime?.Dispose();
    }

    private ILabRuntime Runtime(string backend)
    {
        if (_runtime?.Backend != backend)
        {
            _runtime?.Dispose();
            _runtime = LabRuntimes.For(backend);
        }

        return _runtime;
    }

    private ILabRuntime Runtime(LabState state) => Runtime(state.Backend);

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

    /// <summary>Is the node's process or container still there, whatever the backend?</summary>
    public Task<bool> IsAliveAsync(LabState state, LabNode node, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(state);
        return Runtime(state).IsAliveAsync(node, cancellationToken);
    }
}
