using Wiber.Raft;
using Wiber.Storage;

namespace Wiber.Broker.Configuration;

/// <summary>
/// Everything one node process needs to start: the cluster's configuration with overrides applied,
/// its own entry, and its data root. Built by <see cref="Resolve"/> from the command line and
/// environment; precedence is flag, then environment variable, then file, then default.
/// </summary>
public sealed record NodeOptions
{
    public const string DefaultConfigPath = "config/cluster.yaml";
    public const string DefaultDataRoot = "./.data";

    public const string Usage =
        "usage: wiber-node --id <node-id> [--config <path>] [--data-root <dir>] [--fsync always|interval:<ms>|never]\n" +
        "  --id         this node's id in the config's nodes (env WIBER_ID)\n" +
        "  --config     cluster configuration file (env WIBER_CONFIG, default config/cluster.yaml)\n" +
        "  --data-root  directory holding every node's data (env WIBER_DATA_ROOT, default ./.data)\n" +
        "  --fsync      overrides storage.fsync (env WIBER_STORAGE__FSYNC)\n" +
        "Any setting can be overridden with WIBER_<SECTION>__<KEY>, e.g. WIBER_RAFT__ELECTION_TIMEOUT=2s.";

    public required ClusterConfig Cluster { get; init; }

    /// <summary>This node's entry in <see cref="ClusterConfig.Nodes"/>.</summary>
    public required NodeConfig Self { get; init; }

    /// <summary>Absolute path of the data root.</summary>
    public required string DataRoot { get; init; }

    /// <summary>The configuration file that was read, as given.</summary>
    public required string ConfigPath { get; init; }

    /// <summary>Every other node, in configuration order.</summary>
    public IReadOnlyList<NodeConfig> Peers => Cluster.Nodes.Where(n => n.Id != Self.Id).ToList();

    public RaftConfig ToRaftConfig() => Cluster.Raft.ToRaftConfig(Self.RaftId, Cluster.Voters);

    public StorageOptions ToStorageOptions() => new()
    {
        DataRoot = DataRoot,
        NodeId = Self.RaftId,
        DirectoryName = Self.Id,
        ClusterId = Cluster.ClusterId,
        InitialVoters = Cluster.Voters,
        Fsync = Cluster.Storage.Fsync,
        SegmentBytes = Cluster.Storage.SegmentBytes,
    };

    /// <summary>
    /// Parses <paramref name="args"/>, reads the configuration file with <c>WIBER_*</c> overrides from
    /// <paramref name="environment"/>, and finds this node. On failure, every problem found is listed
    /// for the program to print before exiting non-zero.
    /// </summary>
    public static ConfigResult<NodeOptions> Resolve(IReadOnlyList<string> args, IReadOnlyDictionary<string, string> environment)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(environment);
        var errors = new List<string>();
        var flags = CommandLineFlags.Parse(args, errors);

        var id = Setting(flags, "id", environment, "WIBER_ID");
        var configPath = Setting(flags, "config", environment, "WIBER_CONFIG") ?? new Sourced(DefaultConfigPath, "default");
        var dataRoot = Setting(flags, "data-root", environment, "WIBER_DATA_ROOT") ?? new Sourced(DefaultDataRoot, "default");
        if (id is null)
        {
            errors.Add("--id is required (or WIBER_ID): which entry of nodes this node is, e.g. --id n1");
        }

        var fullDataRoot = string.Empty;
        try
        {
            fullDataRoot = Path.GetFullPath(dataRoot.Value);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            errors.Add($"data root '{dataRoot.Value}' (from {dataRoot.Origin}) is not a usable path: {e.Message}");
        }

        var overrides = EnvironmentOverrides.From(environment);
        if (flags.TryGetValue("fsync", out var fsync))
        {
            overrides.Add(new ConfigOverride(["storage", "fsync"], fsync, "--fsync")); // last, so the flag wins
        }
        var cluster = ClusterConfig.Read(
            configPath.Value,
            configPath.Origin == "default" ? "the default; pass --config or set WIBER_CONFIG" : $"from {configPath.Origin}",
            overrides);
        errors.AddRange(cluster.Errors);

        NodeConfig? self = null;
        if (cluster.IsValid && id is not null)
        {
            self = cluster.Value.FindNode(id.Value);
            if (self is null)
            {
                var known = string.Join(", ", cluster.Value.Nodes.Select(n => n.Id));
                errors.Add($"node '{id.Value}' (from {id.Origin}) is not in nodes (known: {known})");
            }
        }

        if (errors.Count > 0 || self is null || !cluster.IsValid)
        {
            return ConfigResult<NodeOptions>.Invalid(errors);
        }
        return ConfigResult<NodeOptions>.Valid(new NodeOptions
        {
            Cluster = cluster.Value,
            Self = self,
            DataRoot = fullDataRoot,
            ConfigPath = configPath.Value,
        });
    }

    /// <summary>The process's environment, for <see cref="Resolve"/>.</summary>
    public static IReadOnlyDictionary<string, string> ProcessEnvironment()
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (System.Collections.DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            if (entry.Key is string name && entry.Value is string value)
            {
                result[name] = value;
            }
        }
        return result;
    }

    private static Sourced? Setting(
        Dictionary<string, string> flags, string flag, IReadOnlyDictionary<string, string> environment, string variable)
    {
        if (flags.TryGetValue(flag, out var fromFlag))
        {
            return new Sourced(fromFlag, "--" + flag);
        }
        var fromEnvironment = environment.FirstOrDefault(e => e.Key.Equals(variable, StringComparison.OrdinalIgnoreCase)).Value;
        return string.IsNullOrWhiteSpace(fromEnvironment) ? null : new Sourced(fromEnvironment, variable);
    }

    /// <summary>A value and where it came from (a flag, a variable, or the default), for error messages.</summary>
    private sealed record Sourced(string Value, string Origin);
}
