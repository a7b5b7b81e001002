namespace Wiber.Lab.Docker;

/// <summary>
/// The few Docker Engine calls the lab needs (docs/docker.md). <see cref="DockerEngine"/> speaks the Engine
/// API over the unix socket; this interface is the seam for another implementation (e.g. Testcontainers).
/// Containers, networks and images are addressed by id or name. Every call throws
/// <see cref="DockerException"/> on a refusal or when the engine cannot be reached, except
/// <see cref="PingAsync"/>, and the calls documented to return false or null for "no such thing".
/// </summary>
public interface IDockerEngine : IDisposable
{
    /// <summary>Where the engine is, e.g. <c>unix:///var/run/docker.sock</c>.</summary>
    string Endpoint { get; }

    /// <summary>True when the engine answers <c>/_ping</c>; false (never throws) when it is not there.</summary>
    Task<bool> PingAsync(CancellationToken cancellationToken = default);

    /// <summary>The engine's version and the API versions it accepts.</summary>
    Task<DockerVersion> VersionAsync(CancellationToken cancellationToken = default);

    /// <summary>The API version this client speaks to the engine (negotiated once, then cached).</summary>
    Task<string> ApiVersionAsync(CancellationToken cancellationToken = default);

    /// <summary>Whether the image (e.g. <c>wiber-node:dev</c>) exists on the engine; nothing is ever pulled.</summary>
    Task<bool> ImageExistsAsync(string image, CancellationToken cancellationToken = default);

    /// <summary>Creates a user-defined bridge network (containers on it resolve each other's names and aliases); returns its id.</summary>
    Task<string> CreateNetworkAsync(string name, IReadOnlyDictionary<string, string>? labels = null, CancellationToken cancellationToken = default);

    /// <summary>Removes a network; false when there was none. Fails (409) while containers are attached.</summary>
    Task<bool> RemoveNetworkAsync(string network, CancellationToken cancellationToken = default);

    /// <summary>Networks carrying every given label (<c>key</c>=<c>value</c>; an empty value matches any value).</summary>
    Task<IReadOnlyList<NetworkSummary>> ListNetworksAsync(IReadOnlyDictionary<string, string>? labels = null, CancellationToken cancellationToken = default);

    /// <summary>Attaches a container to a network, reachable there by its name and the aliases.</summary>
    Task ConnectNetworkAsync(string network, string container, IReadOnlyList<string>? aliases = null, CancellationToken cancellationToken = default);

    /// <summary>Detaches a container from a network (its connections over it break).</summary>
    Task DisconnectNetworkAsync(string network, string container, bool force = false, CancellationToken cancellationToken = default);

    /// <summary>Creates (does not start) a container; returns its id.</summary>
    Task<string> CreateContainerAsync(ContainerSpec spec, CancellationToken cancellationToken = default);

    /// <summary>Starts a created or stopped container; no-op when it already runs.</summary>
    Task StartAsync(string container, CancellationToken cancellationToken = default);

    /// <summary>Sends a signal to the main process (default SIGKILL). 409 when the container is not running.</summary>
    Task KillAsync(string container, string signal = "SIGKILL", CancellationToken cancellationToken = default);

    /// <summary>SIGTERM (or the image's stop signal), then SIGKILL after <paramref name="timeout"/>; no-op when already stopped.</summary>
    Task StopAsync(string container, TimeSpan timeout, CancellationToken cancellationToken = default);

    /// <summary>Freezes every process of the container (cgroup freezer): it holds its sockets and answers nothing.</summary>
    Task PauseAsync(string container, CancellationToken cancellationToken = default);

    /// <summary>Thaws a paused container.</summary>
    Task UnpauseAsync(string container, CancellationToken cancellationToken = default);

    /// <summary>Removes a container (with its anonymous volumes); <paramref name="force"/> kills it first if running. False when there was none.</summary>
    Task<bool> RemoveAsync(string container, bool force = true, CancellationToken cancellationToken = default);

    /// <summary>The container's state, pid, exit code, times, ports and addresses; null when there is no such container.</summary>
    Task<ContainerInfo?> InspectAsync(string container, CancellationToken cancellationToken = default);

    /// <summary>Containers (running or not) carrying every given label (<c>key</c>=<c>value</c>; an empty value matches any value).</summary>
    Task<IReadOnlyList<ContainerSummary>> ListAsync(IReadOnlyDictionary<string, string>? labels = null, CancellationToken cancellationToken = default);

    /// <summary>Waits until the container stops; returns its exit code.</summary>
    Task<int> WaitAsync(string container, CancellationToken cancellationToken = default);

    /// <summary>Everything the container wrote to stdout and stderr so far (or its last <paramref name="tail"/> lines).</summary>
    Task<ContainerLogs> LogsAsync(string container, int? tail = null, CancellationToken cancellationToken = default);
}
