using System.Globalization;

namespace Wiber.Checker;

/// <summary>Within one scan a node delivered an offset at or below the one before it.</summary>
public sealed record NonMonotonicAnomaly(
    string Node,
    string Topic,
    string Scan,
    long PreviousOffset,
    long Offset,
    long ReadAtMs) : Anomaly(AnomalyKinds.NonMonotonic, AnomalySeverity.Error)
{
    private protected override long? AtMsCore() => ReadAtMs;

    private protected override string MessageCore() => string.Create(
        CultureInfo.InvariantCulture,
        $"{Node} {Topic} scan '{Scan}': offset {Offset} delivered after {PreviousOffset}");
}
