using Wiber.Broker.Configuration;
using Wiber.Storage;

namespace Wiber.Broker.Tests.Configuration;

public sealed class NodeOptionsTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("wiber-config-").FullName;
    private readonly string _configPath;

    public NodeOptionsTests()
    {
        _configPath = Path.Combine(_directory, "cluster.yaml");
        File.WriteAllText(_configPath, ConfigText.With("storage: { fsync: 'interval:50' }"));
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static ConfigResult<NodeOptions> Resolve(string[] args, params (string Name, string Value)[] environment) =>
        NodeOptions.Resolve(args, environment.ToDictionary(v => v.Name, v => v.Value));

    private NodeOptions Valid(string[] args, params (string Name, string Value)[] environment)
    {
        var result = Resolve(args, environment);
        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        return result.Value;
    }

    [Fact]
    public void Flags_select_the_node_the_file_and_the_data_root()
    {
        var options = Valid(["--id", "n2", "--config", _configPath, "--data-root", Path.Combine(_directory, "data")]);

        Assert.Equal("n2", options.Self.Id);
        Assert.Equal(2UL, options.Self.RaftId);
        Assert.Equal(_configPath, options.ConfigPath);
        Assert.Equal(Path.Combine(_directory, "data"), options.DataRoot);
        Assert.Equal(["n1", "n3"], options.Peers.Select(p => p.Id));
    }

    [Fact]
    public void Flags_also_take_the_equals_form_and_the_data_root_defaults_to_dot_data()
    {
        var options = Valid(["--id=n1", $"--config={_configPath}"]);

        Assert.Equal("n1", options.Self.Id);
        Assert.Equal(Path.GetFullPath("./.data"), options.DataRoot);
    }

    [Fact]
    public void Environment_variables_stand_in_for_flags_and_flags_win()
    {
        (string, string)[] environment = [("WIBER_ID", "n3"), ("WIBER_CONFIG", _configPath), ("WIBER_DATA_ROOT", _directory)];

        Assert.Equal("n3", Valid([], environment).Self.Id);
        Assert.Equal(_directory, Valid([], environment).DataRoot);
        Assert.Equal("n1", Valid(["--id", "n1"], environment).Self.Id);
    }

    [Fact]
    public void Fsync_comes_from_the_flag_over_the_environment_over_the_file()
    {
        string[] args = ["--id", "n1", "--config", _configPath];

        Assert.Equal("interval:50", Valid(args).Cluster.Storage.Fsync.ToString());
        Assert.Same(FsyncPolicy.Always, Valid(args, ("WIBER_STORAGE__FSYNC", "always")).Cluster.Storage.Fsync);
        Assert.Same(FsyncPolicy.Never, Valid([.. args, "--fsync", "never"], ("WIBER_STORAGE__FSYNC", "always")).Cluster.Storage.Fsync);
    }

    [Fact]
    public void Other_settings_come_from_the_environment()
    {
        var options = Valid(["--id", "n1", "--config", _configPath], ("WIBER_RAFT__ELECTION_TIMEOUT", "3s"));
        Assert.Equal(60, options.ToRaftConfig().ElectionTick); // 3 s of 50 ms ticks
    }

    [Fact]
    public void The_options_map_onto_raft_and_storage()
    {
        var options = Valid(["--id", "n3", "--config", _configPath, "--data-root", _directory]);

        var raft = options.ToRaftConfig();
        Assert.Equal(3UL, raft.Id);
        Assert.Equal([1UL, 2UL, 3UL], raft.Peers);
        Assert.Equal(10, raft.ElectionTick);

        var storage = options.ToStorageOptions();
        Assert.Equal(_directory, storage.DataRoot);
        Assert.Equal(3UL, storage.NodeId);
        Assert.Equal("test", storage.ClusterId);
        Assert.Equal([1UL, 2UL, 3UL], storage.InitialVoters);
        Assert.Equal("interval:50", storage.Fsync.ToString());
    }

    [Theory]
    [InlineData(new[] { "--id", "n4" }, "node 'n4' (from --id) is not in nodes (known: n1, n2, n3)")]
    [InlineData(new string[0], "--id is required (or WIBER_ID)")]
    [InlineData(new[] { "--id" }, "--id needs a value")]
    [InlineData(new[] { "--id", "--fsync", "never" }, "--id needs a value")]
    [InlineData(new[] { "--id=" }, "--id needs a value")]
    [InlineData(new[] { "--id", "n1", "--id", "n2" }, "--id is given more than once")]
    [InlineData(new[] { "--id", "n1", "--data-dir", "x" }, "unknown argument '--data-dir' (expected --id, --config, --data-root, --fsync)")]
    [InlineData(new[] { "--id", "n1", "n2" }, "unknown argument 'n2'")]
    [InlineData(new[] { "--id", "n1", "--fsync", "sometimes" }, "storage.fsync: invalid fsync policy 'sometimes': expected 'always', 'interval:<ms>' (e.g. 'interval:50') or 'never' (from --fsync)")]
    public void Command_line_problems(string[] args, string expected)
    {
        var result = Resolve([.. args, "--config", _configPath]);

        Assert.False(result.IsValid);
        Assert.Contains(result.Errors, e => e.StartsWith(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void An_unknown_id_from_the_environment_says_so()
    {
        var result = Resolve(["--config", _configPath], ("WIBER_ID", "n9"));
        Assert.Equal("node 'n9' (from WIBER_ID) is not in nodes (known: n1, n2, n3)", Assert.Single(result.Errors));
    }

    [Fact]
    public void A_missing_config_file_names_where_its_path_came_from()
    {
        var missing = Path.Combine(_directory, "nope.yaml");

        Assert.Equal($"config file '{missing}' (from --config) not found", Assert.Single(Resolve(["--id", "n1", "--config", missing]).Errors));
        Assert.Equal($"config file '{missing}' (from WIBER_CONFIG) not found", Assert.Single(Resolve(["--id", "n1"], ("WIBER_CONFIG", missing)).Errors));
    }

    [Fact]
    public void The_default_config_path_is_config_cluster_yaml()
    {
        var error = Assert.Single(Resolve(["--id", "n1"]).Errors, e => e.StartsWith("config file", StringComparison.Ordinal));

        // Tests run in the output directory, where there is no config/cluster.yaml.
        Assert.Equal("config file 'config/cluster.yaml' (the default; pass --config or set WIBER_CONFIG) not found", error);
    }

    [Fact]
    public void Problems_from_flags_and_the_file_are_reported_together()
    {
        File.WriteAllText(_configPath, ConfigText.With("raft: { tick: soon }"));

        var result = Resolve(["--id", "n1", "--bogus", "--config", _configPath]);

        Assert.Equal(2, result.Errors.Count);
        Assert.Contains(result.Errors, e => e.StartsWith("unknown argument '--bogus'", StringComparison.Ordinal));
        Assert.Contains(result.Errors, e => e.StartsWith("raft.tick: \"soon\" is not a duration", StringComparison.Ordinal));
    }
}
