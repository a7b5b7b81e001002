namespace Wiber.Checker.Analysis;

/// <summary>The first read of a value at one offset: who delivered it and when.</summary>
internal readonly record struct Sighting(long Offset, string Node, long AtMs);

/// <summary>
/// Every distinct offset one id was read at in one topic, and every node that read it. Almost always one
/// offset, so the first is kept inline and only the rare extra offsets cost a list; the other nodes
/// (a handful) share one small list.
/// </summary>
internal sealed class IdSightings(Sighting first)
{
    private List<Sighting>? _more;
    private List<string>? _otherNodes;

    public Sighting First { get; } = first;

    public int Count => 1 + (_more?.Count ?? 0);

    public IEnumerable<Sighting> All => _more is null ? [First] : [First, .. _more];

    public bool Contains(long offset)
    {
        if (First.Offset == offset)
        {
            return true;
        }

        if (_more is not null)
        {
            foreach (var s in _more)
            {
                if (s.Offset == offset)
                {
                    return true;
                }
            }
        }

        return false;
    }

    public void Add(Sighting sighting)
    {
        if (!Contains(sighting.Offset))
        {
            (_more ??= []).Add(sighting);
        }

        if (sighting.Node != First.Node && _otherNodes?.Contains(sighting.Node) != true)
        {
            (_otherNodes ??= []).Add(sighting.Node);
        }
    }

    public IReadOnlyList<long> Offsets() => [.. All.Select(s => s.Offset).Order()];

    /// <summary>Every node that returned this value, at any offset, sorted.</summary>
    public IReadOnlyList<string> Nodes() => [.. (_otherNodes ?? []).Append(First.Node).Order(StringComparer.Ordinal)];
}
