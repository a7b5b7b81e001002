using Wiber.Module.Tests.Checks;
using Wiber.Module.Tests.PowerShell;

namespace Wiber.Module.Tests;

/// <summary>Scripts and docs read only properties the module's objects (or listed .NET types) have.</summary>
public sealed class PropertyTests
{
    private static readonly RepoScripts Scripts = RepoScripts.Load();

    [Fact]
    public void TheLabScripts_TheDocs_AndTheHelpExamples_ReadPropertiesThatExist()
    {
        var findings = Scripts.Lab.SelectMany(s => PropertyCheck.Check(s))
            .Concat(Scripts.DocBlocks.SelectMany(b => PropertyCheck.Check(new PsScript(b.Code, b.File, b.Line), ModuleFacts.NodeLogFields)))
            .Concat(RepoScripts.Examples(Scripts.Public).SelectMany(e => PropertyCheck.Check(e.Example, ModuleFacts.NodeLogFields)))
            .ToList();
        Assert.True(findings.Count == 0, string.Join('\n', findings));
        Assert.True(Scripts.Exercises.Sum(s => s.MemberReads.Count) >= 50, "the exercises read properties of the module's objects");
    }

    [Theory]
    [InlineData("$n = Get-WiberNode; $n.Roles", "property 'Roles'")]
    [InlineData("Get-WiberNode | Where-Object Rol -eq leader", "Where-Object names property 'Rol'")]
    [InlineData("(Get-WiberCluster).ClockOffset", "property 'ClockOffset'")]
    [InlineData("Get-WiberEvent | Format-Table At, Kinds", "Format-Table names property 'Kinds'")]
    [InlineData("Get-WiberHistory -Topic t | Sort-Object -Property Ofset", "Sort-Object names property 'Ofset'")]
    [InlineData("$check.Anomalies | Format-Table -Property 'Kind', 'Sevrity'", "Format-Table names property 'Sevrity'")]
    public void AMisspeltProperty_IsFlagged(string snippet, string expected)
    {
        var findings = PropertyCheck.Check(new PsScript(snippet, "snippet.ps1"));
        Assert.Contains(findings, f => f.Message.Contains(expected, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Get-WiberNode | Where-Object State -in stopped, killed | Select-Object -First 2")]
    [InlineData("(Get-WiberCluster | Where-Object Node -eq n2).ClockOffsetMs")]
    [InlineData("$check.Recoveries | Format-Table HealAtMs, Status, RecoveryMs")]
    public void ARealProperty_IsClean(string snippet)
    {
        var findings = PropertyCheck.Check(new PsScript(snippet, "snippet.ps1"));
        Assert.True(findings.Count == 0, string.Join('\n', findings));
    }
}
