using Wiber.Module.Tests.Checks;

namespace Wiber.Module.Tests;

/// <summary>The format file's views select the module's PSTypeNames and read properties those objects have.</summary>
public sealed class FormatTests
{
    private static readonly RepoScripts Scripts = RepoScripts.Load();

    private static readonly string Xml = Repo.Read(RepoScripts.FormatFile);

    [Fact]
    public void EveryView_SelectsAModuleType_AndReadsItsProperties_AndEveryTypeHasAView()
    {
        var findings = FormatCheck.Check(RepoScripts.FormatFile, Xml, Scripts.ModuleTypes);
        Assert.True(findings.Count == 0, string.Join('\n', findings));
    }

    [Fact]
    public void TheContractTable_CoversExactlyTheTypesTheModuleWrites()
    {
        Assert.Equal(ModuleFacts.Fields.Keys.Order(StringComparer.Ordinal), Scripts.ModuleTypes);
    }

    [Theory]
    [InlineData("<TypeName>Wiber.LabHeal</TypeName>", "<TypeName>Wiber.Nope</TypeName>", "selects Wiber.Nope, which no command of the module writes")]
    [InlineData("<TypeName>Wiber.LabHeal</TypeName>", "<TypeName>Wiber.Nope</TypeName>", "Wiber.LabHeal has no view")]
    [InlineData("<PropertyName>RemovedToxics</PropertyName>", "<PropertyName>RemovedToxic</PropertyName>", "reads 'RemovedToxic', which Wiber.LabHeal does not have")]
    [InlineData("<ScriptBlock>$_.Faults -join '; '</ScriptBlock>", "<ScriptBlock>$_.Fault -join '; '</ScriptBlock>", "reads 'Fault', which Wiber.LabNode does not have")]
    [InlineData("<ScriptBlock>$_.Faults -join '; '</ScriptBlock>", "<ScriptBlock>($_.Faults -join '; '</ScriptBlock>", "'(' is never closed")]
    [InlineData("<TableColumnItem><PropertyName>RemovedToxics</PropertyName></TableColumnItem>", "", "has 1 headers but 0 column items")]
    [InlineData("</Configuration>", "</Configuratio>", "not well-formed XML")]
    public void ABrokenView_IsFlagged(string replace, string with, string expected)
    {
        Assert.Contains(replace, Xml, StringComparison.Ordinal);
        var findings = FormatCheck.Check(RepoScripts.FormatFile, Xml.Replace(replace, with, StringComparison.Ordinal), Scripts.ModuleTypes);
        Assert.Contains(findings, f => f.Message.Contains(expected, StringComparison.Ordinal));
    }
}
