using System.CommandLine;
using System.Globalization;
using Wiber.Cli.Commands.Bench.Harness;
using Wiber.Cli.Commands.Bench.Measures;
using Wiber.Lab;
using Wiber.Lab.State;

namespace Wiber.Cli.Commands.Bench;

/// <summary>The measuring sub-verbs of <c>wiber bench</c>: floor, failover, idle, lab-up. Each prints one result (one JSON object with --json).</summary>
internal static class BenchMeasureCommands
{
    private static readonly Option<string?> Duration = new("--duration", "-d") { Description = "Time per measurement (default 3s)", HelpName = "time" };

    private static readonly Option<int?> Size = new("--size") { Description = "Bytes per append / round trip (default 128)", HelpName = "bytes" };

    private static readonly Option<string?> Dir = new("--dir") { Description = "Directory of the fdatasync file (default: the system temp directory)", HelpName = "dir" };

    private static readonly Option<int?> Rounds = new("--rounds") { Description = "Repetitions (default 5)", HelpName = "N" };

    private static readonly Option<int?> Nodes = new("--nodes", "-n") { Description = "Nodes of the cluster started for the measurement (default 3)", HelpName = "N" };

    private static readonly Option<bool> Fast = new("--fast") { Description = "Fast lab timings (50 ms ticks, 300 ms elections) instead of the defaults" };

    private static readonly Option<int?> Connections = new("--connections") { Description = "Idle connections to open (default 1000; a node accepts 1024)", HelpName = "N" };

    private static readonly Option<bool> ViaLab = new("--start-lab") { Description = "Start a lab (with its proxy) instead of bare node processes" };

    private static readonly Option<string?> TempDirectory = new("--temp-dir") { Description = "Where started clusters keep their data (default: the system temp directory)", HelpName = "dir" };

    public static IEnumerable<Command> Create(CliConsole console)
    {
        var floor = new Command("floor", """
            The physical floor on this machine, with the bench's histogram: append + fdatasync of --size bytes to a
            file in --dir (one at a time), and a loopback TCP round trip of --size bytes.

            Example: wiber bench floor --dir /tmp --duration 3s --json
            """)
        { Duration, Size, Dir };
        floor.SetAction((p, ct) => CommandRunner.RunAsync(console, p, r => new FloorCommand(
            Positive(ParseDuration(r.GetValue(Duration) ?? "3s", "--duration"), "--duration"),
            InRange(r.GetValue(Size) ?? 128, 1, 1024 * 1024, "--size"),
            r.GetValue(Dir) ?? Path.GetTempPath()), ct));
        yield return floor;

        var failover = new Command("failover", """
            Failover time: start a lab (default timings unless --fast), SIGKILL the leader (as 'wiber lab kill'),
            measure the time to the first acknowledged publish after the kill; restart the node; repeat.

            Example: wiber bench failover --rounds 5 --json
            """)
        { Rounds, Nodes, Fast, TempDirectory };
        failover.SetAction((p, ct) => CommandRunner.RunAsync(console, p, r => new FailoverCommand(
            InRange(r.GetValue(Rounds) ?? 5, 1, 100, "--rounds"),
            InRange(r.GetValue(Nodes) ?? 3, 3, 9, "--nodes"),
            r.GetValue(Fast),
            r.GetValue(TempDirectory)), ct));
        yield return failover;

        var idle = new Command("idle", """
            Memory: resident set of each idle node, and per idle client connection (--connections opened straight to
            the leader, RSS from /proc before and after). Starts bare nodes (or a lab with --start-lab).

            Example: wiber bench idle --connections 1000 --json
            """)
        { Connections, Nodes, ViaLab, TempDirectory };
        idle.SetAction((p, ct) => CommandRunner.RunAsync(console, p, r => new IdleCommand(
            InRange(r.GetValue(Connections) ?? 1000, 1, 1000, "--connections"),
            InRange(r.GetValue(Nodes) ?? 3, 1, 9, "--nodes"),
            r.GetValue(ViaLab),
            r.GetValue(TempDirectory)), ct));
        yield return idle;

        var labUp = new Command("lab-up", """
            'wiber lab up' → leader: start a lab in a temporary directory, note the time to its first leader, bring it
            down; repeat.

            Example: wiber bench lab-up --rounds 5 --json
            """)
        { Rounds, Nodes, TempDirectory };
        labUp.SetAction((p, ct) => CommandRunner.RunAsync(console, p, r => new LabUpTimingCommand(
            InRange(r.GetValue(Rounds) ?? 5, 1, 100, "--rounds"),
            InRange(r.GetValue(Nodes) ?? 3, 1, 9, "--nodes"),
            r.GetValue(TempDirectory)), ct));
        yield return labUp;
    }

    internal static int InRange(int value, int min, int max, string option) =>
        value >= min && value <= max ? value : throw new UsageException(string.Create(CultureInfo.InvariantCulture, $"{option} must be {min}..{max}, was {value}"));

    private static TimeSpan ParseDuration(string text, string option)
    {
        try
        {
            return Durations.Parse(text, option);
        }
        catch (LabException ex)
        {
            throw new UsageException(ex.Message, ex);
        }
    }

    private static TimeSpan Positive(TimeSpan value, string option) =>
        value > TimeSpan.Zero && value <= TimeSpan.FromMinutes(10) ? value : throw new UsageException($"{option} must be more than 0 and at most 10m");

    /// <summary>Median, lowest and highest of a set of figures (null when empty).</summary>
    internal static SpreadJson? Spread(IEnumerable<double> values)
    {
        var sorted = values.OrderBy(v => v).ToArray();
        if (sorted.Length == 0)
        {
            return null;
        }

        var median = sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
        return new SpreadJson(Math.Round(median, 1), Math.Round(sorted[0], 1), Math.Round(sorted[^1], 1));
    }

    private static void Progress(CliContext context, string text)
    {
        if (context.Console.ShowProgress)
        {
            context.Console.Error.WriteLine("bench: " + text);
        }
    }

    private sealed record FloorCommand(TimeSpan Duration, int Size, string Directory) : ICliCommand
    {
        public Task<int> RunAsync(CliContext context, CancellationToken cancellationToken)
        {
            var result = Floor.Measure(Directory, Size, Duration, cancellationToken);
            if (context.Json)
            {
                context.WriteJson(result);
            }
            else
            {
                var c = CultureInfo.InvariantCulture;
                context.Out.WriteLine(string.Create(c, $"append {Size} B + {result.Sync} in {result.Directory}: {result.Fdatasync.OpsPerS:N0} ops/s, p50 {result.Fdatasync.P50Ms:0.000} ms, p99 {result.Fdatasync.P99Ms:0.000} ms, max {result.Fdatasync.MaxMs:0.000} ms"));
                context.Out.WriteLine(string.Create(c, $"loopback TCP round trip of {Size} B: {result.LoopbackRtt.OpsPerS:N0}/s, p50 {result.LoopbackRtt.P50Ms:0.000} ms, p99 {result.LoopbackRtt.P99Ms:0.000} ms, max {result.LoopbackRtt.MaxMs:0.000} ms"));
            }

            return Task.FromResult(ExitCodes.Ok);
        }
    }

    private sealed record FailoverCommand(int Rounds, int Nodes, bool Fast, string? TempDirectory) : ICliCommand
    {
        public async Task<int> RunAsync(CliContext context, CancellationToken cancellationToken)
        {
            var directory = Path.Combine(TempDirectory ?? Path.GetTempPath(), "wiber-bench-failover-" + Guid.NewGuid().ToString("N")[..8]);
            using var lab = new LabController(new LabDirectory(directory));
            var rounds = new List<FailoverRoundJson>();
            try
            {
                Progress(context, $"starting a {Nodes}-node lab in {directory}");
                var up = await lab.UpAsync(new LabUpOptions { Nodes = Nodes, Timings = Fast ? LabTimings.Fast : LabTimings.Default }, cancellationToken).ConfigureAwait(false);
                if (up.Leader is null)
                {
                    throw new LabException(LabErrorKind.Failed, "the lab elected no leader within 15 s");
                }

                for (var i = 1; i <= Rounds; i++)
                {
                    rounds.Add(await Failover.RoundAsync(lab, i, text => Progress(context, text), cancellationToken).ConfigureAwait(false));
                }
            }
            finally
            {
                if (lab.Directory.Exists)
                {
                    await lab.DownAsync(CancellationToken.None).ConfigureAwait(false);
                }

                try
                {
                    System.IO.Directory.Delete(directory, recursive: true);
                }
                catch (IOException)
                {
                    // left in the temp directory
                }
            }

            var timings = Fast ? LabTimings.Fast : LabTimings.Default;
            var json = new FailoverJson(
                Nodes,
                string.Create(CultureInfo.InvariantCulture, $"tick {timings.TickMs} ms, election timeout {timings.ElectionTimeoutMs} ms (randomized up to 2×), heartbeat {timings.HeartbeatMs} ms"),
                rounds,
                Spread(rounds.Where(r => r.ProbeMs is not null).Select(r => r.ProbeMs!.Value)),
                Spread(rounds.Where(r => r.ClientMs is not null).Select(r => r.ClientMs!.Value)));
            if (context.Json)
            {
                context.WriteJson(json);
            }
            else
            {
                foreach (var r in rounds)
                {
                    context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"round {r.Round}: killed {r.KilledLeader}, new leader {r.NewLeader ?? "-"}: first ack after {r.ProbeMs?.ToString("0", CultureInfo.InvariantCulture) ?? "-"} ms (probe), {r.ClientMs?.ToString("0", CultureInfo.InvariantCulture) ?? "-"} ms (Wiber.Client)"));
                }

                context.Out.WriteLine($"probe: {json.ProbeMs?.ToString() ?? "-"}; client: {json.ClientMs?.ToString() ?? "-"} ({json.Timings})");
            }

            return rounds.All(r => r.ProbeMs is not null) ? ExitCodes.Ok : ExitCodes.Unavailable;
        }
    }

    private sealed record IdleCommand(int Connections, int Nodes, bool ViaLab, string? TempDirectory) : ICliCommand
    {
        public async Task<int> RunAsync(CliContext context, CancellationToken cancellationToken)
        {
            Progress(context, $"starting {Nodes} node(s)");
            await using var cluster = ViaLab
                ? await BenchCluster.StartLabAsync(Nodes, "always", TempDirectory, cancellationToken).ConfigureAwait(false)
                : await BenchCluster.StartNodesAsync(Nodes, "always", TempDirectory, cancellationToken).ConfigureAwait(false);
            var result = await IdleConnections.MeasureAsync(cluster, Connections, TimeSpan.FromSeconds(3), text => Progress(context, text), cancellationToken).ConfigureAwait(false);
            if (context.Json)
            {
                context.WriteJson(result);
            }
            else
            {
                var c = CultureInfo.InvariantCulture;
                context.Out.WriteLine("idle nodes: " + string.Join(", ", result.IdleNodes.Select(n => string.Create(c, $"{n.Node} ({n.Role}) {n.RssMb:0.0} MB, {n.CpuPercent:0.0} % CPU"))));
                context.Out.WriteLine(string.Create(c, $"{result.Connections} idle connections to {result.Leader}: RSS {result.LeaderRssBeforeMb:0.0} → {result.LeaderRssAfterMb:0.0} MB, {result.PerConnectionKb:0.0} KB per connection"));
            }

            return ExitCodes.Ok;
        }
    }

    private sealed record LabUpTimingCommand(int Rounds, int Nodes, string? TempDirectory) : ICliCommand
    {
        public async Task<int> RunAsync(CliContext context, CancellationToken cancellationToken)
        {
            var times = new List<double>();
            for (var i = 1; i <= Rounds; i++)
            {
                Progress(context, $"round {i}: lab up");
                await using var cluster = await BenchCluster.StartLabAsync(Nodes, "always", TempDirectory, cancellationToken).ConfigureAwait(false);
                times.Add(Math.Round(cluster.TimeToLeaderMs ?? double.NaN));
            }

            var json = new LabUpTimingJson(Nodes, times, Spread(times));
            if (context.Json)
            {
                context.WriteJson(json);
            }
            else
            {
                context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"lab up → leader ({Nodes} nodes): {string.Join(", ", times.Select(t => t.ToString("0", CultureInfo.InvariantCulture)))} ms; median {json.Ms?.Median} ms"));
            }

            return ExitCodes.Ok;
        }
    }
}

/// <summary>Median and range of repeated figures.</summary>
internal sealed record SpreadJson(double Median, double Min, double Max)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"median {Median} ms ({Min}–{Max})");
}

/// <summary><c>wiber bench failover --json</c>.</summary>
internal sealed record FailoverJson(int Nodes, string Timings, IReadOnlyList<FailoverRoundJson> Rounds, SpreadJson? ProbeMs, SpreadJson? ClientMs);

/// <summary><c>wiber bench lab-up --json</c>.</summary>
internal sealed record LabUpTimingJson(int Nodes, IReadOnlyList<double> TimesMs, SpreadJson? Ms);
