using Wiber.Lab.State;

namespace Wiber.Lab.Runtime;

/// <summary>
/// How a backend runs the lab's programs: processes (signals by pid) or containers (the Docker engine).
/// Everything else — proxies, faults, state, events — is the same for both, in <see cref="LabController"/>.
/// </summary>
public interface ILabRuntime : IDisposable
{
    /// <summary><c>process</c> or <c>docker</c>, as saved in the state.</summary>
    string Backend { get; }

    LabAddressing Addressing { get; }

    /// <summary>Prepares what the nodes share (the Docker network); nothing for processes.</summary>
    Task PrepareAsync(LabDirectory directory, string labId, CancellationToken cancellationToken);

    /// <summary>Starts the embedded Toxiproxy serving its API on <paramref name="apiPort"/>, with <paramref name="publishedPorts"/> reachable from the host.</summary>
    Task<LabProxy> StartProxyAsync(LabDirectory directory, string labId, int apiPort, IReadOnlyList<int> publishedPorts, CancellationToken cancellationToken);

    Task<bool> IsProxyAliveAsync(LabProxy proxy, CancellationToken cancellationToken);

    Task StopProxyAsync(LabProxy proxy, CancellationToken cancellationToken);

    /// <summary>Starts the node with its data; returns it with its new process or container and state <c>running</c>.</summary>
    Task<LabNode> StartNodeAsync(LabDirectory directory, string labId, LabNode node, CancellationToken cancellationToken);

    /// <summary>Is the node's process or container still there (running or paused)?</summary>
    Task<bool> IsAliveAsync(LabNode node, CancellationToken cancellationToken);

    /// <summary>SIGKILL: a crash.</summary>
    Task KillAsync(LabNode node, CancellationToken cancellationToken);

    /// <summary>SIGTERM, and SIGKILL if it is still there after a grace period.</summary>
    Task TerminateAsync(LabNode node, CancellationToken cancellationToken);

    Task PauseAsync(LabNode node, CancellationToken cancellationToken);

    Task ResumeAsync(LabNode node, CancellationToken cancellationToken);

    /// <summary>Removes what <see cref="PrepareAsync"/> and the starts left (containers, network); nothing for processes.</summary>
    Task CleanupAsync(LabState state, CancellationToken cancellationToken);
}
