using System.Globalization;
using Wiber.Chaos.Client;
using Wiber.Lab.Network;
using Wiber.Lab.State;
using Wiber.Lab.Topology;

namespace Wiber.Lab;

public sealed partial class LabController
{
    /// <summary>
    /// Cuts every link between the groups (Blockade's form; see <see cref="PartitionPlan"/>). By default the
    /// cut silently drops bytes (Toxiproxy <c>timeout</c> 0: looks like a real partition); with
    /// <paramref name="reset"/> connections are reset instead.
    /// </summary>
    public Task<LabFault> PartitionAsync(IReadOnlyList<string> groups, bool oneWay, bool reset, CancellationToken cancellationToken) => UnderLockAsync(state =>
    {
        var plan = PartitionPlan.Create([.. state.Nodes.Select(n => n.Id)], groups, oneWay);
        var id = NextFaultId(state);
        var toxics = plan.Cuts.SelectMany(link => LabNetwork.Cut(link, id, reset)).ToList();
        var description = $"partition {plan.Describe()}{(reset ? " (reset)" : "")}";
        return ApplyAsync(state, "partition", description, plan.Groups.SelectMany(g => g), toxics, cancellationToken);
    }, cancellationToken);

    /// <summary>
    /// Cuts exactly the given directed links: shapes the group form cannot say, like a ring (each node
    /// hears only its neighbours) or a bridge (one node in both halves).
    /// </summary>
    public Task<LabFault> CutLinksAsync(IReadOnlyList<Link> links, string description, CancellationToken cancellationToken) => UnderLockAsync(state =>
    {
        ArgumentNullException.ThrowIfNull(links);
        var ids = state.Nodes.Select(n => n.Id).ToList();
        foreach (var link in links)
        {
            LinkSelector.Select(ids, $"{link.From}:{link.To}");   // validates both ends
        }

        var id = NextFaultId(state);
        var toxics = links.Distinct().SelectMany(link => LabNetwork.Cut(link, id, reset: false)).ToList();
        return ApplyAsync(state, "partition", $"partition {description}", links.SelectMany(l => new[] { l.From, l.To }).Distinct(), toxics, cancellationToken);
    }, cancellationToken);

    /// <summary>Slows the links of a node (<c>n1</c>), one directed link (<c>n1:n2</c>) or <c>all</c>.</summary>
    public Task<LabFault> SlowAsync(string target, TimeSpan? latency, TimeSpan? jitter, long? bandwidthKbps, CancellationToken cancellationToken) => UnderLockAsync(state =>
    {
        if (latency is null && bandwidthKbps is null)
        {
            throw new LabException(LabErrorKind.Usage, "give --latency and/or --bandwidth");
        }

        if (jitter is not null && latency is null)
        {
            throw new LabException(LabErrorKind.Usage, "--jitter needs --latency");
        }

        if (bandwidthKbps is <= 0)
        {
            throw new LabException(LabErrorKind.Usage, $"--bandwidth must be more than 0 KB/s, was {bandwidthKbps}");
        }

        var links = LinkSelector.Select([.. state.Nodes.Select(n => n.Id)], target);
        var id = NextFaultId(state);
        var toxics = links.SelectMany(l => LabNetwork.Slow(l, id, latency, jitter, bandwidthKbps)).ToList();
        var parts = new List<string>();
        if (latency is { } l)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"latency {l.TotalMilliseconds:0}ms{(jitter is { } j ? $"±{j.TotalMilliseconds:0}ms" : "")}"));
        }

        if (bandwidthKbps is { } b)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"bandwidth {b} KB/s"));
        }

        return ApplyAsync(state, "slow", $"slow {target}: {string.Join(", ", parts)}", Targets(state, target), toxics, cancellationToken);
    }, cancellationToken);

    /// <summary>Makes links flaky: <c>reset</c> (connections reset), <c>slicer</c> (data in small slices), <c>limit</c> (closed after some bytes), with a probability per connection.</summary>
    public Task<LabFault> FlakyAsync(string target, string kind, double probability, long? bytes, CancellationToken cancellationToken) => UnderLockAsync(state =>
    {
        if (probability is <= 0 or > 1)
        {
            throw new LabException(LabErrorKind.Usage, $"--probability must be more than 0 and at most 1, was {probability.ToString(CultureInfo.InvariantCulture)}");
        }

        var links = LinkSelector.Select([.. state.Nodes.Select(n => n.Id)], target);
        var id = NextFaultId(state);
        var toxics = links.SelectMany(l => LabNetwork.Flaky(l, id, kind, (float)probability, bytes)).ToList();
        return ApplyAsync(state, "flaky", string.Create(CultureInfo.InvariantCulture, $"flaky {target}: {kind} p={probability}"), Targets(state, target), toxics, cancellationToken);
    }, cancellationToken);

    /// <summary>Removes every toxic on the lab's proxies (ours and anybody else's) and re-enables them.</summary>
    public Task<int> HealAsync(CancellationToken cancellationToken) => UnderLockAsync(async state =>
    {
        using var client = ProxyClient(state);
        var removed = await new LabNetwork(client).HealAsync(state.Nodes, cancellationToken).ConfigureAwait(false);
        Directory.Save(state with { Faults = [] });
        Record("heal", state.Nodes.Select(n => n.Id), string.Create(CultureInfo.InvariantCulture, $"removed {removed} toxics, {state.Faults.Count} faults"));
        return removed;
    }, cancellationToken);

    /// <summary>
    /// Adds the toxics; if one fails, removes those already added (no half-applied fault) and records the
    /// attempt as failed, then rethrows.
    /// </summary>
    private async Task<LabFault> ApplyAsync(LabState state, string kind, string description, IEnumerable<string> nodes, IReadOnlyList<(string Proxy, ToxicConfig Toxic)> toxics, CancellationToken cancellationToken)
    {
        var targets = nodes.ToList();
        using var client = ProxyClient(state);
        var network = new LabNetwork(client);
        var applied = new List<LabToxic>();
        try
        {
            await network.AddToxicsAsync(toxics, applied, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is ToxiproxyException or HttpRequestException)
        {
            var added = applied.Count;
            await network.RemoveToxicsAsync(applied, CancellationToken.None).ConfigureAwait(false);
            Record(kind, targets, $"{description}: failed after {added} of {toxics.Count} toxics ({ex.Message}); rolled back", ok: false);
            throw new LabException(LabErrorKind.Failed, $"{description} failed at the proxy ({ex.Message}); the {added} toxics already added were removed", ex);
        }

        var fault = new LabFault(kind, description, DateTimeOffset.UtcNow, [.. targets], applied);
        Directory.Save(state with { Faults = [.. state.Faults, fault] });
        Record(kind, targets, description);
        return fault;
    }

    /// <summary>The nodes a slow or flaky target names: <c>n1</c>, both ends of <c>n1:n2</c>, or every node for <c>all</c>.</summary>
    private static IEnumerable<string> Targets(LabState state, string target) =>
        target == "all" ? state.Nodes.Select(n => n.Id) : target.Split(':');

    /// <summary>A short id unique within the lab (toxic names start with it), e.g. <c>f3</c>.</summary>
    private static string NextFaultId(LabState state) =>
        "f" + (state.Faults.Count + 1).ToString(CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..4];
}
