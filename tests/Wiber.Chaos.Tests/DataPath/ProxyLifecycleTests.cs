using System.Net;
using System.Net.Sockets;
using Wiber.Chaos.Client;
using Wiber.Chaos.Tests.Support;

namespace Wiber.Chaos.Tests.DataPath;

/// <summary>Enable, disable, delete, upstream failures and many connections at once.</summary>
public sealed class ProxyLifecycleTests
{
    [Fact]
    public async Task Disable_closes_live_connections_and_refuses_new_ones_until_enabled()
    {
        await using var p = await EchoProxy.StartAsync();
        using var socket = await p.ConnectAsync();
        await EchoProxy.RoundTripAsync(socket, TestSocket.Pattern(10));

        await p.Client.UpdateProxyAsync("p", new ProxyUpdate(Enabled: false), ChaosHarness.Ct);
        Assert.Equal("eof", await socket.WaitForCloseAsync(TimeSpan.FromSeconds(5)));
        var refused = await Assert.ThrowsAsync<SocketException>(() => TestSocket.ConnectAsync(p.Port));
        Assert.Equal(SocketError.ConnectionRefused, refused.SocketErrorCode);

        var enabled = await p.Client.UpdateProxyAsync("p", new ProxyUpdate(Enabled: true), ChaosHarness.Ct);
        Assert.Equal(p.Port, ChaosHarness.PortOf(enabled.Listen));
        using var again = await p.ConnectAsync();
        await EchoProxy.RoundTripAsync(again, TestSocket.Pattern(10));
    }

    [Fact]
    public async Task Delete_closes_live_connections_even_with_slow_close()
    {
        await using var p = await EchoProxy.StartAsync();
        await p.AddAsync(ToxicConfig.SlowClose(10_000));
        using var socket = await p.ConnectAsync();
        await EchoProxy.RoundTripAsync(socket, TestSocket.Pattern(10));
        var timer = TestSocket.Timer();
        await p.Client.DeleteProxyAsync("p", ChaosHarness.Ct);
        Assert.Equal("eof", await socket.WaitForCloseAsync(TimeSpan.FromSeconds(5)));
        Assert.True(timer.Elapsed.TotalSeconds < 3);
    }

    [Fact]
    public async Task An_unreachable_upstream_closes_the_client_at_once()
    {
        await using var h = await ChaosHarness.StartAsync();
        using var closed = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        closed.Bind(new IPEndPoint(IPAddress.Loopback, 0)); // bound, never listening: connects are refused
        var port = await h.ProxyAsync("p", (IPEndPoint)closed.LocalEndPoint!);
        using var socket = await TestSocket.ConnectAsync(port);
        Assert.NotEqual("open", await socket.WaitForCloseAsync(TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task Two_hundred_concurrent_connections_echo_correctly()
    {
        await using var p = await EchoProxy.StartAsync();
        await p.AddAsync(ToxicConfig.Latency(5, stream: ToxicStreams.Upstream));
        var sockets = await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => p.ConnectAsync()));
        try
        {
            await Task.WhenAll(sockets.Select((socket, i) => Task.Run(async () =>
            {
                for (var round = 0; round < 5; round++)
                {
                    await EchoProxy.RoundTripAsync(socket, TestSocket.Pattern(1000 + i, i + round), TimeSpan.FromSeconds(30));
                }
            }, ChaosHarness.Ct)));
        }
        finally
        {
            foreach (var socket in sockets)
            {
                socket.Dispose();
            }
        }
        Assert.Equal(200, p.Upstream.Accepted);

        // Closed connections leave the proxy: nothing lingers once both directions have ended.
        var proxy = p.Harness.Server.Proxies.Find("p")!;
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (proxy.ConnectionCount > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50, ChaosHarness.Ct);
        }
        Assert.Equal(0, proxy.ConnectionCount);
    }
}
