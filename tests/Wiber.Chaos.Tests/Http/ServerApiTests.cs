using System.Net;
using System.Net.Sockets;
using Wiber.Chaos.Tests.Support;

namespace Wiber.Chaos.Tests.Http;

/// <summary>Routing, middleware, /version, /populate and /reset.</summary>
public sealed class ServerApiTests
{
    [Fact]
    public async Task Version_is_formatted_by_hand_like_upstream()
    {
        await using var h = await ChaosHarness.StartAsync();
        using var response = await h.SendAsync(HttpMethod.Get, "/version");
        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("application/json;charset=utf-8", ApiAssert.ContentType(response));
        Assert.Equal("{\"version\": \"2.12.0\"}\n", await response.Content.ReadAsStringAsync(ChaosHarness.Ct));
        ApiAssert.RequestId(response);
        Assert.Null(ApiAssert.Header(response, "Server"));
    }

    [Theory]
    [InlineData("GET", "/nope")]
    [InlineData("POST", "/proxies/")]
    [InlineData("GET", "/proxies/p/toxics/t/more")]
    [InlineData("DELETE", "/")]
    public async Task Unknown_paths_are_Gos_404_page(string method, string path)
    {
        await using var h = await ChaosHarness.StartAsync();
        using var response = await h.SendAsync(new HttpMethod(method), path);
        Assert.Equal(404, (int)response.StatusCode);
        Assert.Equal("text/plain; charset=utf-8", ApiAssert.ContentType(response));
        Assert.Equal("404 page not found\n", await response.Content.ReadAsStringAsync(ChaosHarness.Ct));
        Assert.Null(ApiAssert.Header(response, "X-Toxiproxy-Request-Id"));
    }

    [Theory]
    [InlineData("PUT", "/proxies")]
    [InlineData("HEAD", "/version")]
    [InlineData("GET", "/reset")]
    [InlineData("GET", "/populate")]
    [InlineData("DELETE", "/proxies/p/toxics")]
    [InlineData("PUT", "/proxies/p/toxics/t")]
    public async Task Known_paths_with_the_wrong_method_are_empty_405s(string method, string path)
    {
        await using var h = await ChaosHarness.StartAsync();
        using var response = await h.SendAsync(new HttpMethod(method), path);
        await ApiAssert.Empty(response, 405);
        Assert.Null(ApiAssert.Header(response, "X-Toxiproxy-Request-Id"));
    }

    [Fact]
    public async Task Browsers_are_turned_away_on_matched_routes_only()
    {
        await using var h = await ChaosHarness.StartAsync();
        using var blocked = await h.SendAsync(HttpMethod.Get, "/proxies", userAgent: "Mozilla/5.0 (X11; Linux x86_64)");
        Assert.Equal(403, (int)blocked.StatusCode);
        Assert.Equal("text/plain; charset=utf-8", ApiAssert.ContentType(blocked));
        Assert.Equal("User agent not allowed\n", await blocked.Content.ReadAsStringAsync(ChaosHarness.Ct));
        ApiAssert.RequestId(blocked);

        using var allowed = await h.SendAsync(HttpMethod.Get, "/proxies", userAgent: "toxiproxy-cli/2.12.0 (linux/amd64)");
        Assert.Equal("{}", await ApiAssert.Json(allowed, 200));
        using var unmatched = await h.SendAsync(HttpMethod.Get, "/nope", userAgent: "Mozilla/5.0");
        Assert.Equal(404, (int)unmatched.StatusCode);
    }

    [Fact]
    public async Task Populate_creates_in_request_order_and_answers_201()
    {
        await using var h = await ChaosHarness.StartAsync();
        using var response = await h.SendAsync(HttpMethod.Post, "/populate",
            "[{\"name\":\"b\",\"listen\":\"127.0.0.1:0\",\"upstream\":\"localhost:2\"},{\"name\":\"a\",\"listen\":\"localhost:0\",\"upstream\":\"localhost:1\",\"enabled\":false}]");
        Assert.Equal(
            "{\"proxies\":[{\"name\":\"b\",\"listen\":\"127.0.0.1:PORT\",\"upstream\":\"localhost:2\",\"enabled\":true,\"Logger\":{},\"toxics\":[]}," +
            "{\"name\":\"a\",\"listen\":\"localhost:0\",\"upstream\":\"localhost:1\",\"enabled\":false,\"Logger\":{},\"toxics\":[]}]}",
            ApiAssert.MaskPorts(await ApiAssert.Json(response, 201)));

        using var empty = await h.SendAsync(HttpMethod.Post, "/populate", "[]");
        Assert.Equal("{\"proxies\":null}", await ApiAssert.Json(empty, 201));
    }

    [Theory]
    [InlineData("[{\"name\":\"a\",\"upstream\":\"u:1\"},{\"upstream\":\"u:1\"}]", "missing required field: name at proxy 2")]
    [InlineData("[{\"name\":\"a\"}]", "missing required field: upstream at proxy 1")]
    public async Task Populate_validates_everything_first_and_answers_json_errors(string body, string message)
    {
        await using var h = await ChaosHarness.StartAsync();
        using var response = await h.SendAsync(HttpMethod.Post, "/populate", body);
        Assert.Equal($"{{\"error\":\"{message}\",\"status\":400,\"proxies\":null}}", await ApiAssert.Json(response, 400));
        using var all = await h.SendAsync(HttpMethod.Get, "/proxies");
        Assert.Equal("{}", await ApiAssert.Json(all, 200));
    }

    [Fact]
    public async Task Populate_rejects_a_non_array_with_the_decoder_prefix()
    {
        await using var h = await ChaosHarness.StartAsync();
        using var response = await h.SendAsync(HttpMethod.Post, "/populate", "{\"name\":\"a\"}");
        Assert.StartsWith("{\"error\":\"bad request body: ", await ApiAssert.Json(response, 400), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Populate_keeps_unchanged_proxies_and_replaces_changed_ones()
    {
        await using var h = await ChaosHarness.StartAsync();
        using var created = await h.SendAsync(HttpMethod.Post, "/populate",
            "[{\"name\":\"same\",\"listen\":\"127.0.0.1:0\",\"upstream\":\"localhost:1\"},{\"name\":\"moved\",\"listen\":\"127.0.0.1:0\",\"upstream\":\"localhost:1\"}]");
        var listen = (await ApiAssert.Json(created, 201)).Split("\"listen\":\"")[1].Split('"')[0];
        (await h.SendAsync(HttpMethod.Post, "/proxies/same/toxics", "{\"type\":\"noop\"}")).Dispose();
        (await h.SendAsync(HttpMethod.Post, "/proxies/moved/toxics", "{\"type\":\"noop\"}")).Dispose();

        // "same" is unchanged (its resolved listen and upstream match): enabled:false is ignored, the toxic stays.
        using var again = await h.SendAsync(HttpMethod.Post, "/populate",
            $"[{{\"name\":\"same\",\"listen\":\"{listen}\",\"upstream\":\"localhost:1\",\"enabled\":false}},{{\"name\":\"moved\",\"listen\":\"127.0.0.1:0\",\"upstream\":\"localhost:9\"}}]");
        var body = await ApiAssert.Json(again, 201);
        Assert.Contains("{\"name\":\"same\",\"listen\":\"" + listen + "\",\"upstream\":\"localhost:1\",\"enabled\":true,\"Logger\":{},\"toxics\":[{", body, StringComparison.Ordinal);
        Assert.Contains("\"upstream\":\"localhost:9\",\"enabled\":true,\"Logger\":{},\"toxics\":[]}", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Populate_stops_at_a_bind_failure_keeping_what_was_done()
    {
        await using var h = await ChaosHarness.StartAsync();
        using var taken = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        taken.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        taken.Listen();
        var port = ((IPEndPoint)taken.LocalEndPoint!).Port;
        using var response = await h.SendAsync(HttpMethod.Post, "/populate",
            $"[{{\"name\":\"ok\",\"listen\":\"127.0.0.1:0\",\"upstream\":\"u:1\"}},{{\"name\":\"bad\",\"listen\":\"127.0.0.1:{port}\",\"upstream\":\"u:1\"}},{{\"name\":\"never\",\"upstream\":\"u:1\"}}]");
        Assert.Equal(
            $"{{\"error\":\"listen tcp 127.0.0.1:{port}: bind: address already in use\",\"status\":500,\"proxies\":[{{\"name\":\"ok\",\"listen\":\"127.0.0.1:PORT\",\"upstream\":\"u:1\",\"enabled\":true,\"Logger\":{{}},\"toxics\":[]}}]}}",
            ApiAssert.MaskPorts(await ApiAssert.Json(response, 500)).Replace($"127.0.0.1:PORT\": bind", $"127.0.0.1:{port}: bind", StringComparison.Ordinal));
        using var all = await h.SendAsync(HttpMethod.Get, "/proxies");
        Assert.Matches("^\\{\"ok\":\\{[^}]*\\}[^}]*\\}\\}$", await ApiAssert.Json(all, 200));
    }

    [Fact]
    public async Task Reset_enables_every_proxy_and_removes_every_toxic()
    {
        await using var h = await ChaosHarness.StartAsync();
        (await h.SendAsync(HttpMethod.Post, "/proxies", "{\"name\":\"p\",\"listen\":\"127.0.0.1:0\",\"upstream\":\"u:1\",\"enabled\":false}")).Dispose();
        (await h.SendAsync(HttpMethod.Post, "/proxies/p/toxics", "{\"type\":\"latency\",\"stream\":\"upstream\"}")).Dispose();
        (await h.SendAsync(HttpMethod.Post, "/proxies/p/toxics", "{\"type\":\"timeout\"}")).Dispose();

        using var reset = await h.SendAsync(HttpMethod.Post, "/reset", "ignored");
        await ApiAssert.Empty(reset, 204);
        using var shown = await h.SendAsync(HttpMethod.Get, "/proxies/p");
        Assert.Equal(
            "{\"name\":\"p\",\"listen\":\"127.0.0.1:PORT\",\"upstream\":\"u:1\",\"enabled\":true,\"Logger\":{},\"toxics\":[]}",
            ApiAssert.MaskPorts(await ApiAssert.Json(shown, 200)));
    }

    [Fact]
    public async Task Config_file_is_applied_like_populate_at_start()
    {
        var path = Path.Combine(Path.GetTempPath(), $"wiber-chaos-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(path, "[{\"name\":\"from-file\",\"listen\":\"127.0.0.1:0\",\"upstream\":\"localhost:1\"}]", ChaosHarness.Ct);
        try
        {
            await using var h = await ChaosHarness.StartAsync(path);
            using var shown = await h.SendAsync(HttpMethod.Get, "/proxies/from-file");
            Assert.Contains("\"enabled\":true", await ApiAssert.Json(shown, 200), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }

        // A broken or missing file is logged and the server still starts.
        await using var broken = await ChaosHarness.StartAsync(path);
        using var all = await broken.SendAsync(HttpMethod.Get, "/proxies");
        Assert.Equal("{}", await ApiAssert.Json(all, 200));
    }
}
