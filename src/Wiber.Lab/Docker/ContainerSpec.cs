namespace Wiber.Lab.Docker;

/// <summary>What <see cref="IDockerEngine.CreateContainerAsync"/> creates (a subset of the engine's create body).</summary>
public sealed record ContainerSpec
{
    /// <summary>The container's name (unique on the engine; also how other calls can address it).</summary>
    public required string Name { get; init; }

    /// <summary>The image, e.g. <c>wiber-node:dev</c>; never pulled: it must exist on the engine.</summary>
    public required string Image { get; init; }

    /// <summary>Arguments passed to the image's entrypoint (the engine's <c>Cmd</c>).</summary>
    public IReadOnlyList<string> Command { get; init; } = [];

    /// <summary>Replaces the image's entrypoint when set.</summary>
    public IReadOnlyList<string>? Entrypoint { get; init; }

    /// <summary>Environment variables added to the image's.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>A user-defined network to attach to at creation (by name or id); none: the default bridge.</summary>
    public string? Network { get; init; }

    /// <summary>DNS names other containers on <see cref="Network"/> reach this one by (besides its name).</summary>
    public IReadOnlyList<string> NetworkAliases { get; init; } = [];

    /// <summary>The container's host name; the engine's default is the short id.</summary>
    public string? Hostname { get; init; }

    /// <summary>TCP ports published on the host.</summary>
    public IReadOnlyList<PortBinding> Ports { get; init; } = [];

    /// <summary>Host directories or files mounted into the container.</summary>
    public IReadOnlyList<BindMount> Binds { get; init; } = [];

    /// <summary>Labels, e.g. to find and clean up everything a lab created (<see cref="IDockerEngine.ListAsync"/>).</summary>
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();

    /// <summary><c>uid[:gid]</c> to run as; the image's default (root in the wiber images) when null.</summary>
    public string? User { get; init; }
}

/// <summary>
/// Publishes <see cref="ContainerPort"/>/tcp on <see cref="HostIp"/>:<see cref="HostPort"/>; host port 0 lets
/// the engine pick a free one (read it back from <see cref="ContainerInfo.HostPorts"/>).
/// </summary>
public sealed record PortBinding(int ContainerPort, int HostPort = 0, string HostIp = "127.0.0.1");

/// <summary>Mounts <see cref="HostPath"/> (absolute) at <see cref="ContainerPath"/>.</summary>
public sealed record BindMount(string HostPath, string ContainerPath, bool ReadOnly = false);
