using System.Text.RegularExpressions;

namespace Wiber.Module.Tests.Checks;

/// <summary>A fenced code block of a Markdown file, with the line its code starts on.</summary>
internal sealed record CodeBlock(string File, string Language, string Code, int Line);

internal static partial class Markdown
{
    /// <summary>Every ```powershell (or ```pwsh, ```ps1) block.</summary>
    public static List<CodeBlock> PowerShellBlocks(string file, string text)
    {
        var blocks = new List<CodeBlock>();
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var open = Fence().Match(lines[i]);
            if (!open.Success)
            {
                continue;
            }

            var language = open.Groups[1].Value.ToLowerInvariant();
            var code = new List<string>();
            var start = i + 2;
            for (i++; i < lines.Length && !lines[i].TrimStart().StartsWith("```", StringComparison.Ordinal); i++)
            {
                code.Add(lines[i]);
            }

            if (language is "powershell" or "pwsh" or "ps1")
            {
                blocks.Add(new CodeBlock(file, language, string.Join('\n', code), start));
            }
        }

        return blocks;
    }

    [GeneratedRegex(@"^\s*```\s*([A-Za-z0-9]*)\s*$")]
    private static partial Regex Fence();
}
