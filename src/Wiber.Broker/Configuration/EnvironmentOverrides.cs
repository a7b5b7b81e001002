using YamlDotNet.RepresentationModel;

namespace Wiber.Broker.Configuration;

/// <summary>
/// <c>WIBER_&lt;SECTION&gt;__&lt;KEY&gt;=value</c> overrides: the name after the prefix, split on a
/// double underscore and lower-cased, is the YAML path (<c>WIBER_RAFT__ELECTION_TIMEOUT</c> →
/// <c>raft.election_timeout</c>; <c>WIBER_NODES__N2__ADVERTISE__PEER</c> → the <c>advertise.peer</c> of
/// the node with id n2). Overrides are written into the YAML tree before it is read, so an overridden
/// value passes exactly the same checks as one in the file.
/// </summary>
internal static class EnvironmentOverrides
{
    public const string Prefix = "WIBER_";
    public const string Separator = "__";

    /// <summary>
    /// The overrides among <paramref name="environment"/>. Names without a double underscore are not
    /// configuration paths (<c>WIBER_ID</c> and friends are flags; other tools may own other names),
    /// except <c>WIBER_CLUSTER_ID</c>, the one top-level scalar. Empty values are ignored, so a
    /// compose file can list a variable without setting it.
    /// </summary>
    public static List<ConfigOverride> From(IReadOnlyDictionary<string, string> environment)
    {
        var overrides = new List<ConfigOverride>();
        foreach (var (name, value) in environment.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            if (!name.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase) || string.IsNullOrWhiteSpace(value))
            {
                continue;
            }
            var rest = name[Prefix.Length..];
            if (rest.Contains(Separator, StringComparison.Ordinal))
            {
                overrides.Add(new ConfigOverride(rest.Split(Separator).Select(s => s.ToLowerInvariant()).ToList(), value, name));
            }
            else if (rest.Equals("CLUSTER_ID", StringComparison.OrdinalIgnoreCase))
            {
                overrides.Add(new ConfigOverride(["cluster_id"], value, name));
            }
        }
        return overrides;
    }

    /// <summary>Writes each override into <paramref name="root"/>, recording its origin for error messages.</summary>
    public static void Apply(YamlMappingNode root, IEnumerable<ConfigOverride> overrides, ConfigErrors errors)
    {
        foreach (var item in overrides)
        {
            Apply(root, item, errors);
        }
    }

    private static void Apply(YamlMappingNode root, ConfigOverride item, ConfigErrors errors)
    {
        if (item.Segments.Count == 0 || item.Segments.Any(s => s.Length == 0))
        {
            errors.AddGeneral($"{item.Origin}: not a configuration path (write e.g. WIBER_RAFT__ELECTION_TIMEOUT=2s)");
            return;
        }
        YamlNode current = root;
        var path = string.Empty;
        for (var i = 0; i < item.Segments.Count; i++)
        {
            var segment = item.Segments[i];
            var isLast = i == item.Segments.Count - 1;
            switch (current)
            {
                case YamlMappingNode mapping:
                    path = path.Length == 0 ? segment : $"{path}.{segment}";
                    if (isLast)
                    {
                        Set(mapping, segment, new YamlScalarNode(item.Value));
                        errors.SetOrigin(path, item.Origin);
                        return;
                    }
                    current = Get(mapping, segment) ?? Set(mapping, segment, new YamlMappingNode());
                    break;
                case YamlSequenceNode nodes:
                    var index = IndexOfNode(nodes, segment);
                    if (index < 0)
                    {
                        errors.AddGeneral($"{item.Origin}: no node with id '{segment}' in {path}");
                        return;
                    }
                    if (isLast)
                    {
                        errors.AddGeneral($"{item.Origin}: names a whole node; name one of its settings, e.g. {item.Origin}__CLIENT_PORT");
                        return;
                    }
                    path = $"{path}[{index}]";
                    current = nodes.Children[index];
                    break;
                default:
                    errors.AddGeneral($"{item.Origin}: {path} is a single value, it has no setting '{segment}'");
                    return;
            }
        }
    }

    private static YamlNode? Get(YamlMappingNode mapping, string key)
    {
        foreach (var (k, v) in mapping.Children)
        {
            if (k is YamlScalarNode s && s.Value == key)
            {
                return YamlSection.IsNull(v) ? null : v;
            }
        }
        return null;
    }

    private static YamlNode Set(YamlMappingNode mapping, string key, YamlNode value)
    {
        var existingKey = mapping.Children.Keys.FirstOrDefault(k => k is YamlScalarNode s && s.Value == key);
        mapping.Children[existingKey ?? new YamlScalarNode(key)] = value;
        return value;
    }

    // Nodes are addressed by id, not position: ids are what people and the lab know them by.
    private static int IndexOfNode(YamlSequenceNode nodes, string id)
    {
        for (var i = 0; i < nodes.Children.Count; i++)
        {
            if (nodes.Children[i] is YamlMappingNode node && Get(node, "id") is YamlScalarNode { Value: var value } && value == id)
            {
                return i;
            }
        }
        return -1;
    }
}
