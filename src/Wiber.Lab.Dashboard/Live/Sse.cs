using System.Text;

namespace Wiber.Lab.Dashboard.Live;

/// <summary>One server-sent event: its type (<c>snapshot</c>, <c>console</c>, …) and its JSON data.</summary>
public sealed record SseMessage(string Event, string Data, string? Node = null)
{
    /// <summary>The event on the wire (pure): <c>event:</c>, one <c>data:</c> line per line of data, a blank line.</summary>
    public string Format()
    {
        var text = new StringBuilder();
        text.Append("event: ").Append(Event).Append('\n');
        foreach (var line in Data.Split('\n'))
        {
            text.Append("data: ").Append(line.TrimEnd('\r')).Append('\n');
        }

        return text.Append('\n').ToString();
    }
}
