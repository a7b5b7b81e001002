using System.Text.Json;

namespace Wiber.Checker;

/// <summary>
/// Writes history records as JSON lines, the format <see cref="HistoryReader"/> reads. The lab appends
/// one record per event as it happens; not thread-safe (serialize callers, e.g. through a channel).
/// </summary>
public sealed class HistoryWriter(TextWriter writer)
{
    private readonly TextWriter _writer = writer ?? throw new ArgumentNullException(nameof(writer));

    /// <summary>One record as one compact JSON line, without the line break.</summary>
    public static string Serialize(HistoryRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return JsonSerializer.Serialize(record, HistoryJsonContext.Default.HistoryRecord);
    }

    public static void WriteAll(TextWriter writer, IEnumerable<HistoryRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        var history = new HistoryWriter(writer);
        foreach (var record in records)
        {
            history.Write(record);
        }
    }

    public void Write(HistoryRecord record) => _writer.Write(Serialize(record) + "\n");

    public Task WriteAsync(HistoryRecord record, CancellationToken cancellationToken = default) =>
        _writer.WriteAsync((Serialize(record) + "\n").AsMemory(), cancellationToken);
}
