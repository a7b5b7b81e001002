namespace Wiber.Checker.Tests;

public sealed class HistoryIoTests
{
    /// <summary>The example lines of docs/checker.md, one per record type.</summary>
    private const string DocExample = """
        {"type":"publish","process":"p1","topic":"chat","id":"p1-17","invoke_at_ms":1700000000000,"complete_at_ms":1700000000012,"outcome":"ok","offset":17}
        {"type":"publish","process":"p2","topic":"chat","id":"p2-4","invoke_at_ms":1700000000003,"complete_at_ms":1700000005003,"outcome":"unknown","error":"timeout"}
        {"type":"read","node":"n1","topic":"chat","offset":17,"value":"p1-17","at_ms":1700000009000,"scan":"final-n1-chat"}
        {"type":"status","node":"n2","at_ms":1700000000100,"role":"leader","term":3,"commit_index":120,"leader_id":"n2"}
        {"type":"event","at_ms":1700000001000,"kind":"partition","nodes":["n1"],"detail":"isolate n1"}
        """;

    [Fact]
    public async Task The_documented_example_reads_into_typed_records()
    {
        var history = await HistoryReader.ReadAsync(new StringReader(DocExample), TestContext.Current.CancellationToken);

        Assert.Equal(5, history.Records.Count);
        Assert.Equal(new PublishRecord("p1", "chat", "p1-17", 1700000000000, 1700000000012, PublishOutcome.Ok, 17), history.Publishes[0]);
        Assert.Equal(PublishOutcome.Unknown, history.Publishes[1].Outcome);
        Assert.Equal("timeout", history.Publishes[1].Error);
        Assert.Equal(new ReadRecord("n1", "chat", 17, "p1-17", 1700000009000, "final-n1-chat"), history.Reads[0]);
        Assert.Equal(new StatusRecord("n2", 1700000000100, NodeRole.Leader, 3, 120, "n2"), history.Statuses[0]);
        var e = history.Events[0];
        Assert.Equal((1700000001000L, "partition", "isolate n1"), (e.AtMs, e.Kind, e.Detail));
        Assert.Equal(["n1"], e.Nodes);
    }

    [Fact]
    public async Task A_utf8_stream_with_a_byte_order_mark_reads_the_same()
    {
        using var stream = new MemoryStream([0xEF, 0xBB, 0xBF, .. System.Text.Encoding.UTF8.GetBytes(DocExample)]);

        var history = await HistoryReader.ReadAsync(stream, TestContext.Current.CancellationToken);

        Assert.Equal(5, history.Records.Count);
        Assert.Equal("p1-17", history.Publishes[0].Id);
        Assert.True(stream.CanRead, "the caller owns the stream");
    }

    [Fact]
    public void Every_record_type_round_trips_through_its_json_line()
    {
        HistoryRecord[] records =
        [
            new PublishRecord("p1", "chat", "id-1", 10, 20, PublishOutcome.Ok, 3),
            new PublishRecord("p2", "chat", "id \"2\" <&>", 11, 21, PublishOutcome.Failed, null, "ERR NOT_LEADER"),
            new PublishRecord("p3", "chat", "id-3", 12, 22, PublishOutcome.Unknown),
            new ReadRecord("n1", "chat", 3, "id-1", 30),
            new ReadRecord("n1", "chat", 3, "id-1", 31, "scan-1"),
            new StatusRecord("n2", 40, NodeRole.Candidate, 7, 99),
            new StatusRecord("n3", 41, NodeRole.Unknown, 0, 0, "n2"),
            new EventRecord(50, "heal"),
            new EventRecord(51, "partition", ["n1", "n2"], "n1,n2 | n3"),
        ];
        var writer = new StringWriter();
        HistoryWriter.WriteAll(writer, records);
        var text = writer.ToString();

        var back = HistoryReader.Read(new StringReader(text));

        Assert.Equal(records.Length, text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Equal(records.Select(HistoryWriter.Serialize), back.Records.Select(HistoryWriter.Serialize));
        Assert.Equal(records.Where(r => r is not EventRecord), back.Records.Where(r => r is not EventRecord));
        Assert.Equal(["n1", "n2"], back.Events[1].Nodes);
        Assert.Empty(back.Events[0].Nodes);
    }

    [Fact]
    public void Lines_are_compact_snake_case_with_lowercase_enums()
    {
        var line = HistoryWriter.Serialize(new StatusRecord("n1", 5, NodeRole.Leader, 2, 9));

        Assert.Equal("""{"type":"status","node":"n1","at_ms":5,"role":"leader","term":2,"commit_index":9,"leader_id":null}""", line);
        Assert.Contains("\"outcome\":\"unknown\"", HistoryWriter.Serialize(new PublishRecord("p", "t", "i", 1, 2, PublishOutcome.Unknown)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_writer_appends_lines_one_at_a_time()
    {
        var text = new StringWriter();
        var writer = new HistoryWriter(text);
        await writer.WriteAsync(new EventRecord(1, "kill", ["n1"]), TestContext.Current.CancellationToken);
        writer.Write(new EventRecord(2, "start", ["n1"]));

        Assert.Equal(
            "{\"type\":\"event\",\"at_ms\":1,\"kind\":\"kill\",\"nodes\":[\"n1\"],\"detail\":null}\n{\"type\":\"event\",\"at_ms\":2,\"kind\":\"start\",\"nodes\":[\"n1\"],\"detail\":null}\n",
            text.ToString());
    }

    [Fact]
    public void Type_may_come_last_extra_fields_are_ignored_and_blank_lines_skipped()
    {
        var history = HistoryReader.Read(new StringReader("""

            {"node":"n1","topic":"t","offset":0,"value":"a","at_ms":1,"extra":{"x":1},"type":"read"}

            """));

        Assert.Equal(new ReadRecord("n1", "t", 0, "a", 1), Assert.Single(history.Reads));
    }

    [Fact]
    public void A_lab_events_jsonl_line_without_type_reads_as_an_event()
    {
        const string labLine = """{"at":"2026-11-22T00:26:09.040+00:00","kind":"partition","nodes":["n3","n1","n2"],"detail":"partition n3 | n1,n2","ok":true,"at_ms":1795307169040}""";

        var record = HistoryReader.ParseLine(labLine);

        var e = Assert.IsType<EventRecord>(record);
        Assert.Equal((1795307169040L, "partition", "partition n3 | n1,n2"), (e.AtMs, e.Kind, e.Detail));
        Assert.Equal(["n3", "n1", "n2"], e.Nodes);
        Assert.Equal("""{"type":"event","at_ms":1795307169040,"kind":"partition","nodes":["n3","n1","n2"],"detail":"partition n3 | n1,n2"}""", HistoryWriter.Serialize(e));
    }

    [Fact]
    public void Lab_event_lines_mix_with_typed_records_and_drive_the_checker()
    {
        var history = HistoryReader.Read(new StringReader("""
            {"type":"status","node":"n1","at_ms":1000,"role":"leader","term":1,"commit_index":5,"leader_id":"n1"}
            {"at":"2026-11-22T00:00:01.100+00:00","kind":"partition","nodes":["n1"],"detail":"partition n1 | n2,n3","ok":false,"at_ms":1100}
            {"at":"2026-11-22T00:00:02.000+00:00","kind":"heal","nodes":[],"detail":"heal","ok":true,"at_ms":2000}
            {"type":"status","node":"n2","at_ms":2300,"role":"leader","term":2,"commit_index":6,"leader_id":"n2"}
            """));

        Assert.Equal(4, history.Records.Count);
        Assert.Equal(["partition", "heal"], history.Events.Select(e => e.Kind));
        Assert.Empty(history.Events[1].Nodes);
        var recovery = Assert.Single(HistoryChecker.Check(history).Recoveries);
        Assert.Equal((2000L, RecoveryStatus.Recovered, 300L), (recovery.HealAtMs, recovery.Status, recovery.RecoveryMs));
    }

    [Theory]
    [InlineData("""{"type":"read","node":"n1","topic":"t","offset":0,"at_ms":1}""", "value")]
    [InlineData("""{"type":"read","node":"n1","topic":"t","offset":0,"value":null,"at_ms":1}""", "value")]
    [InlineData("""{"type":"teleport","at_ms":1}""", "type")]
    [InlineData("""{"at_ms":1,"node":"n1"}""", "type")]
    [InlineData("""{"at":"2026-11-22T00:26:09.040+00:00","kind":"heal","ok":true}""", "type")]
    [InlineData("""{"atMs":1,"kind":"heal"}""", "type")]
    [InlineData("""{"kind":"heal","at_ms":"soon"}""", "lab event")]
    [InlineData("""{"kind":null,"at_ms":1}""", "lab event")]
    [InlineData("""{"kind":" ","at_ms":1}""", "kind")]
    [InlineData("""{"type":"publish","process":"p","topic":"t","id":"a","invoke_at_ms":1,"complete_at_ms":2,"outcome":"ok"}""", "offset")]
    [InlineData("""{"type":"publish","process":"p","topic":"t","id":"a","invoke_at_ms":1,"complete_at_ms":2,"outcome":"maybe"}""", "")]
    [InlineData("""{"type":"publish","process":"p","topic":"t","id":"a","invoke_at_ms":5,"complete_at_ms":2,"outcome":"failed"}""", "before")]
    [InlineData("""{"type":"read","node":"n1","topic":"t","offset":-1,"value":"a","at_ms":1}""", "negative")]
    [InlineData("""not json""", "")]
    [InlineData("""null""", "null")]
    public void A_bad_line_is_an_error_naming_its_line_number(string badLine, string mentions)
    {
        var text = """{"type":"event","at_ms":1,"kind":"heal"}""" + "\n\n" + badLine + "\n";

        var error = Assert.Throws<HistoryFormatException>(() => HistoryReader.Read(new StringReader(text)));

        Assert.Equal(3, error.LineNumber);
        Assert.StartsWith("history line 3: ", error.Message, StringComparison.Ordinal);
        Assert.Contains(mentions, error.Message, StringComparison.Ordinal);
    }
}
