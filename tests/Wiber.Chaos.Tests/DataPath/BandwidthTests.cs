using Wiber.Chaos.Client;
using Wiber.Chaos.Tests.Support;

namespace Wiber.Chaos.Tests.DataPath;

public sealed class BandwidthTests
{
    [Fact]
    public async Task Rate_limits_throughput_to_roughly_the_configured_kilobytes_per_second()
    {
        await using var p = await EchoProxy.StartAsync();
        await p.AddAsync(ToxicConfig.Bandwidth(100)); // 100 KB/s
        using var socket = await p.ConnectAsync();
        var data = TestSocket.Pattern(100_000);
        var elapsed = await EchoProxy.RoundTripAsync(socket, data, TimeSpan.FromSeconds(15));
        Assert.InRange(elapsed.TotalMilliseconds, 850, 4000);
    }

    [Fact]
    public async Task Rate_zero_stalls_until_removed_then_delivers_everything_in_order()
    {
        await using var p = await EchoProxy.StartAsync();
        using var socket = await p.ConnectAsync();
        await EchoProxy.RoundTripAsync(socket, TestSocket.Pattern(10));
        await p.AddAsync(ToxicConfig.Bandwidth(0, name: "stall"));

        var sent = new List<byte>();
        for (var i = 0; i < 5; i++)
        {
            var piece = TestSocket.Pattern(1000 + i, i);
            sent.AddRange(piece);
            await socket.SendAsync(piece);
            await Task.Delay(20, ChaosHarness.Ct);
        }
        Assert.Equal(0, await socket.CountArrivingAsync(TimeSpan.FromMilliseconds(400)));

        await p.RemoveAsync("stall");
        Assert.Equal(sent.ToArray(), await socket.ReadExactlyAsync(sent.Count));
    }
}
