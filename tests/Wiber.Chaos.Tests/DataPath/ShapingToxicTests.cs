using System.Net.Sockets;
using Wiber.Chaos.Client;
using Wiber.Chaos.Tests.Support;

namespace Wiber.Chaos.Tests.DataPath;

/// <summary>slicer, limit_data and slow_close.</summary>
public sealed class ShapingToxicTests
{
    [Fact]
    public async Task Slicer_delivers_every_byte_in_order_in_small_pieces()
    {
        await using var p = await EchoProxy.StartAsync();
        await p.AddAsync(ToxicConfig.Slicer(10, 5, delay: 10_000)); // 10 ms between pieces
        using var socket = await p.ConnectAsync();
        var data = TestSocket.Pattern(200);
        await socket.SendAsync(data);

        var reads = new List<int>();
        var received = new List<byte>();
        var buffer = new byte[1024];
        while (received.Count < data.Length)
        {
            var n = await socket.Socket.ReceiveAsync(buffer, SocketFlags.None, ChaosHarness.Ct);
            Assert.NotEqual(0, n);
            reads.Add(n);
            received.AddRange(buffer.AsSpan(0, n).ToArray());
        }
        Assert.Equal(data, received.ToArray());
        Assert.True(reads.Count >= 8, $"only {reads.Count} reads: {string.Join(",", reads)}");
        Assert.All(reads, n => Assert.True(n <= 30, $"a read of {n} bytes"));
    }

    [Fact]
    public async Task Limit_data_truncates_at_the_limit_then_closes()
    {
        await using var p = await EchoProxy.StartAsync();
        await p.AddAsync(ToxicConfig.LimitData(10));
        using var socket = await p.ConnectAsync();
        Assert.Equal(TestSocket.Pattern(7), await EchoAsync(socket, TestSocket.Pattern(7)));

        await socket.SendAsync(TestSocket.Pattern(9, 1));
        var (rest, _) = await socket.ReadToEndAsync();
        Assert.Equal(TestSocket.Pattern(9, 1)[..3], rest);
    }

    [Fact]
    public async Task Limit_data_zero_closes_on_first_data_but_not_while_idle()
    {
        await using var p = await EchoProxy.StartAsync();
        await p.AddAsync(ToxicConfig.LimitData(0, ToxicStreams.Upstream));
        using var socket = await p.ConnectAsync();
        Assert.Equal("open", await socket.WaitForCloseAsync(TimeSpan.FromMilliseconds(300)));
        await socket.SendAsync([1, 2, 3]);
        var (data, _) = await socket.ReadToEndAsync();
        Assert.Empty(data);
    }

    [Fact]
    public async Task Slow_close_holds_the_close_back()
    {
        await using var p = await EchoProxy.StartAsync();
        await p.AddAsync(ToxicConfig.SlowClose(600, ToxicStreams.Upstream));
        using var socket = await p.ConnectAsync();
        await EchoProxy.RoundTripAsync(socket, TestSocket.Pattern(10));

        var timer = TestSocket.Timer();
        socket.Socket.Shutdown(SocketShutdown.Send);
        Assert.Equal("eof", await socket.WaitForCloseAsync(TimeSpan.FromSeconds(5)));
        Assert.InRange(timer.Elapsed.TotalMilliseconds, 580, 4000);
    }

    [Fact]
    public async Task Without_slow_close_the_close_is_prompt()
    {
        await using var p = await EchoProxy.StartAsync();
        using var socket = await p.ConnectAsync();
        await EchoProxy.RoundTripAsync(socket, TestSocket.Pattern(10));
        var timer = TestSocket.Timer();
        socket.Socket.Shutdown(SocketShutdown.Send);
        Assert.Equal("eof", await socket.WaitForCloseAsync(TimeSpan.FromSeconds(5)));
        Assert.True(timer.Elapsed.TotalMilliseconds < 500, $"closed after {timer.Elapsed.TotalMilliseconds} ms");
    }

    private static async Task<byte[]> EchoAsync(TestSocket socket, byte[] data)
    {
        await socket.SendAsync(data);
        return await socket.ReadExactlyAsync(data.Length);
    }
}
