namespace Wiber.Cli.Output;

/// <summary>
/// A plain-text table: columns padded to their widest cell, two spaces apart, no trailing spaces. Colour is
/// applied after padding so escape codes never skew the alignment; piped output has none.
/// </summary>
internal sealed class Table(params string[] headers)
{
    private readonly List<(string Text, Style Style)[]> _rows = [];

    public int Count => _rows.Count;

    public Table Add(params string[] cells) => Add([.. cells.Select(c => (c, Style.None))]);

    public Table Add(params (string Text, Style Style)[] cells)
    {
        if (cells.Length != headers.Length)
        {
            throw new ArgumentException($"a row has {cells.Length} cells, the table {headers.Length} columns", nameof(cells));
        }

        _rows.Add(cells);
        return this;
    }

    public void Write(TextWriter output, bool color)
    {
        var widths = headers.Select((h, i) => Math.Max(h.Length, _rows.Count == 0 ? 0 : _rows.Max(r => r[i].Text.Length))).ToArray();
        output.WriteLine(Line([.. headers.Select(h => (h, Style.Bold))], widths, color));
        foreach (var row in _rows)
        {
            output.WriteLine(Line(row, widths, color));
        }
    }

    private static string Line((string Text, Style Style)[] cells, int[] widths, bool color)
    {
        var parts = new string[cells.Length];
        for (var i = 0; i < cells.Length; i++)
        {
            var last = i == cells.Length - 1;
            var text = last ? cells[i].Text : cells[i].Text.PadRight(widths[i]);
            parts[i] = cells[i].Style.Paint(text, color);
        }

        return string.Join("  ", parts).TrimEnd();
    }
}
