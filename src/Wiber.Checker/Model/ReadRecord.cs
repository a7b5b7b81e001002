namespace Wiber.Checker;

/// <summary>
/// One message a node delivered to a reader: a subscription or a final full read. <paramref name="Scan"/>
/// names one contiguous read (a HISTORY paging from an offset, or one subscription session): within a
/// scan, offsets must rise by exactly one. Reads without a scan are only checked for their values.
/// </summary>
public sealed record ReadRecord(
    string Node,
    string Topic,
    long Offset,
    string Value,
    long AtMs,
    string? Scan = null) : HistoryRecord
{
    internal override long TimeMs => AtMs;

    internal override string? Validate() => Offset < 0 ? "offset must not be negative" : null;
}
