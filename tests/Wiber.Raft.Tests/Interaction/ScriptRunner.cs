using System.Text;

namespace Wiber.Raft.Tests.Interaction;

/// <summary>
/// Runs a script against a fresh cluster and compares each command's output with its expected block.
/// In rewrite mode (authoring) it records the actual output instead, to be written back to the file.
/// </summary>
internal static class ScriptRunner
{
    public sealed record Result(string? Failure, string Rewritten);

    public static Result Run(string fileName, string text, bool rewrite)
    {
        var script = InteractionScript.Parse(fileName, text);
        var cluster = new InteractionCluster();
        var actual = new Dictionary<ScriptCommand, IReadOnlyList<string>>();
        foreach (var command in script.Commands)
        {
            IReadOnlyList<string> lines;
            try
            {
                lines = cluster.Execute(command);
            }
            catch (Exception e) when (e is FormatException or InvalidOperationException or ArgumentException)
            {
                return new Result($"{fileName}:{command.Line}: `{command.Text}` failed: {e.Message}", text);
            }
            actual[command] = lines;
            if (!rewrite && !lines.SequenceEqual(command.Expected))
            {
                return new Result(Describe(fileName, command, lines), text);
            }
        }
        return new Result(null, script.Render(actual));
    }

    /// <summary>A mismatch a reader can act on: where, both texts in full, and the first line that differs.</summary>
    private static string Describe(string fileName, ScriptCommand command, IReadOnlyList<string> actual)
    {
        var expected = command.Expected;
        var first = 0;
        while (first < expected.Count && first < actual.Count && expected[first] == actual[first])
        {
            first++;
        }
        var text = new StringBuilder();
        text.AppendLine($"{fileName}:{command.Line}: output of `{command.Text}` differs at output line {first + 1}");
        text.AppendLine($"  - expected: {(first < expected.Count ? expected[first] : "<end of output>")}");
        text.AppendLine($"  + actual:   {(first < actual.Count ? actual[first] : "<end of output>")}");
        text.AppendLine("--- expected");
        AppendBlock(text, expected);
        text.AppendLine("+++ actual");
        AppendBlock(text, actual);
        text.AppendLine("(run with WIBER_REWRITE=1 to accept the actual output, then review the diff line by line)");
        return text.ToString();
    }

    private static void AppendBlock(StringBuilder text, IReadOnlyList<string> lines)
    {
        foreach (var line in lines)
        {
            text.Append("    ").AppendLine(line);
        }
    }
}
