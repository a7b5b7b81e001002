using System.Globalization;

namespace Wiber.Checker;

/// <summary>Within one scan a node skipped offsets: it delivered <see cref="AfterOffset"/> then <see cref="NextOffset"/>.</summary>
public sealed record GapAnomaly(
    string Node,
    string Topic,
    string Scan,
    long AfterOffset,
    long NextOffset,
    long NextReadAtMs) : Anomaly(AnomalyKinds.Gap, AnomalySeverity.Error)
{
    /// <summary>How many offsets were skipped.</summary>
    public long Missing => NextOffset - AfterOffset - 1;

    private protected override long? AtMsCore() => NextReadAtMs;

    private protected override string MessageCore() => string.Create(
        CultureInfo.InvariantCulture,
        $"{Node} {Topic} scan '{Scan}': offset {AfterOffset} then {NextOffset} ({Missing} skipped)");
}
