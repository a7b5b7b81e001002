using Wiber.Module.Tests.Checks;
using Wiber.Module.Tests.PowerShell;

namespace Wiber.Module.Tests;

/// <summary>Every exported function is a proper cmdlet with help and examples; destructive ones ask first.</summary>
public sealed class HelpTests
{
    private static readonly RepoScripts Scripts = RepoScripts.Load();

    [Fact]
    public void EveryExportedFunction_HasHelpExamplesBindingAndOutputType()
    {
        var findings = Scripts.Public.SelectMany(s => s.Functions.Select(f => (s, f))).SelectMany(x => HelpCheck.Check(x.s, x.f)).ToList();
        Assert.True(findings.Count == 0, string.Join('\n', findings));
    }

    [Fact]
    public void TheDestructiveCommands_AskFirst_AndTheNodeCommands_TakeNodesFromThePipeline()
    {
        foreach (var name in HelpCheck.Destructive)
        {
            var block = Scripts.Exported.Find(name)?.Params;
            Assert.True(block is { SupportsShouldProcess: true, ConfirmImpact: "High" }, $"{name}: {block?.CmdletBinding}");
        }

        foreach (var name in new[] { "Stop-WiberNode", "Start-WiberNode", "Restart-WiberNode", "Suspend-WiberNode", "Resume-WiberNode", "Set-WiberClockSkew", "Get-WiberNodeLog" })
        {
            var node = Scripts.Exported.Find(name)?.Params?.Find("Node");
            Assert.True(node is { FromPipelineByPropertyName: true }, $"{name} -Node binds by property name");
        }
    }

    private static List<PsFinding> CheckSnippet(string code)
    {
        var script = new PsScript(code, "snippet.ps1");
        return [.. script.Functions.SelectMany(f => HelpCheck.Check(script, f))];
    }

    private const string Good = """
        function Get-WiberThing {
            <#
            .SYNOPSIS
                Gets a thing.
            .DESCRIPTION
                Gets it.
            .PARAMETER Name
                Which.
            .EXAMPLE
                Get-WiberThing -Name a

                A.
            .EXAMPLE
                Get-WiberThing -Name b

                B.
            #>
            [CmdletBinding()]
            [OutputType('Wiber.Thing')]
            param([string] $Name)
            Invoke-WiberCli -Verb 'thing' -TypeName 'Wiber.Thing'
        }
        """;

    [Fact]
    public void AGoodFunction_IsClean()
    {
        var findings = CheckSnippet(Good);
        Assert.True(findings.Count == 0, string.Join('\n', findings));
    }

    [Theory]
    [InlineData("    .EXAMPLE\n        Get-WiberThing -Name b\n\n        B.\n", "", "help has 1 .EXAMPLE, needs at least 2")]
    [InlineData("    .PARAMETER Name\n        Which.\n", "", "help has no .PARAMETER Name")]
    [InlineData(".PARAMETER Name", ".PARAMETER Nmae", "documents .PARAMETER Nmae, which does not exist")]
    [InlineData("function Get-WiberThing", "function Fetch-WiberThing", "'Fetch' is not an approved verb")]
    [InlineData("[OutputType('Wiber.Thing')]", "", "needs [OutputType()]")]
    [InlineData("[OutputType('Wiber.Thing')]", "[OutputType('Wiber.Other')]", "writes Wiber.Thing, which its [OutputType()] does not name")]
    [InlineData("[CmdletBinding()]", "", "needs [CmdletBinding()]")]
    [InlineData("function Get-WiberThing", "function Set-WiberThing", "declare SupportsShouldProcess")]
    [InlineData("[CmdletBinding()]", "[CmdletBinding(SupportsShouldProcess)]", "never calls $PSCmdlet.ShouldProcess")]
    [InlineData("function Get-WiberThing", "function Stop-WiberNode", "is destructive: declare ConfirmImpact = 'High'")]
    [InlineData("    .SYNOPSIS\n        Gets a thing.\n", "", "help has no .SYNOPSIS")]
    public void ABrokenFunction_IsFlagged(string replace, string with, string expected)
    {
        Assert.Contains(replace, Good, StringComparison.Ordinal);
        var findings = CheckSnippet(Good.Replace(replace, with, StringComparison.Ordinal));
        Assert.Contains(findings, f => f.Message.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void AFunctionWithoutHelp_IsFlagged()
    {
        var findings = CheckSnippet("function Get-WiberThing {\n    [CmdletBinding()]\n    [OutputType([string])]\n    param()\n    'x'\n}");
        Assert.Contains(findings, f => f.Message.Contains("has no comment-based help", StringComparison.Ordinal));
    }
}
