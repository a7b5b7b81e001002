using Wiber.Module.Tests.Checks;
using Wiber.Module.Tests.PowerShell;

namespace Wiber.Module.Tests;

/// <summary>The repository's PowerShell, parsed once: the module's files, the lab's scripts, build.ps1, and the docs' code blocks.</summary>
internal sealed class RepoScripts
{
    private static readonly Lazy<RepoScripts> Instance = new(() => new RepoScripts());

    private RepoScripts()
    {
        Public = [.. Repo.Files("module/Wiber/Public", "*.ps1").Select(Parse)];
        Private = [.. Repo.Files("module/Wiber/Private", "*.ps1").Select(Parse)];
        RootModule = Parse("module/Wiber/Wiber.psm1");
        ManifestText = Repo.Read(ManifestFile);
        Lab = [.. Repo.Files("lab", "*.ps1").Select(Parse)];
        LabHelper = Lab.Single(s => s.File == "lab/Exercise.ps1");
        Exercises = [.. Lab.Where(s => ExerciseCheck.IsExercise(Path.GetFileName(s.File)))];
        Build = Parse("build.ps1");
        Exported = CommandCatalog.Of(Public);
        ModuleInternal = Exported.With([.. Private, RootModule]);
        ModuleTypes = [.. Public.SelectMany(s => s.Invocations)
            .Where(i => i.Name.Equals("Invoke-WiberCli", StringComparison.OrdinalIgnoreCase))
            .SelectMany(i => i.ValueOf("TypeName"))
            .Where(t => t.Kind == PsTokenKind.StringLiteral)
            .Select(t => t.Text)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)];
        DocBlocks = [.. DocFiles.SelectMany(f => Markdown.PowerShellBlocks(f, Repo.Read(f)))];
    }

    public const string ManifestFile = "module/Wiber/Wiber.psd1";

    public const string FormatFile = "module/Wiber/Wiber.Format.ps1xml";

    /// <summary>The Markdown files whose PowerShell blocks are checked.</summary>
    public static readonly string[] DocFiles = ["README.md", "module/README.md", "lab/README.md", "docs/module.md"];

    public static RepoScripts Load() => Instance.Value;

    public IReadOnlyList<PsScript> Public { get; }

    public IReadOnlyList<PsScript> Private { get; }

    public PsScript RootModule { get; }

    public string ManifestText { get; }

    /// <summary>Every lab/*.ps1: the exercises and their helper.</summary>
    public IReadOnlyList<PsScript> Lab { get; }

    public PsScript LabHelper { get; }

    public IReadOnlyList<PsScript> Exercises { get; }

    public PsScript Build { get; }

    /// <summary>What users may call: the exported functions.</summary>
    public CommandCatalog Exported { get; }

    /// <summary>What the module's own code may call: exported and private functions.</summary>
    public CommandCatalog ModuleInternal { get; }

    /// <summary>Every PSTypeName the module writes (the -TypeName values given to Invoke-WiberCli).</summary>
    public IReadOnlyList<string> ModuleTypes { get; }

    public IReadOnlyList<CodeBlock> DocBlocks { get; }

    /// <summary>Every PowerShell file the syntax check reads, relative to the repository.</summary>
    public static IReadOnlyList<string> PowerShellFiles =>
        [.. Repo.Files("module", "*.ps*1").Concat(Repo.Files("lab", "*.ps1")).Append("build.ps1").Where(f => f.EndsWith(".ps1", StringComparison.Ordinal) || f.EndsWith(".psm1", StringComparison.Ordinal) || f.EndsWith(".psd1", StringComparison.Ordinal))];

    public static PsScript Parse(string relative) => new(Repo.Read(relative), relative);

    /// <summary>The code of every .EXAMPLE of every function and script help in these files, as scripts of their own.</summary>
    public static IEnumerable<(PsScript Example, string Owner)> Examples(IEnumerable<PsScript> scripts) =>
        from script in scripts
        from help in script.Functions.Select(f => (f.Help, Owner: f.Name)).Append((Help: script.ScriptHelp, Owner: script.File))
        where help.Help is not null
        from example in help.Help!.Examples
        select (new PsScript(example.Code, $"{script.File} (.EXAMPLE of {help.Owner})", example.Line), help.Owner);
}
