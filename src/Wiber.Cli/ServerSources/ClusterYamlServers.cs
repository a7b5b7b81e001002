using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace Wiber.Cli.ServerSources;

/// <summary>
/// The client addresses in a cluster file (<c>config/cluster.yaml</c>): each node's <c>advertise.client</c>
/// when set (that is what clients are meant to dial), else <c>host:client_port</c>. Only the keys needed here
/// are read; the node validates the whole file.
/// </summary>
internal static class ClusterYamlServers
{
    public static IReadOnlyList<string> Read(string path)
    {
        var yaml = new YamlStream();
        using (var reader = File.OpenText(path))
        {
            yaml.Load(reader);
        }

        if (yaml.Documents.Count == 0 || yaml.Documents[0].RootNode is not YamlMappingNode root
            || !root.Children.TryGetValue(new YamlScalarNode("nodes"), out var nodesNode) || nodesNode is not YamlSequenceNode nodes)
        {
            throw new FormatException($"{path}: no 'nodes' list");
        }

        var servers = new List<string>();
        var index = 0;
        foreach (var node in nodes.Children)
        {
            index++;
            if (node is not YamlMappingNode entry)
            {
                throw new FormatException($"{path}: nodes[{index}] is not a mapping");
            }

            if (Scalar(entry, "advertise") is null && entry.Children.TryGetValue(new YamlScalarNode("advertise"), out var advertise)
                && advertise is YamlMappingNode advertised && Scalar(advertised, "client") is { } client)
            {
                servers.Add(client);
                continue;
            }

            var host = Scalar(entry, "host") ?? "127.0.0.1";
            var port = Scalar(entry, "client_port");
            if (port is null || !int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out _))
            {
                throw new FormatException($"{path}: nodes[{index}].client_port is missing or not a number");
            }

            servers.Add(host.Contains(':', StringComparison.Ordinal) ? $"[{host}]:{port}" : $"{host}:{port}");
        }

        return servers.Count > 0 ? servers : throw new FormatException($"{path}: the 'nodes' list is empty");
    }

    private static string? Scalar(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var value) && value is YamlScalarNode scalar ? scalar.Value : null;
}
