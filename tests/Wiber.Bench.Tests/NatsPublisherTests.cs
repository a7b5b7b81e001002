using Wiber.Cli.Commands.Bench.Harness;
using Wiber.Cli.Commands.Bench.Nats;

namespace Wiber.Bench.Tests;

public sealed class NatsPublisherTests
{
    [Fact]
    public async Task The_harness_pipelines_publishes_to_a_jetstream_speaking_server()
    {
        await using var server = new FakeNatsServer();
        await using var target = new NatsJetStreamTarget([server.Address], "BENCH", 3, TimeSpan.FromSeconds(5));
        var workload = new BenchWorkload(InFlight: 32, Size: 128, Duration: TimeSpan.FromMilliseconds(500), Warmup: TimeSpan.FromMilliseconds(100), Topics: 2, Producers: 2, Subscribers: 0, TopicPrefix: "t");
        var result = await new BenchRunner(target, workload).RunAsync(null, null, TestContext.Current.CancellationToken);

        Assert.Equal(0, result.Errors);
        Assert.True(result.Acknowledged > 0, "nothing acknowledged in the window");
        Assert.Equal(server.Published, result.AcknowledgedTotal);
        Assert.True(result.Latency.Count > 0);
        Assert.Contains("file storage, 3 replicas", target.Durability, StringComparison.Ordinal);
        Assert.Contains("2.9.10", target.Durability, StringComparison.Ordinal);
    }
}
