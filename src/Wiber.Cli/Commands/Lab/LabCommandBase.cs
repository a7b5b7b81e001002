using Wiber.Cli.ServerSources;
using Wiber.Lab;
using Wiber.Lab.State;

namespace Wiber.Cli.Commands.Lab;

/// <summary>What every lab verb shares: finding the lab directory and the controller for it.</summary>
internal abstract record LabCommandBase : ICliCommand
{
    /// <summary>The <c>--dir</c> given, if any.</summary>
    public string? Dir { get; init; }

    public async Task<int> RunAsync(CliContext context, CancellationToken cancellationToken)
    {
        var directory = LabServers.LabDirectoryFor(context.Console, Dir);
        using var controller = new LabController(directory);
        return await RunAsync(context, controller, cancellationToken).ConfigureAwait(false);
    }

    protected abstract Task<int> RunAsync(CliContext context, LabController lab, CancellationToken cancellationToken);
}

/// <summary>The JSON of a node operation. Field names are a contract (docs/lab.md).</summary>
internal sealed record LabNodeChangeJson(string Node, string Action, string Before, string After, int? Pid, bool Changed)
{
    public static LabNodeChangeJson From(LabNodeChange c) => new(c.Node, c.Action, c.Before, c.After, c.Pid, c.Changed);
}

/// <summary>The JSON of a network fault. Field names are a contract (docs/lab.md).</summary>
internal sealed record LabFaultJson(string Kind, string Description, DateTimeOffset At, IReadOnlyList<string> Nodes, IReadOnlyList<LabToxicJson> Toxics)
{
    public static LabFaultJson From(LabFault f) => new(f.Kind, f.Description, f.At, f.Nodes, [.. f.Toxics.Select(t => new LabToxicJson(t.Proxy, t.Name))]);
}

internal sealed record LabToxicJson(string Proxy, string Name);
