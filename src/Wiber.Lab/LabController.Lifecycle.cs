using System.Diagnostics;
using System.Globalization;
using Wiber.Chaos.Client;
using Wiber.Lab.Network;
using Wiber.Lab.Runtime;
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
        options.Validate();

        using var held = await Directory.LockAsync(LockWait, cancellationToken).ConfigureAwait(false);
        if (Directory.Exists)
        {
            var existing = Directory.Load();
            var alive = new List<string>();
            foreach (var n in existing.Nodes)
            {
                if (await Runtime(existing).IsAliveAsync(n, cancellationToken).ConfigureAwait(false))
                {
                    alive.Add(n.Id);
                }
            }

            throw new LabException(LabErrorKind.AlreadyRunning, alive.Count > 0
                ? $"a lab is already up in {Directory.Path} ({string.Join(", ", alive)} running); 'wiber lab down' first"
                : $"a crashed lab is in {Directory.Path} (none of its nodes runs); 'wiber lab down' cleans it up");
        }

        KeepPreviousRun();
        var clock = Stopwatch.StartNew();
        var runtime = Runtime(options.Backend);
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
        await File.WriteAllTextAsync(Directory.ConfigFile, LabConfigWriter.Write(labId, nodes, options.Timings, options.Fsync, runtime.Addressing), cancellationToken).ConfigureAwait(false);

        // Saved before anything starts, so 'down' can clean up whatever happens next.
        var state = new LabState
        {
            Version = LabState.CurrentVersion,
            LabId = labId,
            Backend = runtime.Backend,
            CreatedAt = DateTimeOffset.UtcNow,
            Proxy = new LabProxy(options.Toxiproxy?.ToString().TrimEnd('/') ?? string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{proxyPort}"), null, null),
            Nodes = nodes,
        };
        Directory.Save(state);
        await runtime.PrepareAsync(Directory, labId, cancellationToken).ConfigureAwait(false);
        if (options.Toxiproxy is null)
        {
            var published = nodes.Select(n => n.ClientProxyPort).ToList();
            state = state with { Proxy = await runtime.StartProxyAsync(Directory, labId, proxyPort, published, cancellationToken).ConfigureAwait(false) };
            Directory.Save(state);
        }

        foreach (var n in nodes)
        {
            state = state.With(await runtime.StartNodeAsync(Directory, labId, n, cancellationToken).ConfigureAwait(false));
            Directory.Save(state);
        }

        using (var client = ProxyClient(state))
        {
            await WaitForProxyAsync(client, state, runtime, cancellationToken).ConfigureAwait(false);
            await new LabNetwork(client).CreateProxiesAsync(nodes, runtime.Addressing, cancellationToken).ConfigureAwait(false);
        }

        var leader = await WaitForLeaderAsync(state, options.LeaderWait, cancellationToken).ConfigureAwait(false);
        var elapsed = clock.Elapsed;
        Record("up", ids, leader is null
            ? $"{ids.Count} nodes, no leader within {options.LeaderWait.TotalSeconds:0} s"
            : string.Create(CultureInfo.InvariantCulture, $"{ids.Count} nodes, leader {leader} after {elapsed.TotalMilliseconds:0} ms"), ok: leader is not null);
        return new LabUpResult(state, leader, leader is null ? null : elapsed);
    }

    /// <summary>
    /// A lab brought down keeps its data, logs, events and history for inspection. A new lab is a new
    /// cluster (new id), so they move to <c>previous/</c> (replacing an older one) instead of being refused
    /// by the new nodes or mixed into the new run's events.
    /// </summary>
    private void KeepPreviousRun()
    {
        var previous = System.IO.Path.Combine(Directory.Path, "previous");
        string[] leftovers = [Directory.NodesRoot, Directory.EventsFile, System.IO.Path.Combine(Directory.Path, "history.jsonl"), Directory.ConfigFile, Directory.ProxyLog];
        if (!leftovers.Any(p => File.Exists(p) || System.IO.Directory.Exists(p)))
        {
            return;
        }

        if (System.IO.Directory.Exists(previous))
        {
            System.IO.Directory.Delete(previous, recursive: true);
        }

        System.IO.Directory.CreateDirectory(previous);
        foreach (var path in leftovers)
        {
            var target = System.IO.Path.Combine(previous, System.IO.Path.GetFileName(path));
            if (System.IO.Directory.Exists(path))
            {
                System.IO.Directory.Move(path, target);
            }
            else if (File.Exists(path))
            {
                File.Move(path, target);
            }
        }
    }

    private async Task WaitForProxyAsync(ToxiproxyClient client, LabState state, ILabRuntime runtime, CancellationToken cancellationToken)
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
                if ((state.Proxy.Pid is not null || state.Proxy.Container is not null) && !await runtime.IsProxyAliveAsync(state.Proxy, cancellationToken).ConfigureAwait(false))
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
        var runtime = Runtime(state);
        var changes = new List<LabNodeChange>();
        await Task.WhenAll(state.Nodes.Select(async n =>
        {
            var alive = await runtime.IsAliveAsync(n, cancellationToken).ConfigureAwait(false);
            if (alive)
            {
                await runtime.TerminateAsync(n, cancellationToken).ConfigureAwait(false);
            }

            lock (changes)
            {
                changes.Add(new LabNodeChange(n.Id, "down", alive ? n.State : "crashed", "stopped", n.Pid, alive));
            }
        })).ConfigureAwait(false);

        if (state.Proxy.Pid is not null || state.Proxy.Container is not null)
        {
            await runtime.StopProxyAsync(state.Proxy, cancellationToken).ConfigureAwait(false);
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

        var survivors = new List<string>();
        foreach (var n in state.Nodes)
        {
            if (await runtime.IsAliveAsync(n, cancellationToken).ConfigureAwait(false))
            {
                survivors.Add(n.Id);
            }
        }

        if (survivors.Count > 0)
        {
            Record("down", survivors, "processes survived SIGKILL", ok: false);
            throw new LabException(LabErrorKind.Failed, $"could not stop {string.Join(", ", survivors)}");
        }

        await runtime.CleanupAsync(state, cancellationToken).ConfigureAwait(false);
        var crashed = changes.Count(c => c.Before == "crashed");
        Record("down", state.Nodes.Select(n => n.Id), $"stopped {changes.Count(c => c.Changed)} running nodes{(crashed > 0 ? $"; {crashed} had crashed" : "")}");
        Directory.Forget();
        return [.. changes.OrderBy(c => c.Node, StringComparer.Ordinal)];
    }
}
