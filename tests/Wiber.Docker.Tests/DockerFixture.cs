using System.Diagnostics;
using Wiber.Lab.Docker;

[assembly: AssemblyFixture(typeof(Wiber.Docker.Tests.DockerFixture))]

namespace Wiber.Docker.Tests;

/// <summary>
/// The engine, the two images and one user network shared by every engine test. When no engine answers,
/// the engine tests are skipped with the reason (never passed); missing images are built once with
/// scripts/docker-images.sh. Everything created carries this run's labels and is removed on dispose,
/// along with what an earlier, crashed run left behind.
/// </summary>
public sealed class DockerFixture : IAsyncLifetime
{
    public const string NodeImage = "wiber-node:dev";
    public const string CliImage = "wiber:dev";
    public const string SuiteLabel = "wiber.test";
    public const string RunLabel = "wiber.test.run";
    private const string Suite = "Wiber.Docker.Tests";

    private string? _skipReason;
    private string? _imageFailure;

    public DockerEngine Engine { get; } = DockerEngine.FromEnvironment();

    /// <summary>Unique per run: a prefix for container names, and a label on everything created.</summary>
    public string RunId { get; } = "wdt-" + Guid.NewGuid().ToString("N")[..8];

    public IReadOnlyDictionary<string, string> Labels => new Dictionary<string, string> { [SuiteLabel] = Suite, [RunLabel] = RunId };

    /// <summary>The user-defined network of this run (containers on it resolve each other by alias).</summary>
    public string Network => RunId + "-net";

    public async ValueTask InitializeAsync()
    {
        if (!await Engine.PingAsync())
        {
            _skipReason = $"no Docker engine answers at {Engine.Endpoint}; scripts/install-docker.sh (as root) installs and starts one";
            TestContext.Current.SendDiagnosticMessage($"Docker engine tests SKIPPED: {_skipReason}");
            return;
        }
        await RemoveLeftoversAsync();
        if (!await Engine.ImageExistsAsync(NodeImage) || !await Engine.ImageExistsAsync(CliImage))
        {
            TestContext.Current.SendDiagnosticMessage("Docker images missing: building them with scripts/docker-images.sh --if-missing (a few minutes)");
            _imageFailure = await BuildImagesAsync();
        }
        await Engine.CreateNetworkAsync(Network, Labels);
        var version = await Engine.VersionAsync();
        TestContext.Current.SendDiagnosticMessage(
            $"Docker engine {version.Version} at {Engine.Endpoint}, API {await Engine.ApiVersionAsync()}; run {RunId}{(_imageFailure is null ? "" : "; IMAGES COULD NOT BE BUILT")}");
    }

    public async ValueTask DisposeAsync()
    {
        if (_skipReason is null)
        {
            var mine = new Dictionary<string, string> { [RunLabel] = RunId };
            foreach (var container in await Engine.ListAsync(mine))
            {
                await Engine.RemoveAsync(container.Id, force: true);
            }
            foreach (var network in await Engine.ListNetworksAsync(mine))
            {
                await Engine.RemoveNetworkAsync(network.Id);
            }
        }
        Engine.Dispose();
    }

    /// <summary>Skips the calling test, with the reason, when there is no engine.</summary>
    public void RequireEngine()
    {
        if (_skipReason is not null)
        {
            Assert.Skip(_skipReason);
        }
    }

    /// <summary>Skips without an engine; fails when the images could not be built.</summary>
    public void RequireImages()
    {
        RequireEngine();
        if (_imageFailure is not null)
        {
            Assert.Fail(_imageFailure);
        }
    }

    /// <summary>A container name unique to this run.</summary>
    public string Name(string name) => $"{RunId}-{name}";

    /// <summary>
    /// Creates and starts <c>wiber proxy serve</c> (the Toxiproxy-compatible API on 8474) on the run's
    /// network under <paramref name="alias"/>, with 8474 and <paramref name="extraPorts"/> published on
    /// loopback ports the engine picks; returns its id and the host port of 8474.
    /// </summary>
    public async Task<(string Id, int ApiPort)> StartProxyAsync(string name, string alias, params int[] extraPorts)
    {
        var ct = TestContext.Current.CancellationToken;
        var id = await Engine.CreateContainerAsync(
            new ContainerSpec
            {
                Name = Name(name),
                Image = CliImage,
                Command = ["proxy", "serve", "--host", "0.0.0.0", "--port", "8474"],
                Network = Network,
                NetworkAliases = [alias],
                Ports = [new PortBinding(8474), .. extraPorts.Select(p => new PortBinding(p))],
                Labels = Labels,
            },
            ct);
        await Engine.StartAsync(id, ct);
        var info = await Engine.InspectAsync(id, ct);
        Assert.NotNull(info);
        var apiPort = info.HostPorts[8474];
        await Http.WaitForAsync($"http://127.0.0.1:{apiPort}/version", TimeSpan.FromSeconds(20));
        return (id, apiPort);
    }

    private async Task RemoveLeftoversAsync()
    {
        var suite = new Dictionary<string, string> { [SuiteLabel] = Suite };
        // Older than any run of this suite: a crashed run's, not a concurrent one's.
        var stale = DateTimeOffset.UtcNow - TimeSpan.FromMinutes(15);
        foreach (var container in await Engine.ListAsync(suite))
        {
            if (container.Created < stale)
            {
                await Engine.RemoveAsync(container.Id, force: true);
            }
        }
        foreach (var network in await Engine.ListNetworksAsync(suite))
        {
            try
            {
                await Engine.RemoveNetworkAsync(network.Id);
            }
            catch (DockerException ex) when (ex.IsConflict)
            {
                // In use by a run still going.
            }
        }
    }

    private static async Task<string?> BuildImagesAsync()
    {
        var script = Path.Combine(RepositoryRoot(), "scripts", "docker-images.sh");
        var start = new ProcessStartInfo("bash", [script, "--if-missing"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepositoryRoot(),
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("cannot start bash");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return process.ExitCode == 0
            ? null
            : $"scripts/docker-images.sh failed (exit {process.ExitCode}):\n{await output}\n{await error}";
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Wiber.sln")))
            {
                return directory.FullName;
            }
        }
        throw new InvalidOperationException($"no Wiber.sln above {AppContext.BaseDirectory}");
    }
}
