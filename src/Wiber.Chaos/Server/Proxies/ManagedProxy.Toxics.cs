using Wiber.Chaos.Server.Links;
using Wiber.Chaos.Server.Toxics;

namespace Wiber.Chaos.Server.Proxies;

/// <summary>A proxy's toxics: the definitions, and their application to every live connection.</summary>
internal sealed partial class ManagedProxy
{
    public ToxicDefinition? FindToxic(string name)
    {
        lock (_sync)
        {
            return _upstreamToxics.Find(t => t.Name == name) ?? _downstreamToxics.Find(t => t.Name == name);
        }
    }

    /// <summary>Appends the toxic to its direction's chain, on every live connection too.</summary>
    public async Task AddToxicAsync(ToxicDefinition toxic)
    {
        ToxicLink[] links;
        lock (_sync)
        {
            Chain(toxic.Direction).Add(toxic);
            links = LinksLocked(toxic.Direction);
        }
        await Task.WhenAll(links.Select(l => l.AddAsync(toxic))).ConfigureAwait(false);
    }

    public async Task UpdateToxicAsync(ToxicDefinition toxic)
    {
        ToxicLink[] links;
        lock (_sync)
        {
            var chain = Chain(toxic.Direction);
            chain[chain.FindIndex(t => t.Name == toxic.Name)] = toxic;
            links = LinksLocked(toxic.Direction);
        }
        await Task.WhenAll(links.Select(l => l.UpdateAsync(toxic))).ConfigureAwait(false);
    }

    public async Task RemoveToxicAsync(ToxicDefinition toxic)
    {
        ToxicLink[] links;
        lock (_sync)
        {
            Chain(toxic.Direction).RemoveAll(t => t.Name == toxic.Name);
            links = LinksLocked(toxic.Direction);
        }
        await Task.WhenAll(links.Select(l => l.RemoveAsync(toxic.Name))).ConfigureAwait(false);
    }

    /// <summary>Removes every toxic, upstream first, each with DELETE's side effects.</summary>
    public async Task RemoveAllToxicsAsync()
    {
        foreach (var toxic in Snapshot().Toxics)
        {
            await RemoveToxicAsync(toxic).ConfigureAwait(false);
        }
    }

    private List<ToxicDefinition> Chain(StreamDirection direction) => direction == StreamDirection.Upstream ? _upstreamToxics : _downstreamToxics;

    private ToxicLink[] LinksLocked(StreamDirection direction) => [.. _connections.Select(c => c.LinkFor(direction))];
}
