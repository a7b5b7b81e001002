using System.Globalization;

namespace Wiber.Checker;

/// <summary>What one node returned at a diverging offset.</summary>
public sealed record NodeValue(string Node, string Value, long FirstReadAtMs);

/// <summary>
/// Reads disagree on the value at one (topic, offset): across nodes, or the same node across re-reads.
/// One entry per distinct (node, value), sorted by node then value.
/// </summary>
public sealed record DivergenceAnomaly(
    string Topic,
    long Offset,
    IReadOnlyList<NodeValue> Values,
    long DivergedAtMs) : Anomaly(AnomalyKinds.Divergence, AnomalySeverity.Error)
{
    private protected override long? AtMsCore() => DivergedAtMs;

    private protected override string MessageCore() => string.Create(
        CultureInfo.InvariantCulture,
        $"{Topic}: offset {Offset} differs: {string.Join("; ", Values.Select(v => $"{v.Node}='{v.Value}'"))}");
}
