using Wiber.Chaos.Client;
using Wiber.Chaos.Tests.Support;

namespace Wiber.Chaos.Tests.DataPath;

public sealed class LatencyTests
{
    [Fact]
    public async Task Downstream_latency_delays_every_reply()
    {
        await using var p = await EchoProxy.StartAsync();
        await p.AddAsync(ToxicConfig.Latency(300));
        using var socket = await p.ConnectAsync();
        for (var i = 0; i < 2; i++)
        {
            var elapsed = await EchoProxy.RoundTripAsync(socket, TestSocket.Pattern(100, i));
            Assert.InRange(elapsed.TotalMilliseconds, 290, 3000);
        }
    }

    [Fact]
    public async Task Latency_in_both_directions_adds_up()
    {
        await using var p = await EchoProxy.StartAsync();
        await p.AddAsync(ToxicConfig.Latency(200, stream: ToxicStreams.Upstream));
        await p.AddAsync(ToxicConfig.Latency(300, jitter: 100));
        using var socket = await p.ConnectAsync();
        var elapsed = await EchoProxy.RoundTripAsync(socket, TestSocket.Pattern(10));
        Assert.InRange(elapsed.TotalMilliseconds, 390, 3500);
    }

    [Fact]
    public async Task Queued_chunks_are_delayed_concurrently_not_cumulatively()
    {
        await using var p = await EchoProxy.StartAsync();
        await p.AddAsync(ToxicConfig.Latency(500, stream: ToxicStreams.Upstream));
        using var socket = await p.ConnectAsync();
        var timer = TestSocket.Timer();
        for (var i = 0; i < 3; i++)
        {
            await socket.SendAsync(TestSocket.Pattern(50, i));
            await Task.Delay(100, ChaosHarness.Ct);
        }
        var first = await socket.ReadExactlyAsync(50);
        var firstAt = timer.Elapsed;
        var rest = await socket.ReadExactlyAsync(100);
        Assert.Equal(TestSocket.Pattern(50, 0), first);
        Assert.Equal([.. TestSocket.Pattern(50, 1), .. TestSocket.Pattern(50, 2)], rest);
        Assert.True(firstAt.TotalMilliseconds >= 490, $"first reply after {firstAt.TotalMilliseconds} ms");
        // Cumulative delays would need 1500 ms; concurrent ones about 700.
        Assert.True(timer.Elapsed.TotalMilliseconds < 1400, $"all replies after {timer.Elapsed.TotalMilliseconds} ms");
    }

    [Fact]
    public async Task Toxicity_zero_never_applies()
    {
        await using var p = await EchoProxy.StartAsync();
        await p.AddAsync(ToxicConfig.Latency(2000, toxicity: 0));
        using var socket = await p.ConnectAsync();
        for (var i = 0; i < 3; i++)
        {
            var elapsed = await EchoProxy.RoundTripAsync(socket, TestSocket.Pattern(10, i));
            Assert.True(elapsed.TotalMilliseconds < 1500, $"round trip took {elapsed.TotalMilliseconds} ms");
        }
    }
}
