using System.CommandLine;
using System.Globalization;
using Wiber.Cli.Commands.Bench.Harness;
using Wiber.Cli.Commands.Bench.Nats;
using Wiber.Cli.Commands.Bench.Targets;
using Wiber.Cli.ServerSources;
using Wiber.Client;
using Wiber.Lab.State;

namespace Wiber.Cli.Commands.Bench;

/// <summary>
/// <c>wiber bench</c>: publish throughput and latency (and with subscribers, fan-out and end-to-end latency)
/// against the cluster the CLI resolves, a lab or bare nodes it starts itself, or NATS JetStream for comparison.
/// </summary>
internal sealed record BenchCommand(BenchSettings Settings) : ICliCommand
{
    public static BenchCommand Create(ParseResult parseResult, CliConsole console) => new(BenchSettings.From(BenchCommandDefinition.Arguments(parseResult, console)));

    public async Task<int> RunAsync(CliContext context, CancellationToken cancellationToken)
    {
        var progress = new Action<string>(text =>
        {
            if (context.Console.ShowProgress)
            {
                context.Console.Error.WriteLine("bench: " + text);
            }
        });

        await using var cluster = Settings.Target == BenchSettings.NatsTarget ? null : await OpenClusterAsync(context, progress, cancellationToken).ConfigureAwait(false);
        var servers = cluster?.Servers ?? context.Settings.Servers;
        var options = context.Settings.ClientOptions with { Servers = servers };
        string? fsync = null;
        IBenchTarget target;
        if (Settings.Target == BenchSettings.NatsTarget)
        {
            target = new NatsJetStreamTarget(servers, Settings.Stream, Settings.Replicas, options.RequestTimeout);
        }
        else
        {
            fsync = await ReadFsyncAsync(options, servers, cancellationToken).ConfigureAwait(false);
            target = new WiberTarget(options, fsync ?? "unknown");
        }

        await using (target.ConfigureAwait(false))
        {
            using var observer = new BenchObserver(cluster, Settings.ObservePids);
            var runner = new BenchRunner(target, Settings.Workload);
            var run = await runner.RunAsync(observer.SampleAsync, progress, cancellationToken).ConfigureAwait(false);
            var json = BenchJson.From(Settings, target, cluster, servers, fsync, run, observer.Breakdown(run.Acknowledged));
            if (context.Json)
            {
                context.WriteJson(json);
            }
            else
            {
                WriteText(context.Out, json);
            }

            if (run.Acknowledged == 0)
            {
                context.WriteError($"no publish was acknowledged in the measured window ({run.Errors} errors; first: {run.FirstError ?? "none"})");
                return ExitCodes.Unavailable;
            }

            if (run.Errors > 0)
            {
                context.WriteError($"{run.Errors} publishes were not acknowledged (first error: {run.FirstError})");
                return ExitCodes.PublishUnknown;
            }

            return ExitCodes.Ok;
        }
    }

    private async Task<BenchCluster> OpenClusterAsync(CliContext context, Action<string> progress, CancellationToken cancellationToken)
    {
        switch (Settings.Start)
        {
            case "lab":
                progress($"starting a lab of {Settings.Nodes} node(s), fsync {Settings.Fsync}");
                return await BenchCluster.StartLabAsync(Settings.Nodes!.Value, Settings.Fsync!, Settings.TempDirectory, cancellationToken).ConfigureAwait(false);
            case "nodes":
                progress($"starting {Settings.Nodes} node process(es), fsync {Settings.Fsync}");
                return await BenchCluster.StartNodesAsync(Settings.Nodes!.Value, Settings.Fsync!, Settings.TempDirectory, cancellationToken).ConfigureAwait(false);
            default:
                var lab = LabServers.LabDirectoryFor(context.Console, null);
                LabState? state = null;
                if (lab.Exists && context.Settings.Servers.SequenceEqual(TryLoad(lab)?.ClientServers ?? []))
                {
                    state = TryLoad(lab);
                }

                return BenchCluster.Existing(context.Settings.Servers, state, state is null ? null : lab.Path);
        }
    }

    private static LabState? TryLoad(LabDirectory lab)
    {
        try
        {
            return lab.Load();
        }
        catch (LabException)
        {
            return null;
        }
    }

    private static async Task<string?> ReadFsyncAsync(WiberClientOptions options, IReadOnlyList<string> servers, CancellationToken cancellationToken)
    {
        await using var client = WiberClient.CreateUnconnected(options);
        foreach (var server in servers)
        {
            try
            {
                return (await client.StatusAsync(server, cancellationToken).ConfigureAwait(false)).Fsync;
            }
            catch (WiberException)
            {
                // try the next one
            }
        }

        return null;
    }

    private static void WriteText(TextWriter output, BenchJson r)
    {
        var c = CultureInfo.InvariantCulture;
        output.WriteLine(string.Create(c, $"{r.Target} ({r.Cluster}{(r.Nodes is { } n ? $", {n} nodes" : "")}{(r.Fsync is { } f ? $", fsync {f}" : "")}): {r.Size} B, {r.Inflight} in flight × {r.Producers} producer(s), {r.Topics} topic(s), {r.DurationS:0.#} s after {r.WarmupS:0.#} s warm-up"));
        output.WriteLine(string.Create(c, $"publish: {r.MsgsPerS:N0} msg/s ({r.MbPerS:0.00} MB/s), {r.Published:N0} acknowledged, {r.Errors} errors"));
        output.WriteLine(string.Create(c, $"latency ms: p50 {r.P50Ms:0.000}  p90 {r.P90Ms:0.000}  p99 {r.P99Ms:0.000}  p99.9 {r.P999Ms:0.000}  max {r.MaxMs:0.000}  (mean {r.MeanMs:0.000})"));
        if (r.Subscribers > 0)
        {
            output.WriteLine(string.Create(c, $"deliver: {r.DeliverMsgsPerS:N0} msg/s to {r.Subscribers} subscriber(s); end-to-end ms: p50 {r.E2eP50Ms:0.000}  p90 {r.E2eP90Ms:0.000}  p99 {r.E2eP99Ms:0.000}  p99.9 {r.E2eP999Ms:0.000}  max {r.E2eMaxMs:0.000}{(r.SubscribersCaughtUp == false ? "  (subscribers did not catch up)" : "")}"));
        }

        if (r.Breakdown is { Nodes.Count: > 0 } b)
        {
            output.WriteLine(string.Create(c, $"server: leader {b.Leader ?? "?"}, proposal→applied mean {b.ServerCommitMeanMs:0.000} ms, fsyncs per message: leader {b.LeaderFsyncsPerMsg:0.000}, followers {(b.FollowerFsyncsPerMsg is { } ff ? ff.ToString("0.000", c) : "-")}"));
        }

        if (r.Breakdown is { } cpu)
        {
            output.WriteLine("cpu µs per message: " + string.Join(", ", cpu.CpuUsPerMsg.Select(kv => string.Create(c, $"{kv.Key} {kv.Value:0.0}"))));
        }

        output.WriteLine("durability: " + r.Durability);
    }
}
