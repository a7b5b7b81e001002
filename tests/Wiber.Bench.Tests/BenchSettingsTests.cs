using Wiber.Cli;
using Wiber.Cli.Commands.Bench;

namespace Wiber.Bench.Tests;

public sealed class BenchSettingsTests
{
    [Fact]
    public void Defaults_are_one_in_flight_128_bytes_10s_after_2s()
    {
        var s = BenchSettings.From(new BenchArguments());
        Assert.Equal("wiber", s.Target);
        Assert.Equal(1, s.Workload.InFlight);
        Assert.Equal(128, s.Workload.Size);
        Assert.Equal(TimeSpan.FromSeconds(10), s.Workload.Duration);
        Assert.Equal(TimeSpan.FromSeconds(2), s.Workload.Warmup);
        Assert.Equal(1, s.Workload.Topics);
        Assert.Equal(1, s.Workload.Producers);
        Assert.Equal(0, s.Workload.Subscribers);
        Assert.Null(s.Start);
        Assert.Null(s.Nodes);
        Assert.Null(s.Fsync);
        Assert.StartsWith("bench-", s.Workload.TopicPrefix, StringComparison.Ordinal);
    }

    [Fact]
    public void Starting_a_cluster_defaults_to_three_nodes_with_fsync_always()
    {
        var s = BenchSettings.From(new BenchArguments { StartLab = true });
        Assert.Equal("lab", s.Start);
        Assert.Equal(3, s.Nodes);
        Assert.Equal("always", s.Fsync);
        var n = BenchSettings.From(new BenchArguments { StartNodes = true, Nodes = 1, Fsync = "interval:50", Duration = "1.5s", Warmup = "0" });
        Assert.Equal("nodes", n.Start);
        Assert.Equal(1, n.Nodes);
        Assert.Equal(TimeSpan.FromSeconds(1.5), n.Workload.Duration);
        Assert.Equal(TimeSpan.Zero, n.Workload.Warmup);
    }

    private static readonly (BenchArguments Arguments, string Mentions)[] BadCases =
    [
        (new BenchArguments { InFlight = 0 }, "--inflight must be 1..10000, was 0"),
        (new BenchArguments { InFlight = 10_001 }, "--inflight must be 1..10000"),
        (new BenchArguments { Size = 0 }, "--size must be 1..1048576"),
        (new BenchArguments { Duration = "0s" }, "--duration must be more than 0"),
        (new BenchArguments { Duration = "ten" }, "--duration: 'ten' is not a duration"),
        (new BenchArguments { Duration = "10" }, "needs a unit"),
        (new BenchArguments { Warmup = "-1s" }, "--warmup"),
        (new BenchArguments { Topics = 0 }, "--topics must be 1..1000"),
        (new BenchArguments { Producers = 65 }, "--producers must be 1..64"),
        (new BenchArguments { Subscribers = -1 }, "--subscribers must be 0..64"),
        (new BenchArguments { Subscribers = 1, Size = 8 }, "--subscribers needs --size 16 or more"),
        (new BenchArguments { Subscribers = 10, Topics = 30 }, "at most 256 subscriptions"),
        (new BenchArguments { Producers = 64, InFlight = 10_000 }, "--producers × --inflight"),
        (new BenchArguments { StartLab = true, StartNodes = true }, "cannot be combined"),
        (new BenchArguments { Nodes = 3 }, "--nodes and --fsync need --start-lab or --start-nodes"),
        (new BenchArguments { Fsync = "always" }, "--nodes and --fsync need"),
        (new BenchArguments { StartLab = true, Nodes = 10 }, "--nodes must be 1..9"),
        (new BenchArguments { StartLab = true, Fsync = "sometimes" }, "--fsync must be always, never or interval:<ms>"),
        (new BenchArguments { StartLab = true, ServersGiven = true }, "do not give --servers"),
        (new BenchArguments { Target = "kafka" }, "--target must be wiber or nats"),
        (new BenchArguments { Target = "nats" }, "--target nats needs --servers"),
        (new BenchArguments { Target = "nats", ServersGiven = true, Subscribers = 1 }, "not supported with --target nats"),
        (new BenchArguments { Target = "nats", StartNodes = true }, "not with --start-lab/--start-nodes"),
        (new BenchArguments { Stream = "S" }, "--stream and --replicas are for --target nats"),
        (new BenchArguments { Target = "nats", ServersGiven = true, Stream = "bad name" }, "--stream must be"),
        (new BenchArguments { Target = "nats", ServersGiven = true, Replicas = 7 }, "--replicas must be 1..5"),
        (new BenchArguments { TopicPrefix = "a b" }, "--topic-prefix must be"),
        (new BenchArguments { ObservePids = "12,x" }, "--observe-pids must be process ids"),
    ];

    public static TheoryData<int> BadArguments => [.. Enumerable.Range(0, BadCases.Length)];

    [Theory]
    [MemberData(nameof(BadArguments))]
    public void Bad_input_is_a_usage_error_naming_the_option(int index)
    {
        var (arguments, mentions) = BadCases[index];
        var ex = Assert.Throws<UsageException>(() => BenchSettings.From(arguments));
        Assert.Contains(mentions, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--inflight 0", "--inflight must be 1..10000")]
    [InlineData("--inflight abc", "--inflight")]
    [InlineData("--duration 5x", "--duration: '5x' is not a duration")]
    [InlineData("--nodes 3", "need --start-lab or --start-nodes")]
    [InlineData("--start-lab --servers 127.0.0.1:1", "do not give --servers")]
    [InlineData("--target nats", "--target nats needs --servers")]
    [InlineData("--bogus", "--bogus")]
    [InlineData("floor --size 0", "--size must be 1..1048576")]
    [InlineData("failover --nodes 1", "--nodes must be 3..9")]
    [InlineData("idle --connections 5000", "--connections must be 1..1000")]
    public async Task The_command_line_exits_2_with_one_line(string arguments, string mentions)
    {
        var run = await BenchCli.RunAsync(Path.GetTempPath(), null, ["bench", .. arguments.Split(' ')]);
        run.AssertUsageError(mentions);
    }

    [Fact]
    public async Task Servers_from_the_environment_count_as_given()
    {
        var run = await BenchCli.RunAsync(Path.GetTempPath(), new Dictionary<string, string> { ["WIBER_SERVERS"] = "127.0.0.1:1" }, "bench", "--start-nodes");
        run.AssertUsageError("do not give --servers (or $WIBER_SERVERS)");
    }
}
