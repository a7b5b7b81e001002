namespace Wiber.Checker;

/// <summary>A whole recorded run, split by record type; each list keeps the order the records were given in.</summary>
public sealed class History
{
    public History(IEnumerable<HistoryRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        var all = new List<HistoryRecord>();
        var publishes = new List<PublishRecord>();
        var reads = new List<ReadRecord>();
        var statuses = new List<StatusRecord>();
        var events = new List<EventRecord>();
        foreach (var record in records)
        {
            all.Add(record);
            switch (record)
            {
                case PublishRecord p: publishes.Add(p); break;
                case ReadRecord r: reads.Add(r); break;
                case StatusRecord s: statuses.Add(s); break;
                case EventRecord e: events.Add(e); break;
                default: throw new ArgumentException($"unsupported record {record.GetType().Name}", nameof(records));
            }
        }

        Records = all;
        Publishes = publishes;
        Reads = reads;
        Statuses = statuses;
        Events = events;
    }

    /// <summary>Every record, in the order given (what a writer writes back).</summary>
    public IReadOnlyList<HistoryRecord> Records { get; }

    public IReadOnlyList<PublishRecord> Publishes { get; }

    /// <summary>Reads in delivery order: the scan check relies on this order within each scan.</summary>
    public IReadOnlyList<ReadRecord> Reads { get; }

    public IReadOnlyList<StatusRecord> Statuses { get; }

    public IReadOnlyList<EventRecord> Events { get; }

    /// <summary>The earliest and latest time of any record, or null for an empty history.</summary>
    public (long StartMs, long EndMs)? Span()
    {
        if (Records.Count == 0)
        {
            return null;
        }

        long start = long.MaxValue, end = long.MinValue;
        foreach (var record in Records)
        {
            var begin = record is PublishRecord p ? p.InvokeAtMs : record.TimeMs;
            start = Math.Min(start, begin);
            end = Math.Max(end, record.TimeMs);
        }

        return (start, end);
    }
}
