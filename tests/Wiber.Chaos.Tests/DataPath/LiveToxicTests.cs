using Wiber.Chaos.Client;
using Wiber.Chaos.Tests.Support;

namespace Wiber.Chaos.Tests.DataPath;

/// <summary>Toxics added, changed and removed on established connections: how the lab partitions peer links.</summary>
public sealed class LiveToxicTests
{
    [Fact]
    public async Task A_toxic_added_to_a_live_connection_applies_to_it_and_removal_restores_flow()
    {
        await using var p = await EchoProxy.StartAsync();
        using var socket = await p.ConnectAsync();
        Assert.True((await EchoProxy.RoundTripAsync(socket, TestSocket.Pattern(10))).TotalMilliseconds < 1000);

        await p.AddAsync(ToxicConfig.Latency(400, name: "slow"));
        var slow = await EchoProxy.RoundTripAsync(socket, TestSocket.Pattern(10, 1));
        Assert.True(slow.TotalMilliseconds >= 390, $"round trip {slow.TotalMilliseconds} ms with latency");

        // Data sitting in the latency stage when it is removed goes on at once, in order.
        await socket.SendAsync(TestSocket.Pattern(30, 2));
        await Task.Delay(100, ChaosHarness.Ct);
        var timer = TestSocket.Timer();
        await p.RemoveAsync("slow");
        Assert.Equal(TestSocket.Pattern(30, 2), await socket.ReadExactlyAsync(30));
        Assert.True(timer.Elapsed.TotalMilliseconds < 250, $"held data took {timer.Elapsed.TotalMilliseconds} ms after removal");
        Assert.True((await EchoProxy.RoundTripAsync(socket, TestSocket.Pattern(10, 3))).TotalMilliseconds < 1000);
    }

    [Fact]
    public async Task Splicing_toxics_in_and_out_under_load_loses_and_reorders_nothing()
    {
        await using var p = await EchoProxy.StartAsync();
        using var socket = await p.ConnectAsync();
        var data = TestSocket.Pattern(400_000, 7);
        var reading = socket.ReadExactlyAsync(data.Length, TimeSpan.FromSeconds(30));
        var writing = Task.Run(async () =>
        {
            for (var offset = 0; offset < data.Length; offset += 4000)
            {
                await socket.SendAsync(data[offset..Math.Min(data.Length, offset + 4000)]);
                await Task.Delay(1, ChaosHarness.Ct);
            }
        }, ChaosHarness.Ct);

        for (var round = 0; round < 6; round++)
        {
            await p.AddAsync(ToxicConfig.Latency(30, 10, ToxicStreams.Upstream, name: "l"));
            await p.AddAsync(ToxicConfig.Slicer(500, 100, 0, name: "s"));
            await p.AddAsync(ToxicConfig.Bandwidth(2000, ToxicStreams.Upstream, name: "b"));
            await p.Client.UpdateToxicAsync("p", "l", new ToxicUpdate(Attributes: new Dictionary<string, long> { ["latency"] = 5 }), ChaosHarness.Ct);
            await Task.Delay(20, ChaosHarness.Ct);
            await p.RemoveAsync("l");
            await p.RemoveAsync("s");
            await p.RemoveAsync("b");
        }
        await writing;
        Assert.Equal(data, await reading);
    }

    [Fact]
    public async Task Updating_a_toxic_applies_to_live_connections()
    {
        await using var p = await EchoProxy.StartAsync();
        await p.AddAsync(ToxicConfig.Latency(1500, name: "l"));
        using var socket = await p.ConnectAsync();
        await p.Client.UpdateToxicAsync("p", "l", new ToxicUpdate(Attributes: new Dictionary<string, long> { ["latency"] = 100 }), ChaosHarness.Ct);
        var elapsed = await EchoProxy.RoundTripAsync(socket, TestSocket.Pattern(10));
        Assert.InRange(elapsed.TotalMilliseconds, 95, 1400);
    }
}
