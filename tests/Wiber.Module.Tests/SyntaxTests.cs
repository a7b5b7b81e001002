using Wiber.Module.Tests.PowerShell;

namespace Wiber.Module.Tests;

/// <summary>Every .ps1/.psm1/.psd1 of module/, lab/ and build.ps1 is balanced: brackets, quotes, here-strings, block comments.</summary>
public sealed class SyntaxTests
{
    [Fact]
    public void EveryPowerShellFile_IsBalanced()
    {
        var files = RepoScripts.PowerShellFiles;
        Assert.True(files.Count >= 35, $"expected the module, lab and build scripts, found {files.Count}: {string.Join(", ", files)}");
        var findings = files.SelectMany(f => RepoScripts.Parse(f).SyntaxFindings).ToList();
        Assert.True(findings.Count == 0, string.Join('\n', findings));
    }

    [Fact]
    public void TheDocsCodeBlocks_AreBalanced()
    {
        var blocks = RepoScripts.Load().DocBlocks;
        Assert.True(blocks.Count >= 3, $"expected PowerShell blocks in {string.Join(", ", RepoScripts.DocFiles)}, found {blocks.Count}");
        var findings = blocks.SelectMany(b => new PsScript(b.Code, b.File, b.Line).SyntaxFindings).ToList();
        Assert.True(findings.Count == 0, string.Join('\n', findings));
    }

    [Theory]
    [InlineData("Get-WiberNode | Where-Object { $_.Role -eq 'leader'", "'{' is never closed")]
    [InlineData("if ($a) { 'x' )", "')' closes '{'")]
    [InlineData("$x = (1 + 2]", "']' closes '('")]
    [InlineData(") x", "')' closes nothing")]
    [InlineData("Write-Host 'it''s not closed", "string ' is never closed")]
    [InlineData("Write-Host \"a `\" b", "string \" is never closed")]
    [InlineData("$x = @'\nabc\n  '@\n", "here-string @' is never closed")]
    [InlineData("$x = @\"\nabc\n \"@\n", "here-string @\" is never closed")]
    [InlineData("$x = @' abc\n'@", "here-string @' must end its line")]
    [InlineData("<# help\nGet-WiberNode", "block comment '<#' is never closed")]
    [InlineData("Write-Host \u2018x\u2019", "typographic quote")]
    [InlineData("Write-Host 'it\u2019s'", "inside a string")]
    [InlineData("Stop-WiberNode \u2013Node n1", "typographic dash")]
    [InlineData("Get-WiberNode ` \n| Format-Table", "backtick followed by spaces")]
    [InlineData("Write-Host \"total: $($a.Count\"", "'$(' in a string is never closed")]
    [InlineData("Write-Host \"$( @(1, 2 )\"", "'$(' in a string is never closed")]
    [InlineData("Write-Host ${name", "'${' is never closed")]
    public void ABrokenSnippet_IsFlagged(string snippet, string expected)
    {
        var findings = new PsScript(snippet, "snippet.ps1").SyntaxFindings;
        Assert.Contains(findings, f => f.Message.Contains(expected, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Write-Host \"a `\"quoted`\" b\"")]
    [InlineData("Write-Host 'it''s'")]
    [InlineData("Write-Host \"say \"\"hi\"\"\"")]
    [InlineData("$x = @'\n'quoted' \"x\" ( { [\n'@\n$y = 1")]
    [InlineData("$x = @\"\n$($a.b) ( ' \n\"@")]
    [InlineData("<# a ( ' \" #> $x = 1")]
    [InlineData("# a comment with ( and ' and \"\n$x = 1")]
    [InlineData("$h = @{ a = 1; b = @(1, 2); c = $(Get-Date) }")]
    [InlineData("\"$($x | ForEach-Object { \"(\" + ')' })\"")]
    [InlineData("Get-WiberNode `\n    -Node n1")]
    [InlineData("Write-Host `$env:WIBER_LAB `( `{")]
    [InlineData("$a = \"`$(not code\"")]
    [InlineData("[ValidateRange(1, [int]::MaxValue)] [int] $x = 1")]
    public void AValidSnippet_IsClean(string snippet)
    {
        var findings = new PsScript(snippet, "snippet.ps1").SyntaxFindings;
        Assert.True(findings.Count == 0, string.Join('\n', findings));
    }
}
