using System.Text.Json;

namespace Wiber.Checker;

/// <summary>
/// Reads a JSON-lines history (one record per line, see docs/checker.md). Blank lines are skipped; any
/// other line that is not a valid record stops the read with a <see cref="HistoryFormatException"/>
/// naming the line, because a checker that skipped what it could not parse could pass a broken run.
/// </summary>
public static class HistoryReader
{
    public static async Task<History> ReadAsync(TextReader reader, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var records = new List<HistoryRecord>();
        long lineNumber = 0;
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            lineNumber++;
            if (!string.IsNullOrWhiteSpace(line))
            {
                records.Add(ParseLine(line, lineNumber));
            }
        }

        return new History(records);
    }

    /// <summary>Reads UTF-8 JSON lines from a stream (a BOM is accepted); the stream is left open.</summary>
    public static async Task<History> ReadAsync(Stream stream, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var reader = new StreamReader(stream, System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true, leaveOpen: true);
        return await ReadAsync(reader, cancellationToken).ConfigureAwait(false);
    }

    public static History Read(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var records = new List<HistoryRecord>();
        long lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (!string.IsNullOrWhiteSpace(line))
            {
                records.Add(ParseLine(line, lineNumber));
            }
        }

        return new History(records);
    }

    /// <summary>
    /// Parses one line; <paramref name="lineNumber"/> only goes into error messages. A line without
    /// <c>type</c> but with <c>kind</c> and <c>at_ms</c> is a line of the lab's <c>events.jsonl</c> and is
    /// read as an <see cref="EventRecord"/> (its <c>at</c> and <c>ok</c> are ignored).
    /// </summary>
    public static HistoryRecord ParseLine(string line, long lineNumber = 0)
    {
        ArgumentNullException.ThrowIfNull(line);
        HistoryRecord? record;
        try
        {
            record = JsonSerializer.Deserialize(line, HistoryJsonContext.Default.HistoryRecord);
        }
        catch (JsonException e)
        {
            throw new HistoryFormatException(lineNumber, e.Message, e);
        }
        catch (NotSupportedException e)
        {
            // What System.Text.Json throws for a missing or unknown "type": it cannot build the abstract base.
            // Only then is the line looked at again, so typed lines pay nothing for the lab-event form.
            record = IsLabEvent(line) ? ParseLabEvent(line, lineNumber) : throw new HistoryFormatException(
                lineNumber,
                "missing or unknown \"type\" (expected publish, read, status or event; a line without \"type\" is read as a lab event only when it has \"kind\" and \"at_ms\")",
                e);
        }

        if (record is null)
        {
            throw new HistoryFormatException(lineNumber, "a record must be a JSON object, not null");
        }

        return record.Validate() is { } problem ? throw new HistoryFormatException(lineNumber, problem) : record;
    }

    private static EventRecord? ParseLabEvent(string line, long lineNumber)
    {
        try
        {
            return JsonSerializer.Deserialize(line, HistoryJsonContext.Default.EventRecord);
        }
        catch (JsonException e)
        {
            throw new HistoryFormatException(lineNumber, "lab event: " + e.Message, e);
        }
    }

    /// <summary>True for a JSON object whose top level has no <c>type</c> but has <c>kind</c> and <c>at_ms</c>.</summary>
    private static bool IsLabEvent(string line)
    {
        bool hasKind = false, hasAtMs = false;
        try
        {
            var json = new Utf8JsonReader(System.Text.Encoding.UTF8.GetBytes(line));
            if (!json.Read() || json.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            while (json.Read() && json.TokenType == JsonTokenType.PropertyName)
            {
                if (json.ValueTextEquals("type"u8))
                {
                    return false;
                }

                hasKind |= json.ValueTextEquals("kind"u8);
                hasAtMs |= json.ValueTextEquals("at_ms"u8);
                json.Read();
                json.Skip();
            }
        }
        catch (JsonException)
        {
            return false;
        }

        return hasKind && hasAtMs;
    }
}
