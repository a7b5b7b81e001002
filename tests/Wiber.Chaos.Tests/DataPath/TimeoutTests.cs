using Wiber.Chaos.Client;
using Wiber.Chaos.Tests.Support;

namespace Wiber.Chaos.Tests.DataPath;

public sealed class TimeoutTests
{
    [Fact]
    public async Task Timeout_zero_silently_drops_until_removed_then_closes_the_connection()
    {
        await using var p = await EchoProxy.StartAsync();
        using var socket = await p.ConnectAsync();
        await EchoProxy.RoundTripAsync(socket, TestSocket.Pattern(10));
        await p.AddAsync(ToxicConfig.Timeout(0, name: "partition"));

        await socket.SendAsync(TestSocket.Pattern(100));
        Assert.Equal(0, await socket.CountArrivingAsync(TimeSpan.FromMilliseconds(500)));

        // Removing a timeout toxic closes the connections it held; it does not resume them.
        await p.RemoveAsync("partition");
        Assert.Equal("eof", await socket.WaitForCloseAsync(TimeSpan.FromSeconds(5)));

        // New connections flow normally again.
        using var fresh = await p.ConnectAsync();
        await EchoProxy.RoundTripAsync(fresh, TestSocket.Pattern(10));
    }

    [Fact]
    public async Task Timeout_closes_an_idle_connection_after_the_delay()
    {
        await using var p = await EchoProxy.StartAsync();
        await p.AddAsync(ToxicConfig.Timeout(300));
        using var socket = await p.ConnectAsync();
        var timer = TestSocket.Timer();
        Assert.Equal("eof", await socket.WaitForCloseAsync(TimeSpan.FromSeconds(5)));
        Assert.InRange(timer.Elapsed.TotalMilliseconds, 250, 4000);
    }

    [Fact]
    public async Task Timeout_timer_restarts_on_every_chunk()
    {
        await using var p = await EchoProxy.StartAsync();
        await p.AddAsync(ToxicConfig.Timeout(600, stream: ToxicStreams.Upstream));
        using var socket = await p.ConnectAsync();
        for (var i = 0; i < 8; i++)
        {
            await socket.SendAsync([1]);
            await Task.Delay(150, ChaosHarness.Ct);
        }
        // 1.2 s with data every 150 ms: still open (the bytes themselves were dropped).
        Assert.Equal(0, await socket.CountArrivingAsync(TimeSpan.FromMilliseconds(50)));
        Assert.Equal("eof", await socket.WaitForCloseAsync(TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task Reset_removes_a_timeout_and_closes_what_it_held()
    {
        await using var p = await EchoProxy.StartAsync();
        await p.AddAsync(ToxicConfig.Timeout(0, stream: ToxicStreams.Upstream));
        using var socket = await p.ConnectAsync();
        await socket.SendAsync([1, 2, 3]);
        Assert.Equal("open", await socket.WaitForCloseAsync(TimeSpan.FromMilliseconds(300)));
        await p.Client.ResetAsync(ChaosHarness.Ct);
        Assert.Equal("eof", await socket.WaitForCloseAsync(TimeSpan.FromSeconds(5)));
        Assert.Empty(await p.Client.GetToxicsAsync("p", ChaosHarness.Ct));
    }
}
