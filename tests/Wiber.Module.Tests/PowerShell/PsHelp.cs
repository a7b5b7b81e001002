using System.Text.RegularExpressions;

namespace Wiber.Module.Tests.PowerShell;

/// <summary>One .EXAMPLE: its code (the lines up to the first blank one) and where the code starts.</summary>
internal sealed record PsExample(string Code, int Line, string Description);

/// <summary>Comment-based help (<c>&lt;# .SYNOPSIS … .EXAMPLE … #&gt;</c>), split into its sections.</summary>
internal sealed partial record PsHelp(int Line, string? Synopsis, string? Description, IReadOnlyDictionary<string, string> Parameters, IReadOnlyList<PsExample> Examples, IReadOnlyList<string> Keywords)
{
    public static PsHelp Parse(string comment, int line)
    {
        var text = comment.Replace("\r\n", "\n", StringComparison.Ordinal);
        if (text.StartsWith("<#", StringComparison.Ordinal))
        {
            text = text[2..];
        }

        if (text.EndsWith("#>", StringComparison.Ordinal))
        {
            text = text[..^2];
        }

        var lines = text.Split('\n');
        string? synopsis = null;
        string? description = null;
        var parameters = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var examples = new List<PsExample>();
        var keywords = new List<string>();
        string? keyword = null;
        string? argument = null;
        var body = new List<(string Text, int Line)>();

        void Flush()
        {
            if (keyword is null)
            {
                return;
            }

            var content = Dedent(body.Select(b => b.Text).ToList());
            switch (keyword)
            {
                case "SYNOPSIS":
                    synopsis = content.Trim();
                    break;
                case "DESCRIPTION":
                    description = content.Trim();
                    break;
                case "PARAMETER" when argument is not null:
                    parameters[argument] = content.Trim();
                    break;
                case "EXAMPLE":
                    var contentLines = content.Split('\n').SkipWhile(string.IsNullOrWhiteSpace).ToList();
                    var code = contentLines.TakeWhile(l => !string.IsNullOrWhiteSpace(l)).ToList();
                    var firstCodeLine = body.FirstOrDefault(b => !string.IsNullOrWhiteSpace(b.Text)).Line;
                    examples.Add(new PsExample(string.Join('\n', code), firstCodeLine, string.Join('\n', contentLines.Skip(code.Count)).Trim()));
                    break;
            }
        }

        for (var i = 0; i < lines.Length; i++)
        {
            var match = KeywordLine().Match(lines[i]);
            if (match.Success)
            {
                Flush();
                keyword = match.Groups["keyword"].Value.ToUpperInvariant();
                argument = match.Groups["argument"].Success ? match.Groups["argument"].Value : null;
                keywords.Add(keyword);
                body.Clear();
                continue;
            }

            body.Add((lines[i], line + i));
        }

        Flush();
        return new PsHelp(line, synopsis, description, parameters, examples, keywords);
    }

    /// <summary>Removes the indentation all non-blank lines share.</summary>
    private static string Dedent(List<string> lines)
    {
        var indents = lines.Where(l => !string.IsNullOrWhiteSpace(l)).Select(l => l.Length - l.TrimStart().Length).ToList();
        var indent = indents.Count == 0 ? 0 : indents.Min();
        return string.Join('\n', lines.Select(l => l.Length >= indent ? l[indent..].TrimEnd() : l.Trim()));
    }

    [GeneratedRegex(@"^\s*\.(?<keyword>[A-Za-z]+)(\s+(?<argument>\S+))?\s*$")]
    private static partial Regex KeywordLine();
}
