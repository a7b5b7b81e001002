using Wiber.Module.Tests.PowerShell;

namespace Wiber.Module.Tests.Checks;

/// <summary>A command the checks know the parameters of: an exported function, a private helper, a script's own function.</summary>
internal sealed record KnownCommand(string Name, PsParamBlock? Params, string DefinedIn);

/// <summary>The commands a piece of PowerShell may call, by name (case-insensitive).</summary>
internal sealed class CommandCatalog
{
    private readonly Dictionary<string, KnownCommand> _commands = new(StringComparer.OrdinalIgnoreCase);

    public CommandCatalog(IEnumerable<KnownCommand> commands)
    {
        foreach (var command in commands)
        {
            _commands[command.Name] = command;
        }
    }

    public IReadOnlyCollection<KnownCommand> Commands => _commands.Values;

    public KnownCommand? Find(string name) => _commands.GetValueOrDefault(name);

    /// <summary>This catalog plus every function the scripts define.</summary>
    public CommandCatalog With(params PsScript[] scripts) =>
        new(_commands.Values.Concat(scripts.SelectMany(s => s.Functions.Select(f => new KnownCommand(f.Name, f.Params, s.File)))));

    public static CommandCatalog Of(IEnumerable<PsScript> scripts) => new CommandCatalog([]).With([.. scripts]);
}

/// <summary>
/// Every command a script invokes exists (in the catalog, among the listed built-ins and programs, or as a
/// script file), every parameter named on a known command exists on it under its full name or an alias (common
/// parameters on advanced functions; -WhatIf/-Confirm only with SupportsShouldProcess), literal values of
/// [ValidateSet] parameters are in the set, and a pipe into one of our commands carries a property it binds by name.
/// </summary>
internal static class CommandCheck
{
    /// <summary>Commands that pass their input objects on unchanged (when used only with these parameters).</summary>
    private static readonly Dictionary<string, string[]> PassThrough = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Where-Object"] = [],
        ["Sort-Object"] = [],
        ["Select-Object"] = ["First", "Last", "Skip", "Unique", "Index"],
    };

    public static List<PsFinding> Check(PsScript script, CommandCatalog catalog, string scriptDirectory)
    {
        var findings = new List<PsFinding>();
        foreach (var invocation in script.Invocations)
        {
            var token = invocation.NameToken;
            if (catalog.Find(invocation.Name) is { } known)
            {
                CheckParameters(script, invocation, known.Name, known.Params, findings);
                CheckPipeline(script, invocation, known, catalog, findings);
            }
            else if (PsKnown.Cmdlets.Contains(invocation.Name) || PsKnown.Natives.Contains(invocation.Name))
            {
                continue;
            }
            else if (invocation.Name.Contains('/', StringComparison.Ordinal) || invocation.Name.Contains('\\', StringComparison.Ordinal) || invocation.Name.EndsWith(".ps1", StringComparison.OrdinalIgnoreCase))
            {
                var path = Path.GetFullPath(Path.Combine(scriptDirectory, invocation.Name));
                if (!File.Exists(path) && !Directory.Exists(path))
                {
                    findings.Add(new PsFinding(script.File, token.Line, token.Column, $"script '{invocation.Name}' does not exist"));
                }
                else if (File.Exists(path) && path.EndsWith(".ps1", StringComparison.OrdinalIgnoreCase))
                {
                    CheckParameters(script, invocation, invocation.Name, new PsScript(File.ReadAllText(path), path).ScriptParams, findings);
                }
            }
            else if (PsKnown.Aliases.Contains(invocation.Name))
            {
                findings.Add(new PsFinding(script.File, token.Line, token.Column, $"'{invocation.Name}' is an alias: write the command's full name"));
            }
            else
            {
                findings.Add(new PsFinding(script.File, token.Line, token.Column, $"unknown command '{invocation.Name}': not exported by the module, not defined here, not a listed built-in (PsKnown)"));
            }
        }

        return findings;
    }

    private static void CheckParameters(PsScript script, PsInvocation invocation, string command, PsParamBlock? block, List<PsFinding> findings)
    {
        foreach (var parameter in invocation.Parameters)
        {
            var name = parameter.Text;
            if (block?.Find(name) is { } found)
            {
                CheckValidateSet(script, invocation, command, parameter, found, findings);
                continue;
            }

            if (block is not null && block.IsAdvanced && PsKnown.CommonParameters.Contains(name))
            {
                continue;
            }

            if (block is not null && block.SupportsShouldProcess && (name.Equals("WhatIf", StringComparison.OrdinalIgnoreCase) || name.Equals("Confirm", StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }

            var candidates = (block?.Parameters.SelectMany(p => p.Names) ?? []).Concat(block is { IsAdvanced: true } ? PsKnown.CommonParameters : []);
            var abbreviated = candidates.FirstOrDefault(c => c.StartsWith(name, StringComparison.OrdinalIgnoreCase));
            var message = abbreviated is not null
                ? $"-{name} abbreviates -{abbreviated} of {command}: write the full name"
                : name is "WhatIf" or "Confirm"
                    ? $"-{name} on {command}, which does not declare SupportsShouldProcess"
                    : $"{command} has no parameter -{name}";
            findings.Add(new PsFinding(script.File, parameter.Line, parameter.Column, message));
        }
    }

    private static void CheckValidateSet(PsScript script, PsInvocation invocation, string command, PsToken parameter, PsParameter found, List<PsFinding> findings)
    {
        if (found.ValidateSet.Count == 0 || parameter.HasColon)
        {
            return;
        }

        foreach (var value in invocation.ValueOf(parameter.Text))
        {
            if (value.Kind is PsTokenKind.Word or PsTokenKind.StringLiteral && !found.ValidateSet.Contains(value.Text, StringComparer.OrdinalIgnoreCase))
            {
                findings.Add(new PsFinding(script.File, value.Line, value.Column, $"'{value.Text}' is not one of {command} -{found.Name}'s values ({string.Join(", ", found.ValidateSet)})"));
            }
        }
    }

    private static bool PassesObjectsOn(PsInvocation invocation) =>
        PassThrough.TryGetValue(invocation.Name, out var allowed)
        && (allowed.Length == 0 || (invocation.FirstWord is null && invocation.Parameters.All(p => allowed.Contains(p.Text, StringComparer.OrdinalIgnoreCase))));

    /// <summary>For <c>A | … | B</c> with B ours: what A writes (its [OutputType]) has a property B binds by name.</summary>
    private static void CheckPipeline(PsScript script, PsInvocation invocation, KnownCommand target, CommandCatalog catalog, List<PsFinding> findings)
    {
        var source = invocation.PipedFrom;
        while (source is not null && PassesObjectsOn(source))
        {
            source = source.PipedFrom;
        }

        if (source is null || catalog.Find(source.Name)?.Params is not { } producer || target.Params is not { } consumer)
        {
            return;
        }

        var types = producer.OutputTypes.Where(ModuleFacts.Fields.ContainsKey).ToList();
        if (types.Count == 0)
        {
            return;
        }

        var bindable = consumer.Parameters.Where(p => p.FromPipelineByPropertyName).SelectMany(p => p.Names).ToHashSet(StringComparer.OrdinalIgnoreCase);
        if (types.Any(t => ModuleFacts.Fields[t].Select(ModuleFacts.Pascal).Any(bindable.Contains)))
        {
            return;
        }

        var token = invocation.NameToken;
        findings.Add(new PsFinding(script.File, token.Line, token.Column,
            $"{source.Name} writes {string.Join(" or ", types)}, none of whose properties {target.Name} takes from the pipeline by property name"));
    }
}
