using System.Globalization;
using Wiber.Lab.Docker;
using Wiber.Lab.State;

namespace Wiber.Lab.Runtime;

/// <summary>
/// The Docker backend: the proxy and every node are containers on one user network (<c>wiber-&lt;lab id&gt;</c>).
/// The lab directory is mounted at <c>/lab</c> in every node (its <c>cluster.yaml</c> and <c>nodes/&lt;id&gt;/</c>
/// data and logs), so <c>wiber lab logs</c> and the checker see the same files as with processes. Only what
/// the host needs is published on 127.0.0.1: the proxy's API and client ports, and each node's admin port.
/// Kill, stop, pause and resume go through the engine (SIGKILL, SIGTERM, cgroup freezer).
/// </summary>
public sealed class DockerRuntime(IDockerEngine engine) : ILabRuntime
{
    public const string NodeImage = "wiber-node:dev";
    public const string CliImage = "wiber:dev";
    private const string LabLabel = "wiber.lab";
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(5);

    public string Backend => "docker";

    public LabAddressing Addressing => LabAddressing.Docker;

    private static string NetworkName(string labId) => $"wiber-{labId}";

    private static Dictionary<string, string> Labels(string labId) => new() { [LabLabel] = labId };

    public async Task PrepareAsync(LabDirectory directory, string labId, CancellationToken cancellationToken)
    {
        if (!await engine.PingAsync(cancellationToken).ConfigureAwait(false))
        {
            throw new LabException(LabErrorKind.Failed, $"no Docker engine answers at {engine.Endpoint} (scripts/install-docker.sh starts one)");
        }

        foreach (var image in new[] { NodeImage, CliImage })
        {
            if (!await engine.ImageExistsAsync(image, cancellationToken).ConfigureAwait(false))
            {
                throw new LabException(LabErrorKind.Failed, $"the image {image} is missing: build it with scripts/docker-images.sh");
            }
        }

        await engine.CreateNetworkAsync(NetworkName(labId), Labels(labId), cancellationToken).ConfigureAwait(false);
    }

    public async Task<LabProxy> StartProxyAsync(LabDirectory directory, string labId, int apiPort, IReadOnlyList<int> publishedPorts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(publishedPorts);
        var spec = new ContainerSpec
        {
            Name = $"{labId}-proxy",
            Image = CliImage,
            Command = ["proxy", "serve", "--host", "0.0.0.0", "--port", apiPort.ToString(CultureInfo.InvariantCulture)],
            Network = NetworkName(labId),
            NetworkAliases = [LabAddressing.DockerProxyName],
            Ports = [.. publishedPorts.Prepend(apiPort).Select(p => new PortBinding(p, p))],
            Labels = Labels(labId),
        };
        var id = await CreateAndStartAsync(spec, cancellationToken).ConfigureAwait(false);
        return new LabProxy(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{apiPort}"), null, null, id);
    }

    public async Task<bool> IsProxyAliveAsync(LabProxy proxy, CancellationToken cancellationToken) =>
        proxy?.Container is { } id && await engine.InspectAsync(id, cancellationToken).ConfigureAwait(false) is { State: ContainerState.Running or ContainerState.Paused };

    public async Task StopProxyAsync(LabProxy proxy, CancellationToken cancellationToken)
    {
        if (proxy?.Container is { } id)
        {
            await engine.RemoveAsync(id, force: true, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<LabNode> StartNodeAsync(LabDirectory directory, string labId, LabNode node, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(node);
        if (node.Container is { } old)
        {
            await engine.RemoveAsync(old, force: true, cancellationToken).ConfigureAwait(false);   // a fresh container on the same data
        }

        var spec = new ContainerSpec
        {
            Name = $"{labId}-{node.Id}",
            Image = NodeImage,
            Command = ["--id", node.Id, "--config", "/lab/cluster.yaml", "--data-root", "/lab/nodes"],
            Network = NetworkName(labId),
            NetworkAliases = [node.Id],
            Hostname = node.Id,
            Ports = [new PortBinding(node.AdminPort, node.AdminPort)],
            Binds = [new BindMount(directory.Path, "/lab")],
            Labels = Labels(labId),
        };
        var id = await CreateAndStartAsync(spec, cancellationToken).ConfigureAwait(false);
        var info = await engine.InspectAsync(id, cancellationToken).ConfigureAwait(false);
        return node with { Container = id, Pid = info?.Pid, ProcessStartedAt = info?.StartedAt, State = "running", ClockSkewMs = 0 };
    }

    private async Task<string> CreateAndStartAsync(ContainerSpec spec, CancellationToken cancellationToken)
    {
        await engine.RemoveAsync(spec.Name, force: true, cancellationToken).ConfigureAwait(false);   // a leftover of a crashed lab
        var id = await engine.CreateContainerAsync(spec, cancellationToken).ConfigureAwait(false);
        try
        {
            await engine.StartAsync(id, cancellationToken).ConfigureAwait(false);
        }
        catch (DockerException ex)
        {
            await engine.RemoveAsync(id, force: true, CancellationToken.None).ConfigureAwait(false);
            throw new LabException(ex.Message.Contains("port is already allocated", StringComparison.OrdinalIgnoreCase) || ex.Message.Contains("address already in use", StringComparison.OrdinalIgnoreCase)
                ? LabErrorKind.PortInUse
                : LabErrorKind.Failed, $"cannot start container {spec.Name}: {ex.Message}", ex);
        }

        return id;
    }

    public async Task<bool> IsAliveAsync(LabNode node, CancellationToken cancellationToken) =>
        node?.Container is { } id && await engine.InspectAsync(id, cancellationToken).ConfigureAwait(false) is { State: ContainerState.Running or ContainerState.Paused };

    public Task KillAsync(LabNode node, CancellationToken cancellationToken) => engine.KillAsync(Container(node), "SIGKILL", cancellationToken);

    public async Task TerminateAsync(LabNode node, CancellationToken cancellationToken)
    {
        var id = Container(node);
        if (await engine.InspectAsync(id, cancellationToken).ConfigureAwait(false) is { State: ContainerState.Paused })
        {
            await engine.UnpauseAsync(id, cancellationToken).ConfigureAwait(false);   // a frozen process cannot act on SIGTERM
        }

        await engine.StopAsync(id, Grace, cancellationToken).ConfigureAwait(false);
    }

    public Task PauseAsync(LabNode node, CancellationToken cancellationToken) => engine.PauseAsync(Container(node), cancellationToken);

    public Task ResumeAsync(LabNode node, CancellationToken cancellationToken) => engine.UnpauseAsync(Container(node), cancellationToken);

    /// <summary>Every container and the network of this lab, found by label, so even a half-made lab is cleaned.</summary>
    public async Task CleanupAsync(LabState state, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(state);
        foreach (var container in await engine.ListAsync(Labels(state.LabId), cancellationToken).ConfigureAwait(false))
        {
            await engine.RemoveAsync(container.Id, force: true, cancellationToken).ConfigureAwait(false);
        }

        await engine.RemoveNetworkAsync(NetworkName(state.LabId), cancellationToken).ConfigureAwait(false);
    }

    private static string Container(LabNode node) =>
        node?.Container ?? throw new LabException(LabErrorKind.Failed, $"{node?.Id} has no container");

    public void Dispose() => engine.Dispose();
}
