namespace Wiber.Raft.Tests.Interaction;

/// <summary>One printed event (a message, say) and the indented lines that explain what it caused.</summary>
internal sealed record OutputItem(string Text, IReadOnlyList<string> Details)
{
    public bool SameAs(OutputItem other) => Text == other.Text && Details.SequenceEqual(other.Details);
}

/// <summary>
/// The text a command prints. Repetition is folded: a leader ticked ten times sends "heartbeat to 2,
/// heartbeat to 3" ten times over, printed once with <c>(x10)</c> on each line, so a golden file shows what
/// differs rather than what repeats.
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
            var (period, repeats) = LongestRepetition(items, i);
            for (var k = i; k < i + period; k++)
            {
                Lines.Add(indent + items[k].Text + (repeats > 1 ? $" (x{repeats})" : ""));
                AddIndented(items[k].Details, indent + "  ");
            }
            i += period * repeats;
        }
    }

    /// <summary>The block starting at <paramref name="start"/> that repeats back to back over the most items.</summary>
    private static (int Period, int Repeats) LongestRepetition(IReadOnlyList<OutputItem> items, int start)
    {
        var best = (Period: 1, Repeats: 1);
        for (var period = 1; start + 2 * period <= items.Count; period++)
        {
            var repeats = 1;
            while (start + (repeats + 1) * period <= items.Count && BlockRepeats(items, start, period, repeats))
            {
                repeats++;
            }
            if (repeats > 1 && period * repeats > best.Period * best.Repeats)
            {
                best = (period, repeats);
            }
        }
        return best;
    }

    private static bool BlockRepeats(IReadOnlyList<OutputItem> items, int start, int period, int repeat)
    {
        for (var k = 0; k < period; k++)
        {
            if (!items[start + k].SameAs(items[start + repeat * period + k]))
            {
                return false;
            }
        }
        return true;
    }
}
