namespace Wiber.Chaos.Server.Toxics;

/// <summary>
/// A toxic as configured on a proxy. Immutable: an update replaces the definition, and every live stage
/// restarts with the new one.
/// </summary>
internal sealed record ToxicDefinition(
    string Name,
    ToxicType Type,
    string Stream,
    StreamDirection Direction,
    float Toxicity,
    IReadOnlyList<long> Attributes)
{
    public long this[string attribute] => Attributes[Type.IndexOf(attribute)];
}
