using System.Text.RegularExpressions;
using Wiber.Module.Tests.PowerShell;

namespace Wiber.Module.Tests.Checks;

/// <summary>
/// The lab exercises: lab/01-… to lab/08-…, each with help, the common parameters (-LabPath, -Pause, -Keep),
/// steps, a verdict after the last step and another when an error stops it, its cluster stopped in a finally
/// block; each explained in lab/README.md (goal, steps, what you should see, why) and with a twin test in
/// tests/Wiber.Exercises.Tests.
/// </summary>
internal static partial class ExerciseCheck
{
    public const int Count = 8;

    public static bool IsExercise(string fileName) => ExerciseName().IsMatch(fileName);

    public static List<PsFinding> CheckScript(PsScript script)
    {
        var findings = new List<PsFinding>();
        void Add(string message, int line = 1) => findings.Add(new PsFinding(script.File, line, 1, message));

        if (script.ScriptHelp is not { Synopsis: not null } help || help.Examples.Count == 0)
        {
            Add("an exercise starts with help: .SYNOPSIS and an .EXAMPLE");
        }

        foreach (var parameter in new[] { "LabPath", "Pause", "Keep" })
        {
            if (script.ScriptParams?.Find(parameter) is null)
            {
                Add($"an exercise takes -{parameter}");
            }
        }

        var names = script.Invocations.Select(i => i.Name).ToList();
        if (!names.Contains("Initialize-Exercise", StringComparer.OrdinalIgnoreCase))
        {
            Add("an exercise calls Initialize-Exercise (its own lab directory)");
        }

        if (!names.Contains("Complete-Exercise", StringComparer.OrdinalIgnoreCase))
        {
            Add("an exercise calls Complete-Exercise in its finally block (the cluster is stopped)");
        }

        var steps = script.Invocations.Where(i => i.Name.Equals("Write-ExerciseStep", StringComparison.OrdinalIgnoreCase)).ToList();
        var verdicts = script.Invocations.Where(i => i.Name.Equals("Write-ExerciseVerdict", StringComparison.OrdinalIgnoreCase)).ToList();
        if (steps.Count < 3)
        {
            Add($"an exercise is done in steps: {steps.Count} Write-ExerciseStep, expected at least 3");
        }

        if (verdicts.Count < 2)
        {
            Add("an exercise ends with a verdict: Write-ExerciseVerdict after its last step, and in its catch block");
        }
        else if (steps.Count > 0 && verdicts[0].TokenIndex < steps[^1].TokenIndex)
        {
            Add("the verdict comes after the last step", verdicts[0].NameToken.Line);
        }

        if (!script.Tokens.Any(t => t is { Kind: PsTokenKind.Word, Text: "catch" }) || !script.Tokens.Any(t => t is { Kind: PsTokenKind.Word, Text: "finally" }))
        {
            Add("an exercise prints a FAIL verdict when an error stops it (catch) and always stops its cluster (finally)");
        }

        return findings;
    }

    /// <summary>lab/README.md has a section per exercise naming its file, with its goal, steps, what you should see and why.</summary>
    public static List<PsFinding> CheckReadme(string file, string readme, IReadOnlyList<string> exerciseFiles)
    {
        var findings = new List<PsFinding>();
        var sections = Regex.Split(readme, @"^## ", RegexOptions.Multiline).Skip(1).ToList();
        foreach (var exercise in exerciseFiles)
        {
            var number = exercise[..2];
            var section = sections.FirstOrDefault(s => s.StartsWith(number + " ", StringComparison.Ordinal));
            if (section is null)
            {
                findings.Add(new PsFinding(file, 1, 1, $"no '## {number} …' section for {exercise}"));
                continue;
            }

            if (!section.Contains(exercise, StringComparison.Ordinal))
            {
                findings.Add(new PsFinding(file, 1, 1, $"section {number} does not name its script {exercise}"));
            }

            foreach (var part in new[] { "Goal", "Steps", "What you should see", "Why" })
            {
                if (!Regex.IsMatch(section, $@"^\*\*{part}\*\*", RegexOptions.Multiline))
                {
                    findings.Add(new PsFinding(file, 1, 1, $"section {number} has no **{part}** part"));
                }
            }
        }

        return findings;
    }

    /// <summary>Each exercise has a twin: tests/Wiber.Exercises.Tests/Exercise&lt;NN&gt;*.cs naming the script.</summary>
    public static List<PsFinding> CheckTwins(IReadOnlyList<string> exerciseFiles, IReadOnlyDictionary<string, string> twinFiles)
    {
        var findings = new List<PsFinding>();
        foreach (var exercise in exerciseFiles)
        {
            var twin = twinFiles.FirstOrDefault(t => Path.GetFileName(t.Key).StartsWith("Exercise" + exercise[..2], StringComparison.Ordinal));
            if (twin.Key is null)
            {
                findings.Add(new PsFinding(exercise, 1, 1, $"no twin test tests/Wiber.Exercises.Tests/Exercise{exercise[..2]}*.cs"));
            }
            else if (!twin.Value.Contains(exercise, StringComparison.Ordinal))
            {
                findings.Add(new PsFinding(twin.Key, 1, 1, $"the twin of {exercise} does not name it"));
            }
        }

        return findings;
    }

    [GeneratedRegex(@"^[0-9]{2}-[a-z0-9-]+\.ps1$")]
    private static partial Regex ExerciseName();
}
