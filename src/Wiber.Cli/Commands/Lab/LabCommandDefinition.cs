using System.CommandLine;
using Wiber.Lab;

namespace Wiber.Cli.Commands.Lab;

/// <summary><c>wiber lab …</c>: start a local cluster behind Toxiproxy and break it on purpose (docs/lab.md).</summary>
internal static class LabCommandDefinition
{
    public static readonly Option<string?> Dir = new("--dir")
    {
        Description = "The lab directory (default: $WIBER_LAB, else ./.wiber-lab)",
        HelpName = "path",
        Recursive = true,
    };

    public static readonly Argument<string> Node = new("node") { Description = "A node id (n1, n2, …)" };

    public static Command Create(CliConsole console)
    {
        var lab = new Command("lab", """
            A local cluster whose every link runs through Toxiproxy, to kill, pause, partition, slow and heal.

            Examples:
              wiber lab up                       3 nodes; wiber pub/sub/status then use the lab's servers
              wiber lab partition n1             isolate n1 (the others form the other side)
              wiber lab partition n1,n2 n3,n4,n5
              wiber lab slow n2 --latency 200ms --jitter 50ms
              wiber lab heal
              wiber lab kill n1 && wiber lab start n1
              wiber lab status
              wiber lab dashboard                the same, from the browser: http://127.0.0.1:8080/
              wiber lab down
            """)
        {
            Dir,
        };
        lab.Add(LabUpCommand.Definition(console));
        lab.Add(Simple(console, "down", "Stop every node and the proxy (SIGTERM, then SIGKILL), and forget the lab; data and logs stay.", _ => new LabDownCommand()));
        lab.Add(Simple(console, "status", "Every node: role, term, pid, process state and the faults in force.", _ => new LabStatusCommand()));
        foreach (var action in LabController.NodeActions)
        {
            lab.Add(NodeAction(console, action));
        }

        lab.Add(LabPartitionCommand.Definition(console));
        lab.Add(LabSlowCommand.Definition(console));
        lab.Add(LabFlakyCommand.Definition(console));
        lab.Add(Simple(console, "heal", "Remove every network fault (all toxics on the lab's proxies). Processes are not touched.", _ => new LabHealCommand()));
        lab.Add(LabSkewCommand.Definition(console));
        lab.Add(LabLogsCommand.Definition(console));
        lab.Add(Simple(console, "events", "Every fault and lifecycle change of the lab, with its time.", _ => new LabEventsCommand()));
        lab.Add(LabWorkloadCommand.Definition(console));
        lab.Add(LabCheckCommand.Definition(console));
        lab.Add(LabDashboardCommand.Definition(console));
        return lab;
    }

    private static Command Simple(CliConsole console, string name, string description, Func<ParseResult, LabCommandBase> build)
    {
        var command = new Command(name, $"""
            {description}

            Examples:
              wiber lab {name}
              wiber lab {name} --json --dir /tmp/my-lab
            """);
        SetAction(command, console, build);
        return command;
    }

    /// <summary>Runs a lab verb with its <c>--dir</c>.</summary>
    public static void SetAction(Command command, CliConsole console, Func<ParseResult, LabCommandBase> build) =>
        command.SetAction((parseResult, ct) => CommandRunner.RunAsync(console, parseResult, p => build(p) with { Dir = p.GetValue(Dir) }, ct));

    private static Command NodeAction(CliConsole console, string action)
    {
        var description = action switch
        {
            "kill" => "Crash a node: SIGKILL, no chance to flush or say goodbye.",
            "stop" => "Stop a node gracefully (SIGTERM).",
            "start" => "Start a stopped or killed node with its data (no-op when it runs).",
            "restart" => "Stop a node gracefully and start it again.",
            "pause" => "Freeze a node (SIGSTOP), like a long GC pause: sockets stay open, nothing answers.",
            _ => "Unfreeze a paused node (SIGCONT).",
        };
        var command = new Command(action, $"""
            {description}

            Example:
              wiber lab {action} n1
            """)
        {
            Node,
        };
        SetAction(command, console, p => new LabNodeCommand(action, p.GetRequiredValue(Node)));
        return command;
    }
}
