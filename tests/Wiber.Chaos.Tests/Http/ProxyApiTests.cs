using System.Net;
using System.Net.Sockets;
using Wiber.Chaos.Tests.Support;

namespace Wiber.Chaos.Tests.Http;

/// <summary>The /proxies routes, byte for byte, against the spec's shapes and error catalogue.</summary>
public sealed class ProxyApiTests
{
    private const string Created = "{\"name\":\"p\",\"listen\":\"127.0.0.1:PORT\",\"upstream\":\"localhost:26000\",\"enabled\":true,\"Logger\":{},\"toxics\":[]}";

    [Fact]
    public async Task Empty_collection_is_an_empty_object_with_a_request_id()
    {
        await using var h = await ChaosHarness.StartAsync();
        using var response = await h.SendAsync(HttpMethod.Get, "/proxies");
        Assert.Equal("{}", await ApiAssert.Json(response, 200));
        ApiAssert.RequestId(response);
    }

    [Fact]
    public async Task Create_answers_201_with_the_bound_listen_address()
    {
        await using var h = await ChaosHarness.StartAsync();
        using var response = await h.SendAsync(HttpMethod.Post, "/proxies", "{\"name\":\"p\",\"listen\":\"127.0.0.1:0\",\"upstream\":\"localhost:26000\"}");
        var body = await ApiAssert.Json(response, 201);
        Assert.Equal(Created, ApiAssert.MaskPorts(body));
        Assert.DoesNotContain("127.0.0.1:0\"", body, StringComparison.Ordinal);

        using var show = await h.SendAsync(HttpMethod.Get, "/proxies/p");
        Assert.Equal(body, await ApiAssert.Json(show, 200));
        using var all = await h.SendAsync(HttpMethod.Get, "/proxies");
        Assert.Equal("{\"p\":" + body + "}", await ApiAssert.Json(all, 200));
    }

    [Fact]
    public async Task A_disabled_proxy_keeps_listen_verbatim_until_enabled()
    {
        await using var h = await ChaosHarness.StartAsync();
        using var created = await h.SendAsync(HttpMethod.Post, "/proxies", "{\"name\":\"d\",\"listen\":\"localhost:0\",\"upstream\":\"localhost:26000\",\"enabled\":false}");
        Assert.Contains("\"listen\":\"localhost:0\",", await ApiAssert.Json(created, 201), StringComparison.Ordinal);

        using var enabled = await h.SendAsync(HttpMethod.Patch, "/proxies/d", "{\"enabled\":true}");
        var body = await ApiAssert.Json(enabled, 200);
        Assert.Matches("\"listen\":\"127\\.0\\.0\\.1:[1-9][0-9]*\",.*\"enabled\":true", body);

        // After a disable the resolved address stays (it is what a later enable re-binds).
        var listen = body.Split(',')[1];
        using var disabled = await h.SendAsync(HttpMethod.Post, "/proxies/d", "{\"enabled\":false}");
        var after = await ApiAssert.Json(disabled, 200);
        Assert.Contains("\"enabled\":false", after, StringComparison.Ordinal);
        Assert.Equal(listen, after.Split(',')[1]);
    }

    [Fact]
    public async Task Create_defaults_enabled_to_true_also_for_null_and_ignores_trailing_bytes()
    {
        await using var h = await ChaosHarness.StartAsync();
        using var response = await h.SendAsync(HttpMethod.Post, "/proxies", "{\"NAME\":\"p\",\"listen\":\"127.0.0.1:0\",\"upstream\":\"localhost:26000\",\"enabled\":null,\"toxics\":[1]} garbage");
        Assert.Equal(Created, ApiAssert.MaskPorts(await ApiAssert.Json(response, 201)));
    }

    [Theory]
    [InlineData("{\"listen\":\"127.0.0.1:0\",\"upstream\":\"localhost:1\"}", "missing required field: name")]
    [InlineData("{\"name\":\"x\",\"listen\":\"127.0.0.1:0\"}", "missing required field: upstream")]
    [InlineData("{\"name\":\"\",\"upstream\":\"\"}", "missing required field: name")]
    [InlineData("", "bad request body: EOF")]
    [InlineData("{\"name\":\"x\"", "bad request body: unexpected EOF")]
    public async Task Create_rejects_bad_bodies(string body, string message)
    {
        await using var h = await ChaosHarness.StartAsync();
        using var response = await h.SendAsync(HttpMethod.Post, "/proxies", body);
        await ApiAssert.Error(response, 400, message);
    }

    [Theory]
    [InlineData("{\"name\":5,\"upstream\":\"localhost:1\"}")]
    [InlineData("{\"name\":\"x\",\"upstream\":\"localhost:1\",\"enabled\":\"yes\"}")]
    [InlineData("[]")]
    [InlineData("nonsense")]
    public async Task Create_rejects_malformed_json_with_the_decoder_prefix(string body)
    {
        await using var h = await ChaosHarness.StartAsync();
        using var response = await h.SendAsync(HttpMethod.Post, "/proxies", body);
        await ApiAssert.ErrorStartingWith(response, 400, "bad request body: ");
    }

    [Fact]
    public async Task Create_conflicts_on_a_taken_name()
    {
        await using var h = await ChaosHarness.StartAsync();
        const string Body = "{\"name\":\"p\",\"listen\":\"127.0.0.1:0\",\"upstream\":\"localhost:26000\"}";
        (await h.SendAsync(HttpMethod.Post, "/proxies", Body)).Dispose();
        using var response = await h.SendAsync(HttpMethod.Post, "/proxies", Body);
        await ApiAssert.Error(response, 409, "proxy already exists");
    }

    [Fact]
    public async Task Listen_failures_are_500s_with_Go_texts_and_create_nothing()
    {
        await using var h = await ChaosHarness.StartAsync();
        using var taken = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        taken.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        taken.Listen();
        var port = ((IPEndPoint)taken.LocalEndPoint!).Port;

        using var conflict = await h.SendAsync(HttpMethod.Post, "/proxies", $"{{\"name\":\"a\",\"listen\":\"127.0.0.1:{port}\",\"upstream\":\"localhost:1\"}}");
        await ApiAssert.Error(conflict, 500, $"listen tcp 127.0.0.1:{port}: bind: address already in use");

        using var bogus = await h.SendAsync(HttpMethod.Post, "/proxies", "{\"name\":\"b\",\"listen\":\"bogus\",\"upstream\":\"localhost:1\"}");
        await ApiAssert.Error(bogus, 500, "listen tcp: address bogus: missing port in address");

        using var all = await h.SendAsync(HttpMethod.Get, "/proxies");
        Assert.Equal("{}", await ApiAssert.Json(all, 200));

        // Disabled proxies are not bound, so an invalid listen is accepted until enabled.
        using var disabled = await h.SendAsync(HttpMethod.Post, "/proxies", "{\"name\":\"c\",\"listen\":\"bogus\",\"upstream\":\"localhost:1\",\"enabled\":false}");
        Assert.Contains("\"listen\":\"bogus\"", await ApiAssert.Json(disabled, 201), StringComparison.Ordinal);
        using var enable = await h.SendAsync(HttpMethod.Patch, "/proxies/c", "{\"enabled\":true}");
        await ApiAssert.Error(enable, 500, "address bogus: missing port in address");
    }

    [Theory]
    [InlineData("GET", "/proxies/nope")]
    [InlineData("POST", "/proxies/nope")]
    [InlineData("PATCH", "/proxies/nope")]
    [InlineData("DELETE", "/proxies/nope")]
    [InlineData("GET", "/proxies/nope/toxics")]
    [InlineData("POST", "/proxies/nope/toxics")]
    [InlineData("GET", "/proxies/nope/toxics/t")]
    [InlineData("POST", "/proxies/nope/toxics/t")]
    [InlineData("PATCH", "/proxies/nope/toxics/t")]
    [InlineData("DELETE", "/proxies/nope/toxics/t")]
    public async Task Unknown_proxy_is_404_on_every_route(string method, string path)
    {
        await using var h = await ChaosHarness.StartAsync();
        using var response = await h.SendAsync(new HttpMethod(method), path, method is "POST" or "PATCH" ? "not even json" : null);
        await ApiAssert.Error(response, 404, "proxy not found");
    }

    [Fact]
    public async Task Update_changes_only_given_fields_and_resolves_listen()
    {
        await using var h = await ChaosHarness.StartAsync();
        using var created = await h.SendAsync(HttpMethod.Post, "/proxies", "{\"name\":\"p\",\"listen\":\"127.0.0.1:0\",\"upstream\":\"localhost:26000\"}");
        var original = await ApiAssert.Json(created, 201);

        using var same = await h.SendAsync(HttpMethod.Post, "/proxies/p", "{}");
        Assert.Equal(original, await ApiAssert.Json(same, 200));

        using var upstream = await h.SendAsync(HttpMethod.Patch, "/proxies/p", "{\"upstream\":\"localhost:27000\",\"name\":\"ignored\"}");
        var changed = await ApiAssert.Json(upstream, 200);
        Assert.Equal(original.Replace("26000", "27000", StringComparison.Ordinal), changed);

        using var badBody = await h.SendAsync(HttpMethod.Patch, "/proxies/p", "{\"enabled\":1}");
        await ApiAssert.ErrorStartingWith(badBody, 400, "bad request body: json: cannot unmarshal number");

        using var resolveFailure = await h.SendAsync(HttpMethod.Patch, "/proxies/p", "{\"listen\":\"bogus\"}");
        await ApiAssert.Error(resolveFailure, 500, "address bogus: missing port in address");

        using var tooMany = await h.SendAsync(HttpMethod.Patch, "/proxies/p", "{\"listen\":\"a:b:c\"}");
        await ApiAssert.Error(tooMany, 500, "address a:b:c: too many colons in address");
    }

    [Fact]
    public async Task Delete_answers_204_then_the_proxy_is_gone()
    {
        await using var h = await ChaosHarness.StartAsync();
        (await h.SendAsync(HttpMethod.Post, "/proxies", "{\"name\":\"a b\",\"listen\":\"127.0.0.1:0\",\"upstream\":\"localhost:1\"}")).Dispose();
        using var shown = await h.SendAsync(HttpMethod.Get, "/proxies/a%20b");
        Assert.Contains("\"name\":\"a b\"", await ApiAssert.Json(shown, 200), StringComparison.Ordinal);

        using var deleted = await h.SendAsync(HttpMethod.Delete, "/proxies/a%20b");
        await ApiAssert.Empty(deleted, 204);
        using var again = await h.SendAsync(HttpMethod.Delete, "/proxies/a%20b");
        await ApiAssert.Error(again, 404, "proxy not found");
    }

    [Fact]
    public async Task Index_is_keyed_by_name_in_sorted_order_and_escapes_like_Go()
    {
        await using var h = await ChaosHarness.StartAsync();
        (await h.SendAsync(HttpMethod.Post, "/proxies", "{\"name\":\"b<&>\",\"upstream\":\"u:1\",\"enabled\":false}")).Dispose();
        (await h.SendAsync(HttpMethod.Post, "/proxies", "{\"name\":\"a\",\"upstream\":\"u:1\",\"enabled\":false}")).Dispose();
        using var all = await h.SendAsync(HttpMethod.Get, "/proxies");
        Assert.Equal(
            "{\"a\":{\"name\":\"a\",\"listen\":\"\",\"upstream\":\"u:1\",\"enabled\":false,\"Logger\":{},\"toxics\":[]}," +
            "\"b\\u003c\\u0026\\u003e\":{\"name\":\"b\\u003c\\u0026\\u003e\",\"listen\":\"\",\"upstream\":\"u:1\",\"enabled\":false,\"Logger\":{},\"toxics\":[]}}",
            await ApiAssert.Json(all, 200));
    }
}
