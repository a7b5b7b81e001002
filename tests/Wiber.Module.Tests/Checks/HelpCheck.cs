using Wiber.Module.Tests.PowerShell;

namespace Wiber.Module.Tests.Checks;

/// <summary>
/// Exported functions are real cmdlets: an approved verb, [CmdletBinding()] and [OutputType()], comment-based
/// help with a synopsis, a description, at least <see cref="MinimumExamples"/> examples and a .PARAMETER for every
/// parameter (and none for parameters that do not exist); SupportsShouldProcess exactly on the state-changing
/// ones, ConfirmImpact 'High' on the destructive ones, and a $PSCmdlet.ShouldProcess call wherever
/// SupportsShouldProcess is declared (without it -WhatIf would do the thing anyway). Every PSTypeName a
/// function passes to Invoke-WiberCli is in its [OutputType()].
/// </summary>
internal static class HelpCheck
{
    public const int MinimumExamples = 2;

    /// <summary>Commands that end processes or cut the network: they ask first (ConfirmImpact High).</summary>
    public static readonly HashSet<string> Destructive = new(StringComparer.OrdinalIgnoreCase)
    {
        "Stop-WiberCluster", "Stop-WiberNode", "Restart-WiberNode", "Suspend-WiberNode", "Invoke-WiberPartition",
    };

    /// <summary>Verbs PSScriptAnalyzer expects ShouldProcess on (PSUseShouldProcessForStateChangingFunctions).</summary>
    private static readonly HashSet<string> StateChangingVerbs = new(StringComparer.OrdinalIgnoreCase) { "New", "Set", "Remove", "Start", "Stop", "Restart", "Reset", "Update", "Suspend", "Resume" };

    public static List<PsFinding> Check(PsScript file, PsFunction function)
    {
        var findings = new List<PsFinding>();
        void Add(string message) => findings.Add(new PsFinding(file.File, function.Line, 1, $"{function.Name}: {message}"));

        var verb = function.Name.Split('-')[0];
        if (!PsKnown.ApprovedVerbs.Contains(verb))
        {
            Add($"'{verb}' is not an approved verb (Get-Verb)");
        }

        var block = function.Params;
        if (block?.CmdletBinding is null)
        {
            Add("needs [CmdletBinding()]");
        }

        if (block is null || block.OutputTypes.Count == 0)
        {
            Add("needs [OutputType()]");
        }

        if (block is not null)
        {
            if (StateChangingVerbs.Contains(verb) && !block.SupportsShouldProcess)
            {
                Add($"a '{verb}' command changes state: declare SupportsShouldProcess");
            }

            if (Destructive.Contains(function.Name) && !string.Equals(block.ConfirmImpact, "High", StringComparison.OrdinalIgnoreCase))
            {
                Add("is destructive: declare ConfirmImpact = 'High'");
            }

            if (block.SupportsShouldProcess && !file.BodyOf(function).Any(t => t is { Kind: PsTokenKind.Member, Text: "ShouldProcess" }))
            {
                Add("declares SupportsShouldProcess but never calls $PSCmdlet.ShouldProcess, so -WhatIf would not stop it");
            }

            foreach (var invocation in file.InvocationsIn(function).Where(i => i.Name.Equals("Invoke-WiberCli", StringComparison.OrdinalIgnoreCase)))
            {
                foreach (var type in invocation.ValueOf("TypeName").Where(t => t.Kind == PsTokenKind.StringLiteral))
                {
                    if (!block.OutputTypes.Contains(type.Text, StringComparer.Ordinal))
                    {
                        findings.Add(new PsFinding(file.File, type.Line, type.Column, $"{function.Name} writes {type.Text}, which its [OutputType()] does not name"));
                    }
                }
            }
        }

        var help = function.Help;
        if (help is null)
        {
            Add("has no comment-based help");
            return findings;
        }

        if (string.IsNullOrWhiteSpace(help.Synopsis))
        {
            Add("help has no .SYNOPSIS");
        }

        if (string.IsNullOrWhiteSpace(help.Description))
        {
            Add("help has no .DESCRIPTION");
        }

        if (help.Examples.Count < MinimumExamples)
        {
            Add($"help has {help.Examples.Count} .EXAMPLE, needs at least {MinimumExamples}");
        }

        foreach (var example in help.Examples.Where(e => string.IsNullOrWhiteSpace(e.Code)))
        {
            findings.Add(new PsFinding(file.File, example.Line, 1, $"{function.Name}: an .EXAMPLE without code"));
        }

        foreach (var parameter in block?.Parameters ?? [])
        {
            if (!help.Parameters.ContainsKey(parameter.Name))
            {
                Add($"help has no .PARAMETER {parameter.Name}");
            }
        }

        foreach (var documented in help.Parameters.Keys)
        {
            if (block?.Find(documented) is null)
            {
                Add($"help documents .PARAMETER {documented}, which does not exist");
            }
        }

        return findings;
    }
}
