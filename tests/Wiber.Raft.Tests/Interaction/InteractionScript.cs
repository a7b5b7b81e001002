namespace Wiber.Raft.Tests.Interaction;

/// <summary>One command of a script, the output it is expected to print, and where it sits in the file.</summary>
internal sealed record ScriptCommand(int Line, string Text, IReadOnlyList<string> Expected)
{
    public string Name => Words[0];

    public IReadOnlyList<string> Words => Text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
}

/// <summary>
/// A scenario script in the datadriven format: free text (blank lines and <c>#</c> comments) around commands,
/// each command followed by a <c>----</c> line and its expected output, which ends at the next blank line or
/// at the end of the file. The text around commands is kept verbatim, so a rewrite only touches outputs.
/// </summary>
internal sealed class InteractionScript
{
    private const string Separator = "----";

    // In file order: either a verbatim line (Command is null) or a command with its expected block.
    private readonly List<(string? Verbatim, ScriptCommand? Command)> _parts;

    private InteractionScript(List<(string?, ScriptCommand?)> parts) => _parts = parts;

    public IEnumerable<ScriptCommand> Commands => _parts.Where(p => p.Command is not null).Select(p => p.Command!);

    public static InteractionScript Parse(string fileName, string text)
    {
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        if (lines.Length > 0 && lines[^1].Length == 0)
        {
            // The file's final newline ends the last line; it does not start an empty one.
            lines = lines[..^1];
        }
        var parts = new List<(string?, ScriptCommand?)>();
        var i = 0;
        while (i < lines.Length)
        {
            var line = lines[i];
            if (line.Trim().Length == 0 || line.StartsWith('#'))
            {
                parts.Add((line, null));
                i++;
                continue;
            }
            if (i + 1 >= lines.Length || lines[i + 1] != Separator)
            {
                throw new FormatException($"{fileName}:{i + 1}: command '{line}' must be followed by a '{Separator}' line");
            }
            var expected = new List<string>();
            var j = i + 2;
            while (j < lines.Length && lines[j].Trim().Length > 0)
            {
                expected.Add(lines[j]);
                j++;
            }
            parts.Add((null, new ScriptCommand(i + 1, line.Trim(), expected)));
            i = j;
        }
        return new InteractionScript(parts);
    }

    /// <summary>The script with every expected block replaced by what the run actually printed.</summary>
    public string Render(IReadOnlyDictionary<ScriptCommand, IReadOnlyList<string>> actual)
    {
        var text = new System.Text.StringBuilder();
        foreach (var (verbatim, command) in _parts)
        {
            if (command is null)
            {
                text.Append(verbatim).Append('\n');
                continue;
            }
            text.Append(command.Text).Append('\n').Append(Separator).Append('\n');
            foreach (var line in actual.TryGetValue(command, out var lines) ? lines : command.Expected)
            {
                text.Append(line).Append('\n');
            }
        }
        return text.ToString();
    }
}
