using System.Diagnostics;
using System.Globalization;
using System.Text;
using Wiber.Lab;
using Wiber.Lab.Admin;
using Wiber.Lab.State;

namespace Wiber.Cli.Commands.Bench.Harness;

/// <summary>A node the harness can observe: its admin endpoint (for /metrics) and its process (for CPU and RSS).</summary>
internal sealed record BenchNode(string Id, string Host, int ClientPort, int AdminPort, int? Pid, DateTimeOffset? StartedAt);

/// <summary>
/// The Wiber cluster a run targets: where clients connect, which nodes can be observed, and — when the
/// harness started it — how to bring it down. Three kinds: a lab started for the run (<see cref="StartLabAsync"/>,
/// through the lab's proxy like every lab), bare node processes started for the run (<see cref="StartNodesAsync"/>,
/// no proxy: what a deployment looks like), or a cluster that was already there (<see cref="Existing"/>).
/// </summary>
internal sealed class BenchCluster : IAsyncDisposable
{
    private readonly Func<Task>? _down;

    private BenchCluster(string kind, IReadOnlyList<string> servers, IReadOnlyList<BenchNode> nodes, int? proxyPid, string? directory, Func<Task>? down, double? timeToLeaderMs)
    {
        Kind = kind;
        Servers = servers;
        Nodes = nodes;
        ProxyPid = proxyPid;
        Directory = directory;
        _down = down;
        TimeToLeaderMs = timeToLeaderMs;
    }

    /// <summary><c>lab</c> (started, through the lab's proxy), <c>nodes</c> (started, direct), <c>lab-here</c> (the lab of this directory) or <c>servers</c>.</summary>
    public string Kind { get; }

    public IReadOnlyList<string> Servers { get; }

    public IReadOnlyList<BenchNode> Nodes { get; }

    /// <summary>The lab's proxy process, whose CPU is part of a lab's cost.</summary>
    public int? ProxyPid { get; }

    public string? Directory { get; }

    public double? TimeToLeaderMs { get; }

    public static BenchCluster Existing(IReadOnlyList<string> servers, LabState? lab, string? labDirectory) =>
        lab is null
            ? new BenchCluster("servers", servers, [], null, null, null, null)
            : new BenchCluster("lab-here", servers, [.. lab.Nodes.Select(ToBenchNode)], lab.Proxy.Pid, labDirectory, null, null);

    private static BenchNode ToBenchNode(LabNode n) => new(n.Id, n.Host, n.ClientPort, n.AdminPort, n.Pid, n.ProcessStartedAt);

    /// <summary>Starts a lab (LabController, default timings) in a new temporary directory; disposing brings it down and deletes the directory.</summary>
    public static async Task<BenchCluster> StartLabAsync(int nodes, string fsync, string? parent, CancellationToken cancellationToken)
    {
        var directory = NewDirectory(parent, "wiber-bench-lab-");
        var lab = new LabController(new LabDirectory(directory));
        try
        {
            var result = await lab.UpAsync(new LabUpOptions { Nodes = nodes, Fsync = fsync, Timings = LabTimings.Default }, cancellationToken).ConfigureAwait(false);
            if (result.Leader is null)
            {
                throw new LabException(LabErrorKind.Failed, $"the lab in {directory} elected no leader within 15 s");
            }

            return new BenchCluster("lab", result.State.ClientServers, [.. result.State.Nodes.Select(ToBenchNode)], result.State.Proxy.Pid, directory, DownAsync, result.TimeToLeader?.TotalMilliseconds);
        }
        catch
        {
            await DownAsync().ConfigureAwait(false);
            throw;
        }

        async Task DownAsync()
        {
            try
            {
                if (lab.Directory.Exists)
                {
                    await lab.DownAsync(CancellationToken.None).ConfigureAwait(false);
                }
            }
            finally
            {
                lab.Dispose();
                TryDelete(directory);
            }
        }
    }

    /// <summary>
    /// Starts <paramref name="count"/> wiber-node processes with a cluster.yaml of free loopback ports and no proxy
    /// (clients and peers connect directly), waits for a leader; disposing stops them (SIGTERM, then SIGKILL) and deletes the directory.
    /// </summary>
    public static async Task<BenchCluster> StartNodesAsync(int count, string fsync, string? parent, CancellationToken cancellationToken)
    {
        var directory = NewDirectory(parent, "wiber-bench-nodes-");
        var free = FreePorts(count * 3);
        var nodes = Enumerable.Range(0, count)
            .Select(i => new BenchNode("n" + (i + 1).ToString(CultureInfo.InvariantCulture), "127.0.0.1", free[3 * i], free[(3 * i) + 2], null, null))
            .ToList();
        var peerPorts = Enumerable.Range(0, count).ToDictionary(i => nodes[i].Id, i => free[(3 * i) + 1], StringComparer.Ordinal);
        var config = Path.Combine(directory, "cluster.yaml");
        await File.WriteAllTextAsync(config, ClusterYaml(nodes, peerPorts, fsync), cancellationToken).ConfigureAwait(false);
        var started = new List<BenchNode>();
        var processes = new List<Process>();
        async Task DownAsync()
        {
            await Task.WhenAll(processes.Select(StopAsync)).ConfigureAwait(false);
            foreach (var process in processes)
            {
                process.Dispose();
            }

            TryDelete(directory);
        }

        try
        {
            var clock = Stopwatch.StartNew();
            var (executable, prefix) = Wiber.Lab.Processes.Executables.Node();
            foreach (var n in nodes)
            {
                var log = Path.Combine(directory, "nodes", n.Id, "logs", "console.log");
                System.IO.Directory.CreateDirectory(Path.GetDirectoryName(log)!);
                var info = new ProcessStartInfo("/bin/sh") { UseShellExecute = false, WorkingDirectory = directory };
                // sh redirects and then becomes the node (exec): the pid is the node's, and its output never fills a pipe.
                info.ArgumentList.Add("-c");
                info.ArgumentList.Add("exec \"$0\" \"$@\" >>\"$WIBER_BENCH_LOG\" 2>&1 </dev/null");
                info.ArgumentList.Add(executable);
                foreach (var argument in (IEnumerable<string>)[.. prefix, "--id", n.Id, "--config", config, "--data-root", Path.Combine(directory, "nodes")])
                {
                    info.ArgumentList.Add(argument);
                }

                info.Environment["WIBER_BENCH_LOG"] = log;
                var process = Process.Start(info) ?? throw new LabException(LabErrorKind.Failed, $"could not start {executable}");
                started.Add(n with { Pid = process.Id, StartedAt = DateTimeOffset.UtcNow });
                processes.Add(process);
            }

            var leader = await WaitForLeaderAsync(started, TimeSpan.FromSeconds(15), cancellationToken).ConfigureAwait(false)
                ?? throw new LabException(LabErrorKind.Failed, $"the nodes in {directory} elected no leader within 15 s (see nodes/*/logs)");
            _ = leader;
            return new BenchCluster("nodes", [.. started.Select(n => $"{n.Host}:{n.ClientPort}")], started, null, directory, DownAsync, clock.Elapsed.TotalMilliseconds);
        }
        catch
        {
            await DownAsync().ConfigureAwait(false);
            throw;
        }
    }

    internal static string ClusterYaml(IReadOnlyList<BenchNode> nodes, IReadOnlyDictionary<string, int> peerPorts, string fsync)
    {
        var yaml = new StringBuilder();
        yaml.AppendLine("# Written by 'wiber bench --start-nodes': direct loopback listeners, node defaults otherwise (docs/configuration.md).");
        yaml.AppendLine("cluster_id: wiber-bench");
        yaml.AppendLine("nodes:");
        foreach (var n in nodes)
        {
            yaml.AppendLine(CultureInfo.InvariantCulture, $"  - id: {n.Id}");
            yaml.AppendLine(CultureInfo.InvariantCulture, $"    host: {n.Host}");
            yaml.AppendLine(CultureInfo.InvariantCulture, $"    client_port: {n.ClientPort}");
            yaml.AppendLine(CultureInfo.InvariantCulture, $"    peer_port: {peerPorts[n.Id]}");
            yaml.AppendLine(CultureInfo.InvariantCulture, $"    admin_port: {n.AdminPort}");
        }

        yaml.AppendLine("storage:");
        yaml.AppendLine(CultureInfo.InvariantCulture, $"  fsync: {fsync}");
        return yaml.ToString();
    }

    /// <summary>Polls the nodes' admin /status until one is leader; its id, or null after the timeout.</summary>
    public static async Task<string?> WaitForLeaderAsync(IReadOnlyList<BenchNode> nodes, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var admin = new NodeAdmin();
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            var statuses = await Task.WhenAll(nodes.Select(n => admin.StatusAsync(n.Host, n.AdminPort, cancellationToken))).ConfigureAwait(false);
            if (statuses.FirstOrDefault(s => s?.Role == "leader") is { } leader)
            {
                return leader.Id;
            }

            await Task.Delay(25, cancellationToken).ConfigureAwait(false);
        }

        return null;
    }

    /// <summary>SIGTERM (through kill(1): .NET has no API for it), then SIGKILL if the node is still there after 5 s.</summary>
    private static async Task StopAsync(Process process)
    {
        if (process.HasExited)
        {
            return;
        }

        using (var term = Process.Start(new ProcessStartInfo("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)]) { UseShellExecute = false }))
        {
            if (term is not null)
            {
                await term.WaitForExitAsync().ConfigureAwait(false);
            }
        }

        using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await process.WaitForExitAsync(grace.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill();
            await process.WaitForExitAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Distinct free loopback ports, all held open until every one is chosen.</summary>
    private static int[] FreePorts(int count)
    {
        var listeners = new List<System.Net.Sockets.TcpListener>();
        try
        {
            for (var i = 0; i < count; i++)
            {
                var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
                listener.Start();
                listeners.Add(listener);
            }

            return [.. listeners.Select(l => ((System.Net.IPEndPoint)l.LocalEndpoint).Port)];
        }
        finally
        {
            foreach (var listener in listeners)
            {
                listener.Stop();
                listener.Dispose();
            }
        }
    }

    private static string NewDirectory(string? parent, string prefix)
    {
        var root = string.IsNullOrEmpty(parent) ? Path.GetTempPath() : parent;
        var path = Path.Combine(root, prefix + Guid.NewGuid().ToString("N")[..8]);
        System.IO.Directory.CreateDirectory(path);
        return path;
    }

    private static void TryDelete(string directory)
    {
        try
        {
            System.IO.Directory.Delete(directory, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Left behind in the temp directory; harmless.
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_down is not null)
        {
            await _down().ConfigureAwait(false);
        }
    }
}
