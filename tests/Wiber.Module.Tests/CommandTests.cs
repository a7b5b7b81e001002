using Wiber.Module.Tests.Checks;
using Wiber.Module.Tests.PowerShell;

namespace Wiber.Module.Tests;

/// <summary>
/// Every command used in lab/, the docs and help examples is exported by the manifest (or defined where it is
/// used, or a listed built-in), and every parameter named exists on it.
/// </summary>
public sealed class CommandTests
{
    private static readonly RepoScripts Scripts = RepoScripts.Load();

    private static void AssertClean(List<PsFinding> findings) => Assert.True(findings.Count == 0, string.Join('\n', findings));

    [Fact]
    public void TheModulesOwnCode_CallsOnlyWhatExists_WithParametersThatExist()
    {
        var files = Scripts.Public.Concat(Scripts.Private).Append(Scripts.RootModule);
        AssertClean([.. files.SelectMany(f => CommandCheck.Check(f, Scripts.ModuleInternal, Repo.Root))]);
    }

    [Fact]
    public void TheLabScripts_UseExportedCommandsAndTheirHelpers_WithParametersThatExist()
    {
        var catalog = Scripts.Exported.With(Scripts.LabHelper);
        AssertClean([.. Scripts.Lab.SelectMany(s => CommandCheck.Check(s, catalog.With(s), Repo.Path("lab")))]);
        var used = Scripts.Exercises.SelectMany(s => s.Invocations).Select(i => i.Name).Where(n => Scripts.Exported.Find(n) is not null).Distinct().Count();
        Assert.True(used >= 15, $"the exercises use {used} exported commands");
    }

    [Fact]
    public void EveryHelpExample_UsesExportedCommands_WithParametersThatExist()
    {
        var examples = RepoScripts.Examples(Scripts.Public).ToList();
        Assert.True(examples.Count >= 22 * HelpCheck.MinimumExamples, $"{examples.Count} examples");
        AssertClean([.. examples.SelectMany(e => e.Example.SyntaxFindings.Concat(CommandCheck.Check(e.Example, Scripts.Exported, Repo.Root)))]);

        var labExamples = RepoScripts.Examples(Scripts.Lab).ToList();
        var labCatalog = Scripts.Exported.With(Scripts.LabHelper);
        AssertClean([.. labExamples.SelectMany(e => e.Example.SyntaxFindings.Concat(CommandCheck.Check(e.Example, labCatalog, Repo.Root)))]);

        var buildExamples = RepoScripts.Examples([Scripts.Build]).ToList();
        AssertClean([.. buildExamples.SelectMany(e => CommandCheck.Check(e.Example, Scripts.Exported, Repo.Root))]);
    }

    [Fact]
    public void TheDocs_UseExportedCommands_WithParametersThatExist()
    {
        var blocks = Scripts.DocBlocks;
        AssertClean([.. blocks.SelectMany(b => CommandCheck.Check(new PsScript(b.Code, b.File, b.Line), Scripts.Exported, Repo.Root))]);
        var documented = blocks.Where(b => b.File is "docs/module.md" or "module/README.md").SelectMany(b => new PsScript(b.Code, b.File, b.Line).Invocations).Select(i => i.Name).ToList();
        Assert.Contains("Start-WiberCluster", documented);
        Assert.Contains("Invoke-WiberPartition", documented);
        Assert.Contains("Stop-WiberNode", documented);
    }

    [Fact]
    public void BuildPs1_CallsItsOwnFunction_WithItsParameters()
    {
        AssertClean(CommandCheck.Check(Scripts.Build, CommandCatalog.Of([Scripts.Build]), Repo.Root));
    }

    [Fact]
    public void RenamingAParameterOfTheModule_FlagsEveryScriptThatStillUsesIt()
    {
        var stopNode = Scripts.Public.Single(p => p.File.EndsWith("/Stop-WiberNode.ps1", StringComparison.Ordinal));
        var renamed = new PsScript(Repo.Read(stopNode.File).Replace("[switch] $Kill", "[switch] $Crash", StringComparison.Ordinal), stopNode.File);
        var catalog = CommandCatalog.Of(Scripts.Public.Where(p => p != stopNode).Append(renamed)).With(Scripts.LabHelper);
        var findings = Scripts.Exercises.SelectMany(s => CommandCheck.Check(s, catalog.With(s), Repo.Path("lab"))).ToList();
        Assert.Contains(findings, f => f.File == "lab/02-kill-the-leader.ps1" && f.Message == "Stop-WiberNode has no parameter -Kill");
    }

    [Theory]
    [InlineData("Stop-WiberNode -Nodes n1", "Stop-WiberNode has no parameter -Nodes")]
    [InlineData("Stop-WiberNode -Kil -Node n1", "-Kil abbreviates -Kill of Stop-WiberNode")]
    [InlineData("Get-WiberNodes", "unknown command 'Get-WiberNodes'")]
    [InlineData("Invoke-WiberCli -Verb status", "unknown command 'Invoke-WiberCli'")]
    [InlineData("Get-WiberCluster -Confirm:$false", "-Confirm on Get-WiberCluster, which does not declare SupportsShouldProcess")]
    [InlineData("Set-WiberLinkFlaky -Target n1 -Kind resett", "'resett' is not one of Set-WiberLinkFlaky -Kind's values")]
    [InlineData("Get-WiberNode | % { $_.Node }", "'%' is an alias")]
    [InlineData("Get-WiberNode | foreach { $_.Node }", "'foreach' is an alias")]
    [InlineData("Get-WiberEvent | Stop-WiberNode -Confirm:$false", "Get-WiberEvent writes Wiber.LabEvent, none of whose properties Stop-WiberNode takes")]
    [InlineData("Get-WiberHistory -Topic t | Sort-Object Offset | Reset-WiberNetwork", "none of whose properties Reset-WiberNetwork takes")]
    [InlineData("./lab/99-nothing.ps1 -Pause", "script './lab/99-nothing.ps1' does not exist")]
    [InlineData("./build.ps1 -Tsk Build", "./build.ps1 has no parameter -Tsk")]
    [InlineData("./build.ps1 -Task Deploy", "'Deploy' is not one of ./build.ps1 -Task's values")]
    [InlineData("$x = (Get-WiberNode -Nod n1).Role", "-Nod abbreviates -Node")]
    [InlineData("if ($true) {\n    Publish-WiberMessage -Topic t -Mesage hi\n}", "Publish-WiberMessage has no parameter -Mesage")]
    public void AWrongCommandOrParameter_IsFlagged(string snippet, string expected)
    {
        var findings = CommandCheck.Check(new PsScript(snippet, "snippet.ps1"), Scripts.Exported, Repo.Root);
        Assert.Contains(findings, f => f.Message.Contains(expected, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Get-WiberNode | Where-Object Role -eq Leader | Stop-WiberNode -Kill")]
    [InlineData("Get-WiberNode | Where-Object Role -eq Leader | Select-Object -First 1 | Invoke-WiberPartition -Duration 5s -Confirm:$false")]
    [InlineData("Get-WiberCluster | Stop-WiberNode -WhatIf")]
    [InlineData("Invoke-WiberWorkload -Duration 20s | Test-WiberHistory")]
    [InlineData("Start-WiberCluster -LabPath ./x | Stop-WiberCluster -Confirm:$false")]
    [InlineData("Get-WiberHistory -Topic chat -Last 5 | Publish-WiberMessage -Topic copy")]
    [InlineData("Stop-WiberNode -Node n1 -Confirm:$false -Verbose -ErrorAction Stop")]
    [InlineData("Set-WiberClockSkew n2 '+800ms'")]
    public void ARightPipelineOrCall_IsClean(string snippet)
    {
        AssertClean(CommandCheck.Check(new PsScript(snippet, "snippet.ps1"), Scripts.Exported, Repo.Root));
    }
}
