using System.Text.RegularExpressions;
using Wiber.Module.Tests.PowerShell;

namespace Wiber.Module.Tests.Checks;

/// <summary>
/// The manifest against the files: it is data only (a hashtable, no commands), names its root module, format
/// file and PowerShell 7.2 Core, exports nothing but functions, and FunctionsToExport lists exactly the
/// Public/*.ps1 files, each of which defines exactly one top-level function named like the file, which no
/// Private file also defines.
/// </summary>
internal static partial class ManifestCheck
{
    public static List<PsFinding> Check(string manifestFile, string manifestText, IReadOnlyList<PsScript> publicFiles, IReadOnlyList<PsScript> privateFiles, Func<string, bool> moduleFileExists)
    {
        var findings = new List<PsFinding>();
        var manifest = new PsScript(manifestText, manifestFile);
        findings.AddRange(manifest.SyntaxFindings);
        void Add(string message, int line = 1) => findings.Add(new PsFinding(manifestFile, line, 1, message));

        if (manifest.Tokens.FirstOrDefault(t => t.Kind != PsTokenKind.NewLine) is not { Kind: PsTokenKind.Open, Text: "@{" })
        {
            Add("a manifest is one hashtable: it must start with @{");
        }

        foreach (var invocation in manifest.Invocations)
        {
            Add($"a manifest holds data only, but it runs '{invocation.Name}'", invocation.NameToken.Line);
        }

        var entries = Entries(manifest);
        string? Single(string key) => entries.TryGetValue(key, out var values) && values.Count == 1 ? values[0] : null;

        if (Single("RootModule") is not { } root || !moduleFileExists(root))
        {
            Add("RootModule must name the .psm1 beside the manifest");
        }

        if (Single("PowerShellVersion") != "7.2")
        {
            Add("PowerShellVersion must be '7.2'");
        }

        if (!entries.TryGetValue("CompatiblePSEditions", out var editions) || !editions.SequenceEqual(["Core"]))
        {
            Add("CompatiblePSEditions must be @('Core')");
        }

        if (Single("GUID") is not { } guid || !Guid.TryParse(guid, out _))
        {
            Add("GUID must be a GUID");
        }

        if (Single("ModuleVersion") is not { } version || !Version.TryParse(version, out _))
        {
            Add("ModuleVersion must be a version");
        }

        if (!entries.TryGetValue("FormatsToProcess", out var formats) || formats.Count == 0 || !formats.All(moduleFileExists))
        {
            Add("FormatsToProcess must name the format files beside the manifest");
        }

        foreach (var key in new[] { "CmdletsToExport", "VariablesToExport", "AliasesToExport" })
        {
            if (!entries.TryGetValue(key, out var values) || values.Count != 0)
            {
                Add($"{key} must be @(): the module exports functions only, and says so");
            }
        }

        if (!manifestText.Contains("PSData", StringComparison.Ordinal) || !entries.ContainsKey("Tags"))
        {
            Add("PrivateData must hold PSData with Tags");
        }

        if (!entries.TryGetValue("FunctionsToExport", out var exported))
        {
            Add("FunctionsToExport is missing (a wildcard or a missing list exports helpers and slows imports)");
            exported = [];
        }

        var files = publicFiles.Select(f => Path.GetFileNameWithoutExtension(f.File)).ToHashSet(StringComparer.Ordinal);
        foreach (var name in exported.Where(n => !files.Contains(n)))
        {
            Add($"FunctionsToExport names '{name}', but there is no Public/{name}.ps1");
        }

        foreach (var name in files.Where(n => !exported.Contains(n, StringComparer.Ordinal)))
        {
            Add($"Public/{name}.ps1 is not in FunctionsToExport");
        }

        foreach (var file in publicFiles)
        {
            var name = Path.GetFileNameWithoutExtension(file.File);
            var defined = file.Functions.Select(f => f.Name).ToList();
            if (defined.Count != 1 || !string.Equals(defined[0], name, StringComparison.Ordinal))
            {
                findings.Add(new PsFinding(file.File, 1, 1, $"a Public file defines exactly one function named like the file ({name}); this one defines: {string.Join(", ", defined)}"));
            }
        }

        var privateNames = privateFiles.SelectMany(f => f.Functions).Select(f => f.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var name in exported.Where(privateNames.Contains))
        {
            Add($"'{name}' is defined in Private/ and exported");
        }

        return findings;
    }

    /// <summary>Key = values of the manifest: each key's string values (an @() list, or one string).</summary>
    private static Dictionary<string, List<string>> Entries(PsScript manifest)
    {
        var entries = new Dictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase);
        var tokens = manifest.Tokens;
        for (var i = 0; i + 2 < tokens.Count; i++)
        {
            if (tokens[i].Kind != PsTokenKind.Word || tokens[i + 1] is not { Kind: PsTokenKind.Operator, Text: "=" } || !KeyName().IsMatch(tokens[i].Text))
            {
                continue;
            }

            var values = new List<string>();
            var value = tokens[i + 2];
            if (value.Kind == PsTokenKind.StringLiteral)
            {
                values.Add(value.Text);
            }
            else if (value is { Kind: PsTokenKind.Open, Text: "@(" })
            {
                for (var j = i + 3; j < tokens.Count && !(tokens[j].Kind == PsTokenKind.Close && tokens[j].Depth == value.Depth); j++)
                {
                    if (tokens[j].Kind == PsTokenKind.StringLiteral)
                    {
                        values.Add(tokens[j].Text);
                    }
                }
            }
            else
            {
                continue;
            }

            entries[tokens[i].Text] = values;
        }

        return entries;
    }

    [GeneratedRegex("^[A-Za-z]+$")]
    private static partial Regex KeyName();
}
