using System.Text.RegularExpressions;
using System.Xml.Linq;
using Wiber.Module.Tests.PowerShell;

namespace Wiber.Module.Tests.Checks;

/// <summary>
/// The format file: well-formed XML of views, each selecting a PSTypeName the module writes, with as many
/// column items as headers, and every property a column reads (PropertyName, or $_.Name in a ScriptBlock)
/// a property that type has (<see cref="ModuleFacts"/>); script blocks are syntax-checked; and every type the
/// module writes has a view.
/// </summary>
internal static partial class FormatCheck
{
    public static List<PsFinding> Check(string file, string xml, IReadOnlyCollection<string> moduleTypes)
    {
        var findings = new List<PsFinding>();
        void Add(string message) => findings.Add(new PsFinding(file, 1, 1, message));
        XDocument document;
        try
        {
            document = XDocument.Parse(xml, LoadOptions.SetLineInfo);
        }
        catch (System.Xml.XmlException ex)
        {
            Add($"not well-formed XML: {ex.Message}");
            return findings;
        }

        var viewed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var view in document.Descendants("View"))
        {
            var name = (string?)view.Element("Name") ?? "?";
            var types = view.Element("ViewSelectedBy")?.Elements("TypeName").Select(t => t.Value.Trim()).ToList() ?? [];
            if (types.Count == 0)
            {
                Add($"view {name} selects no TypeName");
            }

            foreach (var type in types)
            {
                viewed.Add(type);
                if (!moduleTypes.Contains(type))
                {
                    Add($"view {name} selects {type}, which no command of the module writes");
                }
            }

            var table = view.Element("TableControl");
            if (table is null)
            {
                continue;
            }

            var headers = table.Element("TableHeaders")?.Elements("TableColumnHeader").Count() ?? 0;
            foreach (var row in table.Descendants("TableColumnItems"))
            {
                var items = row.Elements("TableColumnItem").ToList();
                if (items.Count != headers)
                {
                    Add($"view {name} has {headers} headers but {items.Count} column items");
                }

                foreach (var item in items)
                {
                    var properties = new List<string>();
                    if ((string?)item.Element("PropertyName") is { } property)
                    {
                        properties.Add(property.Trim());
                    }

                    if ((string?)item.Element("ScriptBlock") is { } code)
                    {
                        findings.AddRange(new PsScript(code, $"{file} (view {name})").SyntaxFindings);
                        properties.AddRange(DollarUnderscoreMemberPath().Matches(code).SelectMany(m => m.Groups[1].Value.Split('.', StringSplitOptions.RemoveEmptyEntries)));
                        properties.AddRange(ForEachMember().Matches(code).Select(m => m.Groups[1].Value));
                    }

                    foreach (var type in types.Where(ModuleFacts.Fields.ContainsKey))
                    {
                        var known = ModuleFacts.Fields[type].Concat(ModuleFacts.NestedFields.Where(n => n.Key.StartsWith(type + ".", StringComparison.Ordinal)).SelectMany(n => n.Value))
                            .Select(ModuleFacts.Pascal).ToHashSet(StringComparer.OrdinalIgnoreCase);
                        foreach (var missing in properties.Where(p => !known.Contains(p) && !PsKnown.Members.Contains(p)))
                        {
                            Add($"view {name} reads '{missing}', which {type} does not have");
                        }
                    }
                }
            }
        }

        foreach (var type in moduleTypes.Where(t => !viewed.Contains(t)))
        {
            Add($"{type} has no view: it would show as a long list");
        }

        return findings;
    }

    [GeneratedRegex(@"\$_((?:\.[A-Za-z_][A-Za-z0-9_]*)+)")]
    private static partial Regex DollarUnderscoreMemberPath();

    [GeneratedRegex(@"ForEach-Object\s+([A-Za-z_][A-Za-z0-9_]*)")]
    private static partial Regex ForEachMember();
}
