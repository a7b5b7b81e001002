using System.CommandLine;
using System.Globalization;
using Wiber.Lab;

namespace Wiber.Cli.Commands.Lab;

/// <summary><c>wiber lab up [--nodes N] [--port-base P] [--toxiproxy URL] [--fast] [--fsync …]</c>.</summary>
internal sealed record LabUpCommand(LabUpOptions Options) : LabCommandBase
{
    private static readonly Option<int> Nodes = new("--nodes", "-n") { Description = "How many nodes (1..9)", DefaultValueFactory = _ => 3 };

    private static readonly Option<int> PortBase = new("--port-base") { Description = "0: free ports (default). P: the HTTP API on P, client proxies from P+1 (see docs/lab.md)", DefaultValueFactory = _ => 0 };

    private static readonly Option<string?> Toxiproxy = new("--toxiproxy") { Description = "Use this running Toxiproxy (e.g. http://127.0.0.1:8474) instead of the embedded one", HelpName = "url" };

    private static readonly Option<bool> Fast = new("--fast") { Description = "Fast Raft timings (50 ms ticks, 300 ms elections) for quicker failover" };

    private static readonly Option<string> Fsync = new("--fsync") { Description = "Node fsync policy: always (default), interval:<ms> or never", DefaultValueFactory = _ => "always" };

    private static readonly Option<string> Backend = CreateBackend();

    private static Option<string> CreateBackend()
    {
        var option = new Option<string>("--backend") { Description = "process (default: nodes are local processes) or docker (nodes and proxy are containers)", DefaultValueFactory = _ => "process" };
        option.AcceptOnlyFromAmong([.. Wiber.Lab.Runtime.LabRuntimes.Backends]);
        return option;
    }

    public static Command Definition(CliConsole console)
    {
        var command = new Command("up", """
            Start a cluster in the lab directory: the proxy, then every node behind it; waits for a leader.

            Examples:
              wiber lab up
              wiber lab up --nodes 5 --fast
              wiber lab up --toxiproxy http://127.0.0.1:8474     use a real toxiproxy-server
              wiber lab up --backend docker                      nodes and proxy as containers (scripts/docker-images.sh first)
            """)
        {
            Nodes,
            PortBase,
            Toxiproxy,
            Fast,
            Fsync,
            Backend,
        };
        LabCommandDefinition.SetAction(command, console, p => new LabUpCommand(new LabUpOptions
        {
            Nodes = p.GetValue(Nodes),
            PortBase = p.GetValue(PortBase),
            Toxiproxy = LabUpOptions.ParseToxiproxy(p.GetValue(Toxiproxy)),
            Timings = p.GetValue(Fast) ? LabTimings.Fast : LabTimings.Default,
            Fsync = p.GetRequiredValue(Fsync),
            Backend = p.GetRequiredValue(Backend),
        }));
        return command;
    }

    protected override async Task<int> RunAsync(CliContext context, LabController lab, CancellationToken cancellationToken)
    {
        var result = await lab.UpAsync(Options, cancellationToken).ConfigureAwait(false);
        var json = LabUpReport.From(lab.Directory.Path, result);
        if (context.Json)
        {
            context.WriteJson(json);
        }
        else
        {
            context.Out.WriteLine(result.Leader is null
                ? $"lab up in {json.LabDir}: {json.Nodes.Count} nodes, no leader yet (see 'wiber lab status')"
                : string.Create(CultureInfo.InvariantCulture, $"lab up in {json.LabDir}: {json.Nodes.Count} nodes, leader {result.Leader} after {json.TimeToLeaderMs:0} ms"));
            context.Out.WriteLine($"servers {string.Join(',', json.Nodes.Select(n => n.Client))} (wiber commands run here use them); proxy {json.ProxyUrl}");
        }

        if (result.Leader is null)
        {
            context.WriteError($"cluster unavailable: no leader within {Options.LeaderWait.TotalSeconds:0} s; see 'wiber lab status' and {lab.Directory.NodesRoot}/<id>/logs/");
            return ExitCodes.Unavailable;
        }

        return ExitCodes.Ok;
    }
}
