using System.Net;
using System.Text;
using Wiber.Chaos.Client;
using Wiber.Chaos.Tests.Support;

namespace Wiber.Chaos.Tests.Client;

/// <summary>The typed client against our server, and its tolerance of what a real server may add.</summary>
public sealed class ToxiproxyClientTests
{
    private static CancellationToken Ct => ChaosHarness.Ct;

    [Fact]
    public async Task Proxies_round_trip()
    {
        await using var h = await ChaosHarness.StartAsync();
        var c = h.Client;
        Assert.Equal("2.12.0", await c.GetVersionAsync(Ct));
        Assert.Empty(await c.GetProxiesAsync(Ct));

        var created = await c.CreateProxyAsync(new ProxyConfig("p", "127.0.0.1:0", "localhost:26000"), Ct);
        Assert.Equal("p", created.Name);
        Assert.StartsWith("127.0.0.1:", created.Listen, StringComparison.Ordinal);
        Assert.NotEqual("127.0.0.1:0", created.Listen);
        Assert.Equal("localhost:26000", created.Upstream);
        Assert.True(created.Enabled);
        Assert.Empty(created.Toxics);

        var disabled = await c.UpdateProxyAsync("p", new ProxyUpdate(Enabled: false), Ct);
        Assert.False(disabled.Enabled);
        Assert.Equal(created.Listen, disabled.Listen); // only "enabled" was sent
        Assert.Equal("localhost:26000", disabled.Upstream);

        var moved = await c.UpdateProxyAsync("p", new ProxyUpdate(Upstream: "localhost:27000"), Ct);
        Assert.Equal("localhost:27000", moved.Upstream);
        Assert.False(moved.Enabled);

        var all = await c.GetProxiesAsync(Ct);
        Assert.Equal(["p"], all.Keys);
        Assert.Equal(moved.Upstream, all["p"].Upstream);
        Assert.Equal(moved.Listen, (await c.GetProxyAsync("p", Ct)).Listen);

        await c.DeleteProxyAsync("p", Ct);
        var missing = await Assert.ThrowsAsync<ToxiproxyException>(() => c.GetProxyAsync("p", Ct));
        Assert.Equal(404, missing.StatusCode);
        Assert.Equal("proxy not found", missing.Message);
    }

    [Fact]
    public async Task Toxics_round_trip_with_the_typed_factories()
    {
        await using var h = await ChaosHarness.StartAsync();
        var c = h.Client;
        await c.CreateProxyAsync(new ProxyConfig("p", "", "localhost:1", Enabled: false), Ct);

        var latency = await c.AddToxicAsync("p", ToxicConfig.Latency(100, 10, ToxicStreams.Upstream), Ct);
        Assert.Equal(new Toxic("latency_upstream", "latency", "upstream", 1f, latency.Attributes), latency);
        Assert.Equal(new Dictionary<string, long> { ["latency"] = 100, ["jitter"] = 10 }, latency.Attributes);

        var configs = new[]
        {
            ToxicConfig.Bandwidth(50, name: "bw"),
            ToxicConfig.SlowClose(10, name: "sc"),
            ToxicConfig.Timeout(0, name: "to", toxicity: 0.5f),
            ToxicConfig.ResetPeer(5, name: "rp"),
            ToxicConfig.Slicer(10, 5, 20, name: "sl"),
            ToxicConfig.LimitData(1000, name: "ld"),
            new ToxicConfig("noop", "nop"),
        };
        foreach (var config in configs)
        {
            var added = await c.AddToxicAsync("p", config, Ct);
            Assert.Equal(config.Name, added.Name);
            Assert.Equal(config.Type, added.Type);
            Assert.Equal(config.Toxicity, added.Toxicity);
            Assert.Equal(config.Attributes ?? new Dictionary<string, long>(), added.Attributes);
        }

        var toxics = await c.GetToxicsAsync("p", Ct);
        Assert.Equal(["latency_upstream", "bw", "sc", "to", "rp", "sl", "ld", "nop"], toxics.Select(t => t.Name));
        Assert.Equal(toxics.Select(t => t.Name), (await c.GetProxyAsync("p", Ct)).Toxics.Select(t => t.Name));

        var updated = await c.UpdateToxicAsync("p", "sl", new ToxicUpdate(Attributes: new Dictionary<string, long> { ["delay"] = 99 }), Ct);
        Assert.Equal(new Dictionary<string, long> { ["average_size"] = 10, ["size_variation"] = 5, ["delay"] = 99 }, updated.Attributes);
        var toxicity = await c.UpdateToxicAsync("p", "to", new ToxicUpdate(Toxicity: 0.25f), Ct);
        Assert.Equal(0.25f, toxicity.Toxicity);
        Assert.Equal(0, toxicity.Attributes["timeout"]);

        await c.RemoveToxicAsync("p", "bw", Ct);
        Assert.DoesNotContain("bw", (await c.GetToxicsAsync("p", Ct)).Select(t => t.Name));

        var duplicate = await Assert.ThrowsAsync<ToxiproxyException>(() => c.AddToxicAsync("p", ToxicConfig.Timeout(1, name: "ld"), Ct));
        Assert.Equal((409, "toxic already exists"), (duplicate.StatusCode, duplicate.Message));
        var invalid = await Assert.ThrowsAsync<ToxiproxyException>(() => c.AddToxicAsync("p", ToxicConfig.Bandwidth(-1), Ct));
        Assert.Equal(400, invalid.StatusCode);
        var gone = await Assert.ThrowsAsync<ToxiproxyException>(() => c.RemoveToxicAsync("p", "bw", Ct));
        Assert.Equal((404, "toxic not found"), (gone.StatusCode, gone.Message));

        await c.ResetAsync(Ct);
        var reset = await c.GetProxyAsync("p", Ct);
        Assert.True(reset.Enabled);
        Assert.Empty(reset.Toxics);
    }

    [Fact]
    public async Task Populate_returns_the_handled_proxies_and_surfaces_errors()
    {
        await using var h = await ChaosHarness.StartAsync();
        var c = h.Client;
        var proxies = await c.PopulateAsync([new ProxyConfig("a", "127.0.0.1:0", "localhost:1"), new ProxyConfig("b", "", "localhost:2", Enabled: false)], Ct);
        Assert.Equal(["a", "b"], proxies.Select(p => p.Name));
        Assert.Equal([true, false], proxies.Select(p => p.Enabled));
        Assert.Empty(await c.PopulateAsync([], Ct));

        var error = await Assert.ThrowsAsync<ToxiproxyException>(() => c.PopulateAsync([new ProxyConfig("", "", "x:1")], Ct));
        Assert.Equal((400, "missing required field: name at proxy 1"), (error.StatusCode, error.Message));
    }

    [Fact]
    public async Task Errors_carry_the_servers_status_and_text()
    {
        await using var h = await ChaosHarness.StartAsync();
        var c = h.Client;
        await c.CreateProxyAsync(new ProxyConfig("p", "127.0.0.1:0", "localhost:1"), Ct);
        var conflict = await Assert.ThrowsAsync<ToxiproxyException>(() => c.CreateProxyAsync(new ProxyConfig("p", "127.0.0.1:0", "localhost:1"), Ct));
        Assert.Equal((409, "proxy already exists"), (conflict.StatusCode, conflict.Message));
        var bind = await Assert.ThrowsAsync<ToxiproxyException>(() => c.CreateProxyAsync(new ProxyConfig("q", "bogus", "localhost:1"), Ct));
        Assert.Equal((500, "listen tcp: address bogus: missing port in address"), (bind.StatusCode, bind.Message));
        var stream = await Assert.ThrowsAsync<ToxiproxyException>(() => c.AddToxicAsync("p", new ToxicConfig("latency", Stream: "sideways"), Ct));
        Assert.Equal((400, "stream was invalid, can be either upstream or downstream"), (stream.StatusCode, stream.Message));
    }

    [Fact]
    public async Task Tolerates_extra_fields_null_lists_and_old_version_text_and_leaves_a_given_HttpClient_open()
    {
        using var server = FakeServer.Start(path => path switch
        {
            "/version" => "2.1.4",
            "/proxies" => "{\"x\":{\"name\":\"x\",\"listen\":\"[::]:1\",\"upstream\":\"u:2\",\"enabled\":true,\"Logger\":{},\"extra\":[1],\"toxics\":null}}",
            _ => "[{\"attributes\":{\"latency\":1.9,\"label\":\"s\"},\"name\":\"l\",\"type\":\"latency\",\"stream\":\"downstream\",\"toxicity\":0.2,\"future\":true}]",
        });
        using var http = new HttpClient();
        using (var c = new ToxiproxyClient(server.BaseAddress, http))
        {
            Assert.Equal("2.1.4", await c.GetVersionAsync(Ct));
            var proxy = Assert.Single(await c.GetProxiesAsync(Ct)).Value;
            Assert.Equal(("x", "[::]:1", "u:2", true), (proxy.Name, proxy.Listen, proxy.Upstream, proxy.Enabled));
            Assert.Empty(proxy.Toxics);
            var toxic = Assert.Single(await c.GetToxicsAsync("x", Ct));
            Assert.Equal(0.2f, toxic.Toxicity);
            Assert.Equal(new Dictionary<string, long> { ["latency"] = 1 }, toxic.Attributes);
        }
        Assert.Equal("2.1.4", await http.GetStringAsync(new Uri(server.BaseAddress, "version"), Ct)); // still usable
    }

    /// <summary>A canned HTTP server, to play a toxiproxy that answers in shapes ours never produces.</summary>
    private sealed class FakeServer : IDisposable
    {
        private readonly HttpListener _listener = new();

        private FakeServer(Func<string, string> answer, int port)
        {
            BaseAddress = new Uri($"http://127.0.0.1:{port}/");
            _listener.Prefixes.Add(BaseAddress.ToString());
            _listener.Start();
            _ = Task.Run(async () =>
            {
                while (_listener.IsListening)
                {
                    HttpListenerContext context;
                    try
                    {
                        context = await _listener.GetContextAsync();
                    }
                    catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
                    {
                        return;
                    }
                    var body = Encoding.UTF8.GetBytes(answer(context.Request.Url!.AbsolutePath));
                    context.Response.ContentType = "application/json";
                    await context.Response.OutputStream.WriteAsync(body);
                    context.Response.Close();
                }
            });
        }

        public Uri BaseAddress { get; }

        public static FakeServer Start(Func<string, string> answer)
        {
            using var probe = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            return new FakeServer(answer, port);
        }

        public void Dispose() => _listener.Close();
    }
}
