using System.Net;
using System.Text;
using Wiber.Chaos.Client;
using Wiber.Chaos.Server;

namespace Wiber.Chaos.Tests.Support;

/// <summary>One server on a free loopback port, a raw HttpClient on it (for byte-exact checks) and our typed client.</summary>
internal sealed class ChaosHarness : IAsyncDisposable
{
    private ChaosHarness(ToxiproxyServer server)
    {
        Server = server;
        Http = new HttpClient { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromSeconds(20) };
        Client = new ToxiproxyClient(server.BaseAddress);
    }

    public ToxiproxyServer Server { get; }

    public HttpClient Http { get; }

    public ToxiproxyClient Client { get; }

    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static async Task<ChaosHarness> StartAsync(string? configFile = null) =>
        new(await ToxiproxyServer.StartAsync(new ToxiproxyServerOptions { Port = 0, ConfigFile = configFile }, Ct));

    /// <summary>A proxy on a free loopback port to <paramref name="upstream"/>; returns the port clients connect to.</summary>
    public async Task<int> ProxyAsync(string name, IPEndPoint upstream)
    {
        var proxy = await Client.CreateProxyAsync(new ProxyConfig(name, "127.0.0.1:0", upstream.ToString()), Ct);
        return PortOf(proxy.Listen);
    }

    public static int PortOf(string listen) => int.Parse(listen[(listen.LastIndexOf(':') + 1)..], System.Globalization.CultureInfo.InvariantCulture);

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? body = null, string? userAgent = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }
        if (userAgent is not null)
        {
            request.Headers.TryAddWithoutValidation("User-Agent", userAgent);
        }
        return await Http.SendAsync(request, Ct);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        Http.Dispose();
        await Server.DisposeAsync();
    }
}
