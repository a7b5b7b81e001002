using System.CommandLine;
using System.Runtime.CompilerServices;

[assembly: InternalsVisibleTo("Wiber.Bench.Tests")]

namespace Wiber.Cli.Commands.Bench;

/// <summary>The options of <c>wiber bench</c> and its measuring sub-verbs (floor, failover, idle, lab-up).</summary>
internal static class BenchCommandDefinition
{
    public static readonly Option<int?> InFlight = new("--inflight") { Description = "Publishes in flight per producer: 1 = one at a time, N = a pipelined window (default 1)", HelpName = "N" };

    public static readonly Option<int?> Size = new("--size") { Description = "Payload bytes (default 128)", HelpName = "bytes" };

    public static readonly Option<string?> Duration = new("--duration", "-d") { Description = "Measured time after the warm-up (default 10s)", HelpName = "time" };

    public static readonly Option<string?> Warmup = new("--warmup") { Description = "Publishing before the measurement starts, not counted (default 2s)", HelpName = "time" };

    public static readonly Option<int?> Topics = new("--topics") { Description = "Topics published to in turn (default 1)", HelpName = "N" };

    public static readonly Option<int?> Producers = new("--producers") { Description = "Publishing connections, each with its own in-flight window (default 1)", HelpName = "N" };

    public static readonly Option<int?> Subscribers = new("--subscribers") { Description = "Subscribers, each following every topic: fan-out throughput and end-to-end latency (default 0)", HelpName = "N" };

    public static readonly Option<bool> StartLab = new("--start-lab") { Description = "Start a lab (through its proxy, like 'wiber lab up') in a temporary directory, run, bring it down" };

    public static readonly Option<bool> StartNodes = new("--start-nodes") { Description = "Start bare wiber-node processes (no proxy) in a temporary directory, run, stop them" };

    public static readonly Option<int?> Nodes = new("--nodes", "-n") { Description = "With --start-lab/--start-nodes: how many nodes, 1..9 (default 3)", HelpName = "N" };

    public static readonly Option<string?> Fsync = new("--fsync") { Description = "With --start-lab/--start-nodes: always (default), interval:<ms> or never", HelpName = "policy" };

    public static readonly Option<string?> Target = new("--target") { Description = "wiber (default) or nats: the same load against NATS JetStream (--servers required; bench/compare)", HelpName = "system" };

    public static readonly Option<string?> Stream = new("--stream") { Description = "--target nats: the JetStream stream (created when missing, subjects bench.>; default BENCH)", HelpName = "name" };

    public static readonly Option<int?> Replicas = new("--replicas") { Description = "--target nats: replicas of a stream it creates (default 3)", HelpName = "N" };

    public static readonly Option<string?> TopicPrefix = new("--topic-prefix") { Description = "Topics are <prefix>-0, <prefix>-1, … (default bench-<random>, new topics every run)", HelpName = "prefix" };

    public static readonly Option<string?> ObservePids = new("--observe-pids") { Description = "Also report the CPU time per message of these processes (e.g. the NATS servers)", HelpName = "pid,…" };

    public static readonly Option<string?> TempDirectory = new("--temp-dir") { Description = "Where --start-lab/--start-nodes put their data (default: the system temp directory)", HelpName = "dir" };

    public static Command Create(CliConsole console)
    {
        var command = new Command("bench", """
            Measure publish throughput and latency (percentiles from a log-linear histogram), optionally with
            subscribers (fan-out throughput, end-to-end latency). Without --servers it uses the lab in this
            directory; --start-lab/--start-nodes start a cluster for the run and stop it afterwards.

            Examples:
              wiber bench --inflight 1                                   one at a time, 10 s after 2 s warm-up
              wiber bench --inflight 256 --size 128 --duration 10s --json
              wiber bench --start-lab --nodes 3 --fsync always --inflight 256
              wiber bench --start-nodes --nodes 1 --inflight 256         the cost of replication: compare with --nodes 3
              wiber bench --topics 4 --producers 4 --subscribers 2 --inflight 64
              wiber bench floor                                          fdatasync and loopback round trip on this machine
            """)
        {
            InFlight,
            Size,
            Duration,
            Warmup,
            Topics,
            Producers,
            Subscribers,
            StartLab,
            StartNodes,
            Nodes,
            Fsync,
            Target,
            Stream,
            Replicas,
            TopicPrefix,
            ObservePids,
            TempDirectory,
        };
        command.SetAction((parseResult, ct) => CommandRunner.RunAsync(console, parseResult, p => BenchCommand.Create(p, console), ct));
        foreach (var sub in BenchMeasureCommands.Create(console))
        {
            command.Add(sub);
        }

        return command;
    }

    /// <summary>The options as given, for <see cref="BenchSettings.From"/>.</summary>
    public static BenchArguments Arguments(ParseResult p, CliConsole console)
    {
        ArgumentNullException.ThrowIfNull(p);
        ArgumentNullException.ThrowIfNull(console);
        return new BenchArguments
        {
            Target = p.GetValue(Target),
            InFlight = p.GetValue(InFlight),
            Size = p.GetValue(Size),
            Duration = p.GetValue(Duration),
            Warmup = p.GetValue(Warmup),
            Topics = p.GetValue(Topics),
            Producers = p.GetValue(Producers),
            Subscribers = p.GetValue(Subscribers),
            StartLab = p.GetValue(StartLab),
            StartNodes = p.GetValue(StartNodes),
            Nodes = p.GetValue(Nodes),
            Fsync = p.GetValue(Fsync),
            Stream = p.GetValue(Stream),
            Replicas = p.GetValue(Replicas),
            TopicPrefix = p.GetValue(TopicPrefix),
            ObservePids = p.GetValue(ObservePids),
            TempDirectory = p.GetValue(TempDirectory),
            ServersGiven = p.GetResult(GlobalOptions.Servers) is { Implicit: false }
                || !string.IsNullOrEmpty(console.GetEnvironmentVariable(ServerSources.ServerResolver.ServersVariable)),
        };
    }
}
