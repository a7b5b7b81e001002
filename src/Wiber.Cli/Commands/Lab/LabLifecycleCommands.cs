using Wiber.Cli.Output;
using Wiber.Lab;

namespace Wiber.Cli.Commands.Lab;

/// <summary><c>wiber lab down</c>.</summary>
internal sealed record LabDownCommand : LabCommandBase
{
    protected override async Task<int> RunAsync(CliContext context, LabController lab, CancellationToken cancellationToken)
    {
        var changes = await lab.DownAsync(cancellationToken).ConfigureAwait(false);
        foreach (var change in changes)
        {
            if (context.Json)
            {
                context.WriteJson(LabNodeChangeJson.From(change));
            }
            else
            {
                context.Out.WriteLine($"{change.Node} {(change.Changed ? "stopped" : change.Before == "crashed" ? "had crashed" : "was " + change.Before)} (pid {change.Pid})");
            }
        }

        return ExitCodes.Ok;
    }
}

/// <summary><c>wiber lab status</c>: a Blockade-style table, or one JSON line per node.</summary>
internal sealed record LabStatusCommand : LabCommandBase
{
    protected override async Task<int> RunAsync(CliContext context, LabController lab, CancellationToken cancellationToken)
    {
        var (_, nodes) = await lab.StatusAsync(cancellationToken).ConfigureAwait(false);
        if (context.Json)
        {
            foreach (var n in nodes)
            {
                context.WriteJson(new LabStatusJson(n.Node, n.Role, n.Term, n.Leader, n.Commit, n.Pid, n.State, n.ClientAddress, n.Faults));
            }

            return ExitCodes.Ok;
        }

        var table = new Table("NODE", "ROLE", "TERM", "PID", "STATE", "CLIENT", "FAULTS");
        foreach (var n in nodes)
        {
            var state = n.State switch { "running" => Style.Green, "paused" => Style.Yellow, _ => Style.Red };
            table.Add(
                (n.Node, Style.None),
                (n.Role ?? "-", n.Role == "leader" ? Style.Green : Style.None),
                (n.Term?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-", Style.None),
                (n.Pid?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-", Style.None),
                (n.State, state),
                (n.ClientAddress, Style.None),
                (n.Faults.Count == 0 ? "-" : string.Join("; ", n.Faults), n.Faults.Count == 0 ? Style.None : Style.Yellow));
        }

        table.Write(context.Out, context.Console.UseColor);
        return ExitCodes.Ok;
    }
}

/// <summary>One node in <c>lab status --json</c>. Field names are a contract (docs/lab.md).</summary>
internal sealed record LabStatusJson(string Node, string? Role, long? Term, string? Leader, long? Commit, int? Pid, string State, string Client, IReadOnlyList<string> Faults);

/// <summary><c>wiber lab kill|stop|start|restart|pause|resume &lt;node&gt;</c>.</summary>
internal sealed record LabNodeCommand(string Action, string Node) : LabCommandBase
{
    protected override async Task<int> RunAsync(CliContext context, LabController lab, CancellationToken cancellationToken)
    {
        var change = await lab.NodeAsync(Action, Node, cancellationToken).ConfigureAwait(false);
        if (context.Json)
        {
            context.WriteJson(LabNodeChangeJson.From(change));
        }
        else
        {
            context.Out.WriteLine(change.Changed ? $"{Node}: {change.Before} -> {change.After} (pid {change.Pid})" : $"{Node}: already {change.After}, nothing to do");
        }

        return ExitCodes.Ok;
    }
}

/// <summary><c>wiber lab heal</c>.</summary>
internal sealed record LabHealCommand : LabCommandBase
{
    protected override async Task<int> RunAsync(CliContext context, LabController lab, CancellationToken cancellationToken)
    {
        var removed = await lab.HealAsync(cancellationToken).ConfigureAwait(false);
        if (context.Json)
        {
            context.WriteJson(new LabHealJson(removed));
        }
        else
        {
            context.Out.WriteLine($"healed: {removed} toxics removed");
        }

        return ExitCodes.Ok;
    }
}

internal sealed record LabHealJson(int RemovedToxics);

/// <summary><c>wiber lab events</c>.</summary>
internal sealed record LabEventsCommand : LabCommandBase
{
    protected override Task<int> RunAsync(CliContext context, LabController lab, CancellationToken cancellationToken)
    {
        foreach (var e in lab.Events())
        {
            if (context.Json)
            {
                context.WriteJson(e);
            }
            else
            {
                context.Out.WriteLine($"{e.At.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss.fff'Z'}  {e.Kind,-9}  {string.Join(',', e.Nodes),-8}  {e.Detail}{(e.Ok ? "" : "  (FAILED)")}");
            }
        }

        return Task.FromResult(ExitCodes.Ok);
    }
}
