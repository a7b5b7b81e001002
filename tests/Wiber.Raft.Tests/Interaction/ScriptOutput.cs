namespace Wiber.Raft.Tests.Interaction;

/// <summary>One printed event (a message, say) and the indented lines that explain what it caused.</summary>
internal sealed record OutputItem(string Text, IReadOnlyList<string> Details)
{
    public bool SameAs(OutputItem other) => Text == other.Text && Details.SequenceEqual(other.Details);
}

/// <summary>
/// The text a command prints. Runs of identical items (a leader ticked ten times sends ten equal heartbeats)
/// are printed once with a count, so a golden file shows what differs rather than what repeats.
/// </summary>
internal sealed class ScriptOutput
{
    public List<string> Lines { get; } = [];

    public void Line(string text) => Lines.Add(text);

    public void AddIndented(IEnumerable<string> lines, string indent)
    {
        foreach (var line in lines)
        {
            Lines.Add(indent + line);
        }
    }

    public void Items(IReadOnlyList<OutputItem> items, string indent)
    {
        var i = 0;
        while (i < items.Count)
        {
            var run = 1;
            while (i + run < items.Count && items[i + run].SameAs(items[i]))
            {
                run++;
            }
            Lines.Add(indent + items[i].Text + (run > 1 ? $" (x{run})" : ""));
            AddIndented(items[i].Details, indent + "  ");
            i += run;
        }
    }
}
