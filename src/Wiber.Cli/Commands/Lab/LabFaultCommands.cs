using System.CommandLine;
using Wiber.Lab;

namespace Wiber.Cli.Commands.Lab;

/// <summary><c>wiber lab partition &lt;group&gt; [&lt;group&gt;…] [--one-way] [--reset]</c>.</summary>
internal sealed record LabPartitionCommand(IReadOnlyList<string> Groups, bool OneWay, bool Reset) : LabCommandBase
{
    private static readonly Argument<string[]> GroupsArgument = new("groups") { Description = "Groups of comma-separated node ids; the nodes not named form one more group", Arity = ArgumentArity.OneOrMore };

    private static readonly Option<bool> OneWayOption = new("--one-way") { Description = "Cut only the first group's traffic to the others (it still hears them)" };

    private static readonly Option<bool> ResetOption = new("--reset") { Description = "Reset connections instead of silently dropping their bytes" };

    public static Command Definition(CliConsole console)
    {
        var command = new Command("partition", """
            Cut the network between groups of nodes (Blockade's form). By default bytes are silently dropped,
            like a real partition; 'wiber lab heal' removes it.

            Examples:
              wiber lab partition n1                  isolate n1 from n2 and n3
              wiber lab partition n1,n2 n3,n4,n5      split five nodes
              wiber lab partition n1 --one-way        n1 can no longer send to the others, but hears them
            """)
        {
            GroupsArgument,
            OneWayOption,
            ResetOption,
        };
        LabCommandDefinition.SetAction(command, console, p => new LabPartitionCommand(p.GetRequiredValue(GroupsArgument), p.GetValue(OneWayOption), p.GetValue(ResetOption)));
        return command;
    }

    protected override async Task<int> RunAsync(CliContext context, LabController lab, CancellationToken cancellationToken) =>
        Report(context, await lab.PartitionAsync(Groups, OneWay, Reset, cancellationToken).ConfigureAwait(false));

    internal static int Report(CliContext context, Wiber.Lab.State.LabFault fault)
    {
        if (context.Json)
        {
            context.WriteJson(LabFaultJson.From(fault));
        }
        else
        {
            context.Out.WriteLine($"{fault.Description} ({fault.Toxics.Count} toxics)");
        }

        return ExitCodes.Ok;
    }
}

/// <summary><c>wiber lab slow &lt;node|a:b|all&gt; [--latency d] [--jitter d] [--bandwidth KB/s]</c>.</summary>
internal sealed record LabSlowCommand(string Target, TimeSpan? Latency, TimeSpan? Jitter, long? Bandwidth) : LabCommandBase
{
    private static readonly Argument<string> TargetArgument = new("target") { Description = "A node (all its peer links), a directed link a:b, or all" };

    private static readonly Option<string?> LatencyOption = new("--latency") { Description = "Added delay, e.g. 200ms", HelpName = "duration" };

    private static readonly Option<string?> JitterOption = new("--jitter") { Description = "Random ± variation of the latency, e.g. 50ms", HelpName = "duration" };

    private static readonly Option<long?> BandwidthOption = new("--bandwidth") { Description = "Cap in KB/s", HelpName = "KB/s" };

    public static Command Definition(CliConsole console)
    {
        var command = new Command("slow", """
            Slow links down: latency (with jitter) and/or a bandwidth cap. 'wiber lab heal' removes it.

            Examples:
              wiber lab slow n2 --latency 200ms --jitter 50ms
              wiber lab slow n1:n3 --bandwidth 64
              wiber lab slow all --latency 20ms
            """)
        {
            TargetArgument,
            LatencyOption,
            JitterOption,
            BandwidthOption,
        };
        LabCommandDefinition.SetAction(command, console, p => new LabSlowCommand(
            p.GetRequiredValue(TargetArgument),
            p.GetValue(LatencyOption) is { } l ? Durations.Parse(l, "--latency") : null,
            p.GetValue(JitterOption) is { } j ? Durations.Parse(j, "--jitter") : null,
            p.GetValue(BandwidthOption)));
        return command;
    }

    protected override async Task<int> RunAsync(CliContext context, LabController lab, CancellationToken cancellationToken) =>
        LabPartitionCommand.Report(context, await lab.SlowAsync(Target, Latency, Jitter, Bandwidth, cancellationToken).ConfigureAwait(false));
}

/// <summary><c>wiber lab flaky &lt;node|a:b|all&gt; --kind reset|slicer|limit [--probability p] [--bytes n]</c>.</summary>
internal sealed record LabFlakyCommand(string Target, string Kind, double Probability, long? Bytes) : LabCommandBase
{
    private static readonly Argument<string> TargetArgument = new("target") { Description = "A node (all its peer links), a directed link a:b, or all" };

    private static readonly Option<string> KindOption = CreateKind();

    private static readonly Option<double> ProbabilityOption = new("--probability", "-p") { Description = "Share of connections affected, more than 0 and at most 1", DefaultValueFactory = _ => 1.0 };

    private static readonly Option<long?> BytesOption = new("--bytes") { Description = "With --kind limit: close a connection after this many bytes (default 65536)", HelpName = "n" };

    private static Option<string> CreateKind()
    {
        var option = new Option<string>("--kind") { Description = "reset (connections reset), slicer (data in small delayed slices), limit (closed after --bytes)", DefaultValueFactory = _ => "reset" };
        option.AcceptOnlyFromAmong("reset", "slicer", "limit");
        return option;
    }

    public static Command Definition(CliConsole console)
    {
        var command = new Command("flaky", """
            Make links unreliable: reset connections, slice data, or close after some bytes. 'wiber lab heal' removes it.

            Examples:
              wiber lab flaky n3 --kind reset --probability 0.3
              wiber lab flaky n1:n2 --kind limit --bytes 10000
            """)
        {
            TargetArgument,
            KindOption,
            ProbabilityOption,
            BytesOption,
        };
        LabCommandDefinition.SetAction(command, console, p => new LabFlakyCommand(p.GetRequiredValue(TargetArgument), p.GetRequiredValue(KindOption), p.GetValue(ProbabilityOption), p.GetValue(BytesOption)));
        return command;
    }

    protected override async Task<int> RunAsync(CliContext context, LabController lab, CancellationToken cancellationToken) =>
        LabPartitionCommand.Report(context, await lab.FlakyAsync(Target, Kind, Probability, Bytes, cancellationToken).ConfigureAwait(false));
}

/// <summary><c>wiber lab skew &lt;node&gt; &lt;offset&gt;</c>.</summary>
internal sealed record LabSkewCommand(string Node, TimeSpan Offset) : LabCommandBase
{
    private static readonly Argument<string> OffsetArgument = new("offset") { Description = "How far the node's clock is moved: +500ms, -2s, 0 to remove" };

    public static Command Definition(CliConsole console)
    {
        var command = new Command("skew", """
            Skew one node's clock (its hybrid clock's physical part). Order still holds; 'wiber status' shows the offset.

            Examples:
              wiber lab skew n2 +500ms
              wiber lab skew n2 -- -2s        (-- lets a negative offset through)
              wiber lab skew n2 0
            """)
        {
            LabCommandDefinition.Node,
            OffsetArgument,
        };
        LabCommandDefinition.SetAction(command, console, p => new LabSkewCommand(p.GetRequiredValue(LabCommandDefinition.Node), Durations.Parse(p.GetRequiredValue(OffsetArgument), "offset", allowNegative: true)));
        return command;
    }

    protected override async Task<int> RunAsync(CliContext context, LabController lab, CancellationToken cancellationToken)
    {
        var change = await lab.SkewAsync(Node, Offset, cancellationToken).ConfigureAwait(false);
        if (context.Json)
        {
            context.WriteJson(LabNodeChangeJson.From(change));
        }
        else
        {
            context.Out.WriteLine($"{Node}: clock skew {change.Before} -> {change.After}");
        }

        return ExitCodes.Ok;
    }
}

/// <summary><c>wiber lab logs &lt;node&gt; [--follow] [--lines N]</c>: the node's structured log.</summary>
internal sealed record LabLogsCommand(string Node, bool Follow, int Lines) : LabCommandBase
{
    private static readonly Option<bool> FollowOption = new("--follow", "-f") { Description = "Keep printing new lines until Ctrl+C" };

    private static readonly Option<int> LinesOption = new("--lines") { Description = "How many of the last lines to print first", DefaultValueFactory = _ => 50 };

    public static Command Definition(CliConsole console)
    {
        var command = new Command("logs", """
            Print a node's log (JSON lines written by the node; its console output is in nodes/<id>/logs/console.log).

            Examples:
              wiber lab logs n1
              wiber lab logs n1 --follow
            """)
        {
            LabCommandDefinition.Node,
            FollowOption,
            LinesOption,
        };
        LabCommandDefinition.SetAction(command, console, p => new LabLogsCommand(p.GetRequiredValue(LabCommandDefinition.Node), p.GetValue(FollowOption), p.GetValue(LinesOption)));
        return command;
    }

    protected override async Task<int> RunAsync(CliContext context, LabController lab, CancellationToken cancellationToken)
    {
        var state = lab.Directory.Load();
        state.Node(Node);
        var path = lab.Directory.NodeJsonLog(Node);
        if (!File.Exists(path))
        {
            path = lab.Directory.NodeConsoleLog(Node);
        }

        if (!File.Exists(path))
        {
            context.WriteError($"not found: {Node} has written no log yet");
            return ExitCodes.NotFound;
        }

        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        var tail = new Queue<string>();
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            tail.Enqueue(line);
            if (tail.Count > Math.Max(Lines, 0))
            {
                tail.Dequeue();
            }
        }

        foreach (var line in tail)
        {
            context.Out.WriteLine(line);
        }

        try
        {
            while (Follow)
            {
                if (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
                {
                    context.Out.WriteLine(line);
                    await context.Out.FlushAsync(cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    await Task.Delay(200, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Ctrl+C ends --follow.
        }

        return ExitCodes.Ok;
    }
}
