using System.Diagnostics;
using System.Globalization;
using Wiber.Chaos.Client;
using Wiber.Lab.Network;
using Wiber.Lab.Processes;
using Wiber.Lab.State;

namespace Wiber.Lab;

public sealed partial class LabController
{
    /// <summary>
    /// Starts the proxy (unless an external one is given) and the nodes at the same time, creates the
    /// proxies as soon as the proxy answers (nodes retry their peers meanwhile), and waits for a leader.
    /// </summary>
    public async Task<LabUpResult> UpAsync(LabUpOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Nodes is < 1 or > 9)
        {
            throw new LabException(LabErrorKind.Usage, $"--nodes must be 1..9, was {options.Nodes}");
        }

        using var held = await Directory.LockAsync(LockWait, cancellationToken).ConfigureAwait(false);
        if (Directory.Exists)
        {
            var existing = Directory.Load();
            var alive = existing.Nodes.Where(IsAlive).Select(n => n.Id).ToList();
            throw new LabException(LabErrorKind.AlreadyRunning, alive.Count > 0
                ? $"a lab is already up in {Directory.Path} ({string.Join(", ", alive)} running); 'wiber lab down' first"
                : $"a crashed lab is in {Directory.Path} (none of its processes runs); 'wiber lab down' cleans it up");
        }

        var clock = Stopwatch.StartNew();
        var ports = new Ports(options.PortBase);
        var proxyPort = options.Toxiproxy is null ? ports.Next() : 0;
        var ids = Enumerable.Range(1, options.Nodes).Select(i => "n" + i.ToString(CultureInfo.InvariantCulture)).ToList();
        var nodes = ids.Select(id => new LabNode
        {
            Id = id,
            Host = "127.0.0.1",
            ClientProxyPort = ports.Next(),
            ClientPort = 0,
            PeerPort = 0,
            AdminPort = 0,
            PeerProxyPorts = new Dictionary<string, int>(),
            DataDirectory = Directory.NodeDirectory(id),
            State = "stopped",
        }).ToList();
        nodes = [.. nodes.Select(n => n with
        {
            ClientPort = ports.Next(),
            PeerPort = ports.Next(),
            AdminPort = ports.Next(),
            PeerProxyPorts = ids.Where(d => d != n.Id).ToDictionary(d => d, _ => ports.Next(), StringComparer.Ordinal),
        })];

        System.IO.Directory.CreateDirectory(Directory.Path);
        var labId = "lab-" + Guid.NewGuid().ToString("N")[..8];
        await File.WriteAllTextAsync(Directory.ConfigFile, LabConfigWriter.Write(labId, nodes, options.Timings, options.Fsync), cancellationToken).ConfigureAwait(false);

        LabProxy proxy;
        if (options.Toxiproxy is { } external)
        {
            proxy = new LabProxy(external.ToString().TrimEnd('/'), null, null);
        }
        else
        {
            var (cli, prefix) = Executables.Cli();
            var (pid, started) = LabProcess.Start(cli, [.. prefix, "proxy", "serve", "--host", "127.0.0.1", "--port", proxyPort.ToString(CultureInfo.InvariantCulture)], Directory.ProxyLog, Directory.Path);
            proxy = new LabProxy(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{proxyPort}"), pid, started);
        }

        var state = new LabState
        {
            Version = LabState.CurrentVersion,
            LabId = labId,
            Backend = "process",
            CreatedAt = DateTimeOffset.UtcNow,
            Proxy = proxy,
            Nodes = nodes,
        };
        Directory.Save(state);   // from here on, 'down' can clean up whatever happens next

        var (node, nodePrefix) = Executables.Node();
        foreach (var n in nodes)
        {
            state = state.With(StartNode(state, n, node, nodePrefix));
            Directory.Save(state);
        }

        using (var client = ProxyClient(state))
        {
            await WaitForProxyAsync(client, state, cancellationToken).ConfigureAwait(false);
            await new LabNetwork(client).CreateProxiesAsync(nodes, cancellationToken).ConfigureAwait(false);
        }

        var leader = await WaitForLeaderAsync(state, options.LeaderWait, cancellationToken).ConfigureAwait(false);
        var elapsed = clock.Elapsed;
        Record("up", ids, leader is null
            ? $"{ids.Count} nodes, no leader within {options.LeaderWait.TotalSeconds:0} s"
            : string.Create(CultureInfo.InvariantCulture, $"{ids.Count} nodes, leader {leader} after {elapsed.TotalMilliseconds:0} ms"), ok: leader is not null);
        return new LabUpResult(state, leader, leader is null ? null : elapsed);
    }

    private LabNode StartNode(LabState state, LabNode node, string executable, IReadOnlyList<string> prefix)
    {
        var arguments = new List<string>(prefix) { "--id", node.Id, "--config", Directory.ConfigFile, "--data-root", Directory.NodesRoot };
        var (pid, started) = LabProcess.Start(executable, arguments, Directory.NodeConsoleLog(node.Id), Directory.Path);
        return node with { Pid = pid, ProcessStartedAt = started, State = "running", ClockSkewMs = 0 };
    }

    private async Task WaitForProxyAsync(ToxiproxyClient client, LabState state, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                await client.GetVersionAsync(cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (HttpRequestException) when (clock.Elapsed < TimeSpan.FromSeconds(10))
            {
                if (state.Proxy.Pid is { } pid && !LabProcess.IsAlive(pid, state.Proxy.ProcessStartedAt))
                {
                    throw new LabException(LabErrorKind.Failed, $"the lab's proxy exited at start; see {Directory.ProxyLog}");
                }

                await Task.Delay(25, cancellationToken).ConfigureAwait(false);
            }
            catch (HttpRequestException ex)
            {
                throw new LabException(LabErrorKind.Failed, $"no Toxiproxy answers at {state.Proxy.Url}: {ex.Message}", ex);
            }
        }
    }

    /// <summary>
    /// Stops every node (SIGTERM, then SIGKILL after 5 s; a paused node is resumed so it can exit) and the
    /// embedded proxy, then forgets the lab. Works on a crashed lab too. Returns every pid and whether it was
    /// still running, and fails if any process survives.
    /// </summary>
    public async Task<IReadOnlyList<LabNodeChange>> DownAsync(CancellationToken cancellationToken)
    {
        using var held = await Directory.LockAsync(LockWait, cancellationToken).ConfigureAwait(false);
        var state = Directory.Load();
        var changes = new List<LabNodeChange>();
        await Task.WhenAll(state.Nodes.Select(async n =>
        {
            var alive = IsAlive(n);
            if (alive)
            {
                await TerminateAsync(n.Pid!.Value, n.ProcessStartedAt, cancellationToken).ConfigureAwait(false);
            }

            lock (changes)
            {
                changes.Add(new LabNodeChange(n.Id, "down", alive ? n.State : "crashed", "stopped", n.Pid, alive));
            }
        })).ConfigureAwait(false);

        if (state.Proxy.Pid is { } proxyPid)
        {
            if (LabProcess.IsAlive(proxyPid, state.Proxy.ProcessStartedAt))
            {
                await TerminateAsync(proxyPid, state.Proxy.ProcessStartedAt, cancellationToken).ConfigureAwait(false);
            }
        }
        else
        {
            using var client = ProxyClient(state);
            try
            {
                await new LabNetwork(client).DeleteProxiesAsync(state.Nodes, cancellationToken).ConfigureAwait(false);
            }
            catch (HttpRequestException)
            {
                // The external proxy is gone too: nothing of ours left there.
            }
        }

        var survivors = state.Nodes.Where(IsAlive).Select(n => n.Id).ToList();
        if (survivors.Count > 0)
        {
            Record("down", survivors, "processes survived SIGKILL", ok: false);
            throw new LabException(LabErrorKind.Failed, $"could not stop {string.Join(", ", survivors)}");
        }

        Record("down", state.Nodes.Select(n => n.Id), $"stopped {changes.Count(c => c.Changed)} running nodes{(changes.Any(c => c.Before == "crashed") ? $"; {changes.Count(c => c.Before == "crashed")} had crashed" : "")}");
        Directory.Forget();
        return [.. changes.OrderBy(c => c.Node, StringComparer.Ordinal)];
    }

    /// <summary>SIGCONT (a stopped process cannot act on SIGTERM), SIGTERM, and SIGKILL if it is still there after 5 s.</summary>
    private static async Task TerminateAsync(int pid, DateTimeOffset? startedAt, CancellationToken cancellationToken)
    {
        Signals.Send(pid, Signals.Term);
        Signals.Send(pid, Signals.Continue);
        if (!await LabProcess.WaitForExitAsync(pid, startedAt, TimeSpan.FromSeconds(5), cancellationToken).ConfigureAwait(false))
        {
            Signals.Send(pid, Signals.Kill);
            await LabProcess.WaitForExitAsync(pid, startedAt, TimeSpan.FromSeconds(5), cancellationToken).ConfigureAwait(false);
        }
    }
}
