using Wiber.Module.Tests.PowerShell;

namespace Wiber.Module.Tests;

/// <summary>
/// The module stays thin: every exported command runs the CLI verbs <see cref="ModuleFacts.Verbs"/> says (the
/// map the exercise twins rely on), only Private/Invoke-WiberCli.ps1 starts processes (plus the heal in
/// Invoke-WiberPartition's finally block, which may make .NET calls only), and nothing runs 'wiber' directly.
/// </summary>
public sealed class ModuleSourceTests
{
    private static readonly RepoScripts Scripts = RepoScripts.Load();

    [Fact]
    public void TheVerbMap_CoversEveryExportedCommand()
    {
        Assert.Equal(Scripts.Public.SelectMany(p => p.Functions).Select(f => f.Name).Order(StringComparer.Ordinal), ModuleFacts.Verbs.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void EveryExportedCommand_NamesTheCliVerbsItIsSaidToRun()
    {
        foreach (var file in Scripts.Public)
        {
            var function = Assert.Single(file.Functions);
            var strings = file.Tokens.Where(t => t.Kind == PsTokenKind.StringLiteral).Select(t => t.Text).ToHashSet(StringComparer.Ordinal);
            var calls = file.Invocations.Select(i => i.Name).Where(n => ModuleFacts.Verbs.ContainsKey(n) && n != function.Name).ToList();
            foreach (var verb in ModuleFacts.Verbs[function.Name])
            {
                var words = verb.Split(' ');
                var direct = words.All(strings.Contains);
                var throughAnother = calls.Any(c => ModuleFacts.Verbs[c].Contains(verb, StringComparer.Ordinal));
                Assert.True(direct || throughAnother, $"{function.Name} is said to run 'wiber {verb}', but neither names it nor calls a command that does");
            }
        }
    }

    [Fact]
    public void OnlyTheCliHelper_StartsProcesses()
    {
        var starters = Scripts.Public.Concat(Scripts.Private).Append(Scripts.RootModule)
            .Where(s => s.Tokens.Any(t => t is { Kind: PsTokenKind.Member, Text: "Start" }))
            .Select(s => s.File)
            .Order(StringComparer.Ordinal);
        Assert.Equal(["module/Wiber/Private/Invoke-WiberCli.ps1", "module/Wiber/Public/Invoke-WiberPartition.ps1"], starters);
        Assert.DoesNotContain(Scripts.Public.Concat(Scripts.Private).SelectMany(s => s.Invocations), i => i.Name == "wiber" || i.Name == "&");
    }

    [Fact]
    public void EveryPublicCommand_GoesThroughTheCliHelper()
    {
        foreach (var file in Scripts.Public)
        {
            var names = file.Invocations.Select(i => i.Name).ToList();
            Assert.True(names.Contains("Invoke-WiberCli") || names.Any(n => ModuleFacts.Verbs.ContainsKey(n)), $"{file.File} neither runs the CLI helper nor another command of the module");
        }
    }
}
