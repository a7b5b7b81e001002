using Wiber.Module.Tests.Checks;
using Wiber.Module.Tests.PowerShell;

namespace Wiber.Module.Tests;

/// <summary>Eight exercises, each with steps and a verdict, explained in lab/README.md, each with a twin test.</summary>
public sealed class ExerciseTests
{
    private static readonly RepoScripts Scripts = RepoScripts.Load();

    private static IReadOnlyList<string> ExerciseFiles => [.. Scripts.Exercises.Select(s => Path.GetFileName(s.File))];

    [Fact]
    public void ThereAreEightExercises_NumberedInOrder()
    {
        Assert.Equal(Enumerable.Range(1, ExerciseCheck.Count).Select(n => n.ToString("00", System.Globalization.CultureInfo.InvariantCulture)), ExerciseFiles.Select(f => f[..2]));
    }

    [Fact]
    public void EveryExercise_HasHelpStepsAndAVerdict()
    {
        var findings = Scripts.Exercises.SelectMany(ExerciseCheck.CheckScript).ToList();
        Assert.True(findings.Count == 0, string.Join('\n', findings));
    }

    [Fact]
    public void EveryExercise_IsExplainedInTheLabReadme()
    {
        var findings = ExerciseCheck.CheckReadme("lab/README.md", Repo.Read("lab/README.md"), ExerciseFiles);
        Assert.True(findings.Count == 0, string.Join('\n', findings));
    }

    [Fact]
    public void EveryExercise_HasATwinTest()
    {
        var findings = ExerciseCheck.CheckTwins(ExerciseFiles, TwinFiles());
        Assert.True(findings.Count == 0, string.Join('\n', findings));
    }

    private static Dictionary<string, string> TwinFiles() =>
        Repo.Files("tests/Wiber.Exercises.Tests", "Exercise*.cs").ToDictionary(f => f, Repo.Read);

    [Fact]
    public void AnExerciseWithoutAVerdict_OrStepsAfterIt_IsFlagged()
    {
        var script = Repo.Read("lab/02-kill-the-leader.ps1");
        var noVerdict = new PsScript(script.Replace("Write-ExerciseVerdict", "Write-Host", StringComparison.Ordinal), "lab/02-kill-the-leader.ps1");
        Assert.Contains(ExerciseCheck.CheckScript(noVerdict), f => f.Message.Contains("ends with a verdict", StringComparison.Ordinal));

        var stepAfter = new PsScript("""
            <#
            .SYNOPSIS
                x
            .EXAMPLE
                ./x.ps1
            #>
            [CmdletBinding()]
            param([string] $LabPath, [switch] $Pause, [switch] $Keep)
            Initialize-Exercise -Title x -LabPath $LabPath
            try {
                Write-ExerciseStep 'one'
                Write-ExerciseStep 'two'
                Write-ExerciseVerdict -Passed $true -Text 'early'
                Write-ExerciseStep 'three'
            }
            catch {
                Write-ExerciseVerdict -Passed $false -Text 'error'
            }
            finally {
                Complete-Exercise
            }
            """, "x.ps1");
        Assert.Contains(ExerciseCheck.CheckScript(stepAfter), f => f.Message.Contains("the verdict comes after the last step", StringComparison.Ordinal));

        var noKeep = new PsScript(script.Replace("[switch] $Keep", "[switch] $Leave", StringComparison.Ordinal), "x.ps1");
        Assert.Contains(ExerciseCheck.CheckScript(noKeep), f => f.Message.Contains("takes -Keep", StringComparison.Ordinal));
    }

    [Fact]
    public void AReadmeSectionWithoutItsParts_OrAMissingTwin_IsFlagged()
    {
        var readme = Repo.Read("lab/README.md");
        var broken = readme.Replace("**Why**", "**Because**", StringComparison.Ordinal);
        Assert.Contains(ExerciseCheck.CheckReadme("lab/README.md", broken, ExerciseFiles), f => f.Message.Contains("has no **Why** part", StringComparison.Ordinal));
        var twins = TwinFiles().Where(t => !Path.GetFileName(t.Key).StartsWith("Exercise05", StringComparison.Ordinal)).ToDictionary(t => t.Key, t => t.Value);
        Assert.Contains(ExerciseCheck.CheckTwins(ExerciseFiles, twins), f => f.Message.Contains("Exercise05", StringComparison.Ordinal));
    }
}
