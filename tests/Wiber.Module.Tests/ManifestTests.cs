using Wiber.Module.Tests.Checks;
using Wiber.Module.Tests.PowerShell;

namespace Wiber.Module.Tests;

/// <summary>The manifest matches the files: FunctionsToExport = Public/*.ps1 = the functions defined there.</summary>
public sealed class ManifestTests
{
    private static readonly RepoScripts Scripts = RepoScripts.Load();

    private static bool ModuleFileExists(string name) => File.Exists(Repo.Path(Path.Combine("module/Wiber", name)));

    private static List<PsFinding> Check(string manifest, IReadOnlyList<PsScript>? publicFiles = null) =>
        ManifestCheck.Check(RepoScripts.ManifestFile, manifest, publicFiles ?? Scripts.Public, Scripts.Private, ModuleFileExists);

    [Fact]
    public void TheManifest_MatchesThePublicFiles()
    {
        var findings = Check(Scripts.ManifestText);
        Assert.True(findings.Count == 0, string.Join('\n', findings));
        Assert.Equal(22, Scripts.Public.Count);
    }

    [Fact]
    public void TheRootModule_DotSourcesPublicAndPrivate_AndExportsThePublicFiles()
    {
        var psm1 = Repo.Read("module/Wiber/Wiber.psm1");
        Assert.Contains("'Public'", psm1, StringComparison.Ordinal);
        Assert.Contains("'Private'", psm1, StringComparison.Ordinal);
        Assert.Contains(". $file.FullName", psm1, StringComparison.Ordinal);
        Assert.Contains("Export-ModuleMember -Function $publicFiles.BaseName", psm1, StringComparison.Ordinal);
        Assert.Contains("Register-WiberArgumentCompleter", psm1, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("'Get-WiberCluster'", "'Get-WiberCluster'\n        'Get-Nothing'", "names 'Get-Nothing', but there is no Public/Get-Nothing.ps1")]
    [InlineData("        'Get-WiberNode'\n", "", "Public/Get-WiberNode.ps1 is not in FunctionsToExport")]
    [InlineData("PowerShellVersion    = '7.2'", "PowerShellVersion    = '5.1'", "PowerShellVersion must be '7.2'")]
    [InlineData("AliasesToExport      = @()", "AliasesToExport      = '*'", "AliasesToExport must be @()")]
    [InlineData("CompatiblePSEditions = @('Core')", "CompatiblePSEditions = @('Desktop', 'Core')", "CompatiblePSEditions must be @('Core')")]
    [InlineData("RootModule           = 'Wiber.psm1'", "RootModule           = 'Nope.psm1'", "RootModule must name")]
    [InlineData("ModuleVersion        = '0.1.0'", "ModuleVersion        = (Get-Date).Year", "runs 'Get-Date'")]
    [InlineData("FunctionsToExport    = @(", "Functions            = @(", "FunctionsToExport is missing")]
    public void ABrokenManifest_IsFlagged(string replace, string with, string expected)
    {
        Assert.Contains(replace, Scripts.ManifestText, StringComparison.Ordinal);
        var findings = Check(Scripts.ManifestText.Replace(replace, with, StringComparison.Ordinal));
        Assert.Contains(findings, f => f.Message.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void APublicFileDefiningTwoFunctions_OrAMisnamedOne_IsFlagged()
    {
        var two = new PsScript("function Get-WiberNode { }\nfunction Get-Helper { }", "module/Wiber/Public/Get-WiberNode.ps1");
        var misnamed = new PsScript("function Get-WiberNodes { }", "module/Wiber/Public/Get-WiberCluster.ps1");
        var files = Scripts.Public.Where(p => !p.File.EndsWith("Get-WiberNode.ps1", StringComparison.Ordinal) && !p.File.EndsWith("Get-WiberCluster.ps1", StringComparison.Ordinal)).Append(two).Append(misnamed).ToList();
        var findings = Check(Scripts.ManifestText, files);
        Assert.Contains(findings, f => f.File.EndsWith("Get-WiberNode.ps1", StringComparison.Ordinal) && f.Message.Contains("defines: Get-WiberNode, Get-Helper", StringComparison.Ordinal));
        Assert.Contains(findings, f => f.File.EndsWith("Get-WiberCluster.ps1", StringComparison.Ordinal) && f.Message.Contains("defines: Get-WiberNodes", StringComparison.Ordinal));
    }
}
