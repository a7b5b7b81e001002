namespace Wiber.Checker.Tests;

/// <summary>
/// Writes synthetic histories tersely. A clock starts at <see cref="T0"/> and moves 1 ms per record
/// unless <see cref="At"/> sets it, so records written in order also come out in time order.
/// </summary>
internal sealed class HistoryBuilder
{
    public const long T0 = 1_700_000_000_000;

    private readonly List<HistoryRecord> _records = [];
    private long _now = T0;

    /// <summary>The topic used when a call names none.</summary>
    public string Topic { get; init; } = "t";

    public IReadOnlyList<HistoryRecord> Records => _records;

    /// <summary>Moves the clock to <paramref name="relativeMs"/> after <see cref="T0"/>.</summary>
    public HistoryBuilder At(long relativeMs)
    {
        _now = T0 + relativeMs;
        return this;
    }

    public HistoryBuilder Ok(string id, long offset, string process = "p1", string? topic = null, long durationMs = 5) =>
        Publish(id, PublishOutcome.Ok, offset, process, topic, durationMs);

    public HistoryBuilder Failed(string id, string process = "p1", string? topic = null, string? error = "ERR NOT_LEADER") =>
        Publish(id, PublishOutcome.Failed, null, process, topic, 5, error);

    public HistoryBuilder Unknown(string id, string process = "p1", string? topic = null) =>
        Publish(id, PublishOutcome.Unknown, null, process, topic, 5, "timeout");

    /// <summary>Acknowledges <paramref name="ids"/> at offsets 0, 1, 2, … of the topic.</summary>
    public HistoryBuilder OkLog(params string[] ids)
    {
        for (var i = 0; i < ids.Length; i++)
        {
            Ok(ids[i], i);
        }

        return this;
    }

    public HistoryBuilder Publish(string id, PublishOutcome outcome, long? offset, string process = "p1", string? topic = null, long durationMs = 5, string? error = null)
    {
        var invoke = _now;
        _now += durationMs;
        return Add(new PublishRecord(process, topic ?? Topic, id, invoke, _now, outcome, offset, error));
    }

    public HistoryBuilder Read(string node, long offset, string value, string? scan = null, string? topic = null) =>
        Add(new ReadRecord(node, topic ?? Topic, offset, value, Tick(), scan));

    /// <summary>One contiguous scan of <paramref name="values"/> from offset <paramref name="from"/>.</summary>
    public HistoryBuilder ScanFrom(string node, long from, string scan, params string[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            Read(node, from + i, values[i], scan);
        }

        return this;
    }

    /// <summary>A final full read from offset 0, scan id <c>final-&lt;node&gt;</c>.</summary>
    public HistoryBuilder Scan(string node, params string[] values) => ScanFrom(node, 0, "final-" + node, values);

    public HistoryBuilder Status(string node, NodeRole role, long term, long commitIndex, string? leaderId = null) =>
        Add(new StatusRecord(node, Tick(), role, term, commitIndex, leaderId));

    public HistoryBuilder Event(string kind, params string[] nodes) => Add(new EventRecord(Tick(), kind, nodes, null));

    public HistoryBuilder EventWithDetail(string kind, string detail, params string[] nodes) => Add(new EventRecord(Tick(), kind, nodes, detail));

    public HistoryBuilder Add(HistoryRecord record)
    {
        _records.Add(record);
        return this;
    }

    public History Build() => new(_records);

    public CheckResult Check(CheckOptions? options = null) => HistoryChecker.Check(Build(), options);

    private long Tick() => _now++;
}
