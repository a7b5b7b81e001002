using Wiber.Chaos.Client;
using Wiber.Chaos.Tests.Support;

namespace Wiber.Chaos.Tests.DataPath;

/// <summary>A server with one proxy "p" in front of an echo server; what every data-path test starts from.</summary>
internal sealed class EchoProxy : IAsyncDisposable
{
    private EchoProxy(ChaosHarness harness, TcpUpstream upstream, int port)
    {
        Harness = harness;
        Upstream = upstream;
        Port = port;
    }

    public ChaosHarness Harness { get; }

    public TcpUpstream Upstream { get; }

    public ToxiproxyClient Client => Harness.Client;

    /// <summary>The proxy's port on 127.0.0.1.</summary>
    public int Port { get; }

    public static async Task<EchoProxy> StartAsync(TcpUpstream? upstream = null)
    {
        var harness = await ChaosHarness.StartAsync();
        upstream ??= TcpUpstream.Echo();
        var port = await harness.ProxyAsync("p", upstream.EndPoint);
        return new EchoProxy(harness, upstream, port);
    }

    public Task<Toxic> AddAsync(ToxicConfig toxic) => Client.AddToxicAsync("p", toxic, ChaosHarness.Ct);

    public Task RemoveAsync(string toxic) => Client.RemoveToxicAsync("p", toxic, ChaosHarness.Ct);

    public Task<TestSocket> ConnectAsync() => TestSocket.ConnectAsync(Port);

    /// <summary>Sends and reads back the same bytes; returns how long the round trip took.</summary>
    public static async Task<TimeSpan> RoundTripAsync(TestSocket socket, byte[] data, TimeSpan? timeout = null)
    {
        var timer = TestSocket.Timer();
        await socket.SendAsync(data);
        Assert.Equal(data, await socket.ReadExactlyAsync(data.Length, timeout));
        return timer.Elapsed;
    }

    public async ValueTask DisposeAsync()
    {
        await Harness.DisposeAsync();
        await Upstream.DisposeAsync();
    }
}
