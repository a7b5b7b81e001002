namespace Wiber.Lab.Docker;

/// <summary>A container's state as the engine reports it.</summary>
public enum ContainerState
{
    Unknown,
    Created,
    Running,
    Paused,
    Restarting,
    Removing,
    Exited,
    Dead,
}

/// <summary>What <see cref="IDockerEngine.InspectAsync"/> tells about one container.</summary>
/// <param name="Id">The full container id.</param>
/// <param name="Name">The name, without the engine's leading slash.</param>
/// <param name="Image">The image as given at creation (e.g. <c>wiber-node:dev</c>).</param>
/// <param name="State">Running, paused, exited…</param>
/// <param name="Pid">The main process's pid on the host (0 when not running).</param>
/// <param name="ExitCode">The last exit code (137 after SIGKILL; meaningful once exited).</param>
/// <param name="StartedAt">When it last started; null if never.</param>
/// <param name="FinishedAt">When it last stopped; null if never.</param>
/// <param name="OomKilled">Whether the kernel's OOM killer ended it.</param>
/// <param name="Error">The engine's error for a failed start, or empty.</param>
/// <param name="HostPorts">Published TCP ports: container port to host port.</param>
/// <param name="Labels">The container's labels (the image's included).</param>
/// <param name="NetworkAddresses">Network name to the container's IPv4 address on it.</param>
public sealed record ContainerInfo(
    string Id,
    string Name,
    string Image,
    ContainerState State,
    int Pid,
    int ExitCode,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    bool OomKilled,
    string Error,
    IReadOnlyDictionary<int, int> HostPorts,
    IReadOnlyDictionary<string, string> Labels,
    IReadOnlyDictionary<string, string> NetworkAddresses)
{
    public bool IsRunning => State == ContainerState.Running;
}

/// <summary>One line of <see cref="IDockerEngine.ListAsync"/>.</summary>
/// <param name="Status">The engine's human text, e.g. "Up 3 seconds (Paused)".</param>
public sealed record ContainerSummary(
    string Id,
    string Name,
    string Image,
    ContainerState State,
    string Status,
    DateTimeOffset Created,
    IReadOnlyDictionary<string, string> Labels);

/// <summary>One line of <see cref="IDockerEngine.ListNetworksAsync"/>.</summary>
public sealed record NetworkSummary(string Id, string Name, string Driver, IReadOnlyDictionary<string, string> Labels);

/// <summary>The engine's <c>/version</c>.</summary>
/// <param name="Version">The engine's release, e.g. 20.10.24.</param>
/// <param name="ApiVersion">The newest API version it speaks.</param>
/// <param name="MinApiVersion">The oldest API version it accepts.</param>
public sealed record DockerVersion(string Version, string ApiVersion, string MinApiVersion, string Os, string Arch, string KernelVersion);
