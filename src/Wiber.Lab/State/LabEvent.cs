using System.Text.Json;

namespace Wiber.Lab.State;

/// <summary>
/// One line of <c>events.jsonl</c>: a fault or lifecycle change, when it happened, and whether it was fully
/// applied. A fault that failed half-way is recorded with what did take effect (<see cref="Ok"/> false),
/// so the log never claims more or less than happened.
/// </summary>
public sealed record LabEvent(DateTimeOffset At, string Kind, IReadOnlyList<string> Nodes, string Detail, bool Ok = true)
{
    /// <summary>Unix milliseconds, as the checker and timelines want them.</summary>
    public long AtMs => At.ToUnixTimeMilliseconds();
}

/// <summary>Appends to and reads the event log.</summary>
public static class LabEventLog
{
    public static void Append(LabDirectory directory, LabEvent labEvent)
    {
        ArgumentNullException.ThrowIfNull(directory);
        Directory.CreateDirectory(directory.Path);
        File.AppendAllText(directory.EventsFile, JsonSerializer.Serialize(labEvent, LabJson.Options) + "\n");
    }

    public static IReadOnlyList<LabEvent> Read(LabDirectory directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        if (!File.Exists(directory.EventsFile))
        {
            return [];
        }

        var events = new List<LabEvent>();
        foreach (var line in File.ReadLines(directory.EventsFile))
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            try
            {
                if (JsonSerializer.Deserialize<LabEvent>(line, LabJson.Options) is { } parsed)
                {
                    events.Add(parsed);
                }
            }
            catch (JsonException)
            {
                // A line torn by a crash mid-append: skip it rather than lose the whole log.
            }
        }

        return events;
    }
}
