using System.Collections.Frozen;

namespace Wiber.Chaos.Server.Toxics;

/// <summary>
/// A registered toxic type: its API name, its integer attributes in JSON order, and how to build its
/// behaviour. <see cref="Validate"/> rejects the values that crash or wedge the real server.
/// </summary>
internal sealed class ToxicType
{
    public ToxicType(string name, string goStruct, IReadOnlyList<string> attributes, Func<long[], IToxic> create)
    {
        Name = name;
        GoStruct = goStruct;
        Attributes = attributes;
        Create = create;
    }

    public string Name { get; }

    /// <summary>The Go struct name, for decoder error texts shaped like the real server's.</summary>
    public string GoStruct { get; }

    public IReadOnlyList<string> Attributes { get; }

    public Func<long[], IToxic> Create { get; }

    /// <summary>The Go type of the attribute fields, for decoder error texts.</summary>
    public string AttributeGoType { get; init; } = "int64";

    /// <summary>Returns an error text for attribute values we refuse, or null when they are fine.</summary>
    public Func<long[], string?> Validate { get; init; } = static _ => null;

    /// <summary>Per-connection state that survives restarts of the stage (limit_data's byte counter).</summary>
    public Func<object?> NewState { get; init; } = static () => null;

    /// <summary>Removing the toxic closes the connections it acts on instead of resuming them (timeout).</summary>
    public bool ClosesOnRemoval { get; init; }

    /// <summary>Present when a connection is accepted: its sockets close with RST (reset_peer).</summary>
    public bool ResetsOnClose { get; init; }

    public int IndexOf(string attribute)
    {
        for (var i = 0; i < Attributes.Count; i++)
        {
            if (string.Equals(Attributes[i], attribute, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }
        return -1;
    }
}

/// <summary>The registry: the type names toxiproxy 2.12 knows, matched case-sensitively as it does.</summary>
internal static class ToxicTypes
{
    public static readonly FrozenDictionary<string, ToxicType> All = new[]
    {
        LatencyToxic.Type,
        BandwidthToxic.Type,
        SlowCloseToxic.Type,
        TimeoutToxic.Type,
        ResetPeerToxic.Type,
        SlicerToxic.Type,
        LimitDataToxic.Type,
        NoopToxic.Type,
    }.ToFrozenDictionary(t => t.Name, StringComparer.Ordinal);

    public static ToxicType? Find(string? name) => name is not null && All.TryGetValue(name, out var type) ? type : null;
}
