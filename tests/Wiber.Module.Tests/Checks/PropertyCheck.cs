using Wiber.Module.Tests.PowerShell;

namespace Wiber.Module.Tests.Checks;

/// <summary>
/// In scripts and docs that use the module: every property read (<c>$x.Name</c>, and the property names given
/// to Where-Object, Sort-Object, Select-Object, Format-Table, …) is a property of some object the module writes
/// (the CLI's JSON fields in PascalCase, <see cref="ModuleFacts"/>) or a .NET member listed in <see cref="PsKnown.Members"/>.
/// A misspelt property would otherwise just read $null.
/// </summary>
internal static class PropertyCheck
{
    private static readonly HashSet<string> PropertyTakers = new(StringComparer.OrdinalIgnoreCase)
    {
        "Where-Object", "Sort-Object", "Select-Object", "Format-Table", "Format-List", "Group-Object", "Measure-Object", "ForEach-Object",
    };

    public static List<PsFinding> Check(PsScript script, IEnumerable<string>? extraNames = null)
    {
        var known = ModuleFacts.AllPropertyNames.Concat(PsKnown.Members).Concat(extraNames ?? []).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var findings = new List<PsFinding>();
        foreach (var member in script.MemberReads)
        {
            if (!known.Contains(member.Text))
            {
                findings.Add(new PsFinding(script.File, member.Line, member.Column, $"property '{member.Text}' is on no object the module writes and is not a listed .NET member"));
            }
        }

        foreach (var invocation in script.Invocations.Where(i => PropertyTakers.Contains(i.Name)))
        {
            foreach (var word in PropertyNames(invocation).Where(w => !known.Contains(w.Text)))
            {
                findings.Add(new PsFinding(script.File, word.Line, word.Column, $"{invocation.Name} names property '{word.Text}', which no object the module writes has"));
            }
        }

        return findings;
    }

    /// <summary>The bare words given positionally or to -Property: not the values of other parameters.</summary>
    private static IEnumerable<PsToken> PropertyNames(PsInvocation invocation)
    {
        var depth = invocation.NameToken.Depth;
        var skipping = false;
        PsToken? previous = null;
        foreach (var token in invocation.Arguments.Where(t => t.Depth == depth))
        {
            if (token.Kind == PsTokenKind.Parameter)
            {
                skipping = !token.Text.Equals("Property", StringComparison.OrdinalIgnoreCase);
            }
            else if (token.Kind == PsTokenKind.Comma)
            {
                // A comma keeps the current list going.
            }
            else
            {
                var chained = previous?.Kind == PsTokenKind.Comma;
                if (!chained && previous?.Kind != PsTokenKind.Parameter)
                {
                    skipping = false;
                }

                if (!skipping && token.Kind is PsTokenKind.Word or PsTokenKind.StringLiteral && token.Text.Length > 0 && !char.IsAsciiDigit(token.Text[0]))
                {
                    yield return token;
                }
            }

            previous = token;
        }
    }
}
