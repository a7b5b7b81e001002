using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Wiber.Broker.Configuration;

/// <summary>
/// The whole cluster's configuration (<c>config/cluster.yaml</c>): every node's addresses and the
/// tunables all nodes share. See docs/configuration.md for every key.
/// </summary>
public sealed record ClusterConfig
{
    public required string ClusterId { get; init; }

    /// <summary>In file order; a node's Raft id is its 1-based position, so the order must never change.</summary>
    public required IReadOnlyList<NodeConfig> Nodes { get; init; }

    public RaftSettings Raft { get; init; } = new();

    public StorageSettings Storage { get; init; } = new();

    public LimitSettings Limits { get; init; } = new();

    public DedupSettings Dedup { get; init; } = new();

    public ClockSettings Clock { get; init; } = new();

    public AdminSettings Admin { get; init; } = new();

    /// <summary>The Raft ids of all nodes: the initial voters.</summary>
    public IReadOnlyList<ulong> Voters => Nodes.Select(n => n.RaftId).ToList();

    public NodeConfig? FindNode(string id) => Nodes.FirstOrDefault(n => n.Id == id);

    public NodeConfig? FindNode(ulong raftId) => Nodes.FirstOrDefault(n => n.RaftId == raftId);

    /// <summary>Where <paramref name="node"/>'s admin endpoint listens (admin.bind and its admin_port).</summary>
    public HostPort AdminListen(NodeConfig node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return new HostPort(Admin.Bind, node.AdminPort);
    }

    /// <summary>Reads and validates a file; throws <see cref="ConfigurationException"/> listing every problem.</summary>
    /// <param name="environment">Variables to take <c>WIBER_*</c> overrides from; none when null.</param>
    public static ClusterConfig Load(string path, IReadOnlyDictionary<string, string>? environment = null) =>
        TryLoad(path, environment).GetValueOrThrow();

    /// <summary>Parses and validates YAML text; throws <see cref="ConfigurationException"/> listing every problem.</summary>
    public static ClusterConfig Parse(string yamlText, IReadOnlyDictionary<string, string>? environment = null) =>
        TryParse(yamlText, environment).GetValueOrThrow();

    public static ConfigResult<ClusterConfig> TryLoad(string path, IReadOnlyDictionary<string, string>? environment = null) =>
        Read(path, null, EnvironmentOverrides.From(environment ?? new Dictionary<string, string>()));

    public static ConfigResult<ClusterConfig> TryParse(string yamlText, IReadOnlyDictionary<string, string>? environment = null) =>
        ReadText(yamlText, EnvironmentOverrides.From(environment ?? new Dictionary<string, string>()));

    /// <param name="pathOrigin">Where the path came from (a flag, a variable), named in file errors.</param>
    internal static ConfigResult<ClusterConfig> Read(string path, string? pathOrigin, IEnumerable<ConfigOverride> overrides)
    {
        ArgumentNullException.ThrowIfNull(path);
        var file = pathOrigin is null ? $"config file '{path}'" : $"config file '{path}' ({pathOrigin})";
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return ConfigResult<ClusterConfig>.Invalid([$"{file} not found"]);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return ConfigResult<ClusterConfig>.Invalid([$"{file} cannot be read: {e.Message}"]);
        }
        return ReadText(text, overrides);
    }

    internal static ConfigResult<ClusterConfig> ReadText(string yamlText, IEnumerable<ConfigOverride> overrides)
    {
        ArgumentNullException.ThrowIfNull(yamlText);
        var errors = new ConfigErrors();
        var root = ParseYaml(yamlText, errors);
        if (root is null)
        {
            return ConfigResult<ClusterConfig>.Invalid(errors.Items);
        }
        EnvironmentOverrides.Apply(root, overrides, errors);
        var config = ClusterConfigBinder.Bind(new YamlSection(root, string.Empty, errors));
        if (errors.Count == 0)
        {
            ClusterConfigValidator.Validate(config, errors);
        }
        return errors.Count == 0 ? ConfigResult<ClusterConfig>.Valid(config) : ConfigResult<ClusterConfig>.Invalid(errors.Items);
    }

    private static YamlMappingNode? ParseYaml(string yamlText, ConfigErrors errors)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yamlText));
        }
        catch (YamlException e)
        {
            errors.AddGeneral($"YAML syntax error at line {e.Start.Line}, column {e.Start.Column}: {(e.InnerException ?? e).Message}");
            return null;
        }
        if (stream.Documents.Count != 1)
        {
            errors.AddGeneral(stream.Documents.Count == 0 ? "the configuration is empty" : "the configuration must be a single YAML document");
            return null;
        }
        if (stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            errors.AddGeneral("the configuration must be a mapping of settings (cluster_id:, nodes:, raft:, ...)");
            return null;
        }
        return root;
    }
}
