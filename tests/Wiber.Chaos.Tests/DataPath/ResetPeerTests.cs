using System.Net.Sockets;
using Wiber.Chaos.Client;
using Wiber.Chaos.Tests.Support;

namespace Wiber.Chaos.Tests.DataPath;

public sealed class ResetPeerTests
{
    [Theory]
    [InlineData(ToxicStreams.Downstream)]
    [InlineData(ToxicStreams.Upstream)]
    public async Task Reset_peer_present_at_accept_sends_RST_after_the_first_data(string stream)
    {
        await using var p = await EchoProxy.StartAsync();
        await p.AddAsync(ToxicConfig.ResetPeer(100, stream));
        using var socket = await p.ConnectAsync();
        Assert.Equal("open", await socket.WaitForCloseAsync(TimeSpan.FromMilliseconds(300))); // idle: never reset

        var timer = TestSocket.Timer();
        await socket.SendAsync(TestSocket.Pattern(20));
        var error = await Assert.ThrowsAsync<SocketException>(() => socket.ReadExactlyAsync(20, TimeSpan.FromSeconds(5)));
        Assert.Equal(SocketError.ConnectionReset, error.SocketErrorCode);
        Assert.True(timer.Elapsed.TotalMilliseconds >= 90, $"reset after {timer.Elapsed.TotalMilliseconds} ms");
    }

    [Fact]
    public async Task Reset_peer_added_to_an_open_connection_closes_it_with_FIN()
    {
        await using var p = await EchoProxy.StartAsync();
        using var socket = await p.ConnectAsync();
        await EchoProxy.RoundTripAsync(socket, TestSocket.Pattern(10));
        await p.AddAsync(ToxicConfig.ResetPeer(0));
        await socket.SendAsync(TestSocket.Pattern(10));
        Assert.Equal("eof", await socket.WaitForCloseAsync(TimeSpan.FromSeconds(5)));
    }
}
