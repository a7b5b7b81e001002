using System.Text.RegularExpressions;
using Wiber.Module.Tests.PowerShell;

namespace Wiber.Module.Tests.Checks;

/// <summary>
/// build.ps1 and scripts/build.sh stay in step: the same tasks (build.ps1's -Task set and switch, build.sh's
/// argument parser and case), and for each task the same dotnet commands with the same arguments (variables
/// compared as placeholders).
/// </summary>
internal static partial class BuildScriptCheck
{
    public const string Placeholder = "<var>";

    public static List<PsFinding> Check(string ps1File, string ps1Text, string shFile, string shText)
    {
        var findings = new List<PsFinding>();
        var script = new PsScript(ps1Text, ps1File);
        var validateSet = script.ScriptParams?.Find("Task")?.ValidateSet.Select(Normalize).ToList() ?? [];
        var ps1 = PowerShellTasks(script);
        var shTasks = ShellArgumentTasks(shText);
        var sh = ShellTasks(shText);

        void Compare(string what, IEnumerable<string> actual, IEnumerable<string> expected, string file)
        {
            var a = actual.Order(StringComparer.Ordinal).ToList();
            var e = expected.Order(StringComparer.Ordinal).ToList();
            if (!a.SequenceEqual(e))
            {
                findings.Add(new PsFinding(file, 1, 1, $"{what}: [{string.Join(", ", a)}], but build.ps1 -Task offers [{string.Join(", ", e)}]"));
            }
        }

        if (validateSet.Count == 0)
        {
            findings.Add(new PsFinding(ps1File, 1, 1, "build.ps1 has no -Task parameter with a [ValidateSet()]"));
        }

        Compare("build.ps1's switch handles", ps1.Keys, validateSet, ps1File);
        Compare("build.sh accepts the tasks", shTasks, validateSet, shFile);
        Compare("build.sh's case handles", sh.Keys, validateSet, shFile);

        foreach (var (task, commands) in ps1)
        {
            if (!sh.TryGetValue(task, out var shCommands))
            {
                continue;
            }

            var left = commands.Select(c => string.Join(' ', c)).ToList();
            var right = shCommands.Select(c => string.Join(' ', c)).ToList();
            if (!left.SequenceEqual(right))
            {
                findings.Add(new PsFinding(shFile, 1, 1, $"task {task}: build.ps1 runs [dotnet {string.Join("; dotnet ", left)}] but build.sh runs [dotnet {string.Join("; dotnet ", right)}]"));
            }
        }

        return findings;
    }

    private static string Normalize(string task) => task.ToLowerInvariant();

    /// <summary>'Task' { Invoke-Dotnet 'a', 'b', $c } → task → [[a, b, &lt;var&gt;]].</summary>
    private static Dictionary<string, List<List<string>>> PowerShellTasks(PsScript script)
    {
        var tasks = new Dictionary<string, List<List<string>>>(StringComparer.Ordinal);
        var tokens = script.Tokens;
        for (var i = 0; i + 1 < tokens.Count; i++)
        {
            if (tokens[i].Kind != PsTokenKind.StringLiteral || tokens[i + 1] is not { Kind: PsTokenKind.Open, Text: "{" } || i == 0 || tokens[i - 1].Kind is not (PsTokenKind.NewLine or PsTokenKind.Open))
            {
                continue;
            }

            var open = tokens[i + 1];
            var end = i + 2;
            while (end < tokens.Count && !(tokens[end].Kind == PsTokenKind.Close && tokens[end].Depth == open.Depth))
            {
                end++;
            }

            var commands = script.Invocations
                .Where(inv => inv.TokenIndex > i + 1 && inv.TokenIndex < end && inv.Name.Equals("Invoke-Dotnet", StringComparison.OrdinalIgnoreCase))
                .Select(inv => inv.Arguments.Where(a => a.Depth == inv.NameToken.Depth && a.Kind != PsTokenKind.Comma)
                    .Select(a => a.Kind == PsTokenKind.Variable ? Placeholder : a.Text).ToList())
                .ToList();
            tasks[Normalize(tokens[i].Text)] = commands;
        }

        return tasks;
    }

    /// <summary>The tasks build.sh's argument loop accepts: <c>build|test|…) task="$1"</c>.</summary>
    private static List<string> ShellArgumentTasks(string text) =>
        ArgumentCase().Match(text) is { Success: true } m ? [.. m.Groups[1].Value.Split('|').Select(Normalize)] : [];

    /// <summary>The case "$task" block: task → its 'run …' lines, split into words (variables as placeholders).</summary>
    private static Dictionary<string, List<List<string>>> ShellTasks(string text)
    {
        var tasks = new Dictionary<string, List<List<string>>>(StringComparer.Ordinal);
        var start = text.IndexOf("case \"$task\" in", StringComparison.Ordinal);
        if (start < 0)
        {
            return tasks;
        }

        List<List<string>>? current = null;
        foreach (var raw in text[start..].Split('\n').Skip(1))
        {
            var line = raw.Trim();
            if (line == "esac")
            {
                break;
            }

            if (CaseLabel().Match(line) is { Success: true } label)
            {
                current = [];
                tasks[Normalize(label.Groups[1].Value)] = current;
            }
            else if (line.StartsWith("run ", StringComparison.Ordinal) && current is not null)
            {
                current.Add([.. line[4..].Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(w => w.Contains('$', StringComparison.Ordinal) ? Placeholder : w.Trim('"'))]);
            }
        }

        return tasks;
    }

    [GeneratedRegex(@"^\s*([a-z|]+)\)\s*task=""\$1""", RegexOptions.Multiline)]
    private static partial Regex ArgumentCase();

    [GeneratedRegex(@"^([a-z]+)\)$")]
    private static partial Regex CaseLabel();
}
