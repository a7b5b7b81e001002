using Wiber.Chaos.Tests.Support;

namespace Wiber.Chaos.Tests.Http;

/// <summary>The /proxies/{p}/toxics routes, byte for byte.</summary>
public sealed class ToxicApiTests
{
    private static async Task<ChaosHarness> WithProxyAsync()
    {
        var h = await ChaosHarness.StartAsync();
        (await h.SendAsync(HttpMethod.Post, "/proxies", "{\"name\":\"p\",\"upstream\":\"localhost:1\",\"enabled\":false}")).Dispose();
        return h;
    }

    [Fact]
    public async Task Create_answers_200_with_every_attribute_in_order()
    {
        await using var h = await WithProxyAsync();
        using var response = await h.SendAsync(HttpMethod.Post, "/proxies/p/toxics", "{\"type\":\"latency\",\"attributes\":{\"latency\":100,\"unknown\":7}}");
        Assert.Equal(
            "{\"attributes\":{\"latency\":100,\"jitter\":0},\"name\":\"latency_downstream\",\"type\":\"latency\",\"stream\":\"downstream\",\"toxicity\":1}",
            await ApiAssert.Json(response, 200));
        ApiAssert.RequestId(response);
    }

    [Theory]
    [InlineData("latency", "{\"latency\":0,\"jitter\":0}")]
    [InlineData("bandwidth", "{\"rate\":0}")]
    [InlineData("slow_close", "{\"delay\":0}")]
    [InlineData("timeout", "{\"timeout\":0}")]
    [InlineData("reset_peer", "{\"timeout\":0}")]
    [InlineData("limit_data", "{\"bytes\":0}")]
    [InlineData("noop", "{}")]
    public async Task Every_type_shows_all_its_attributes_with_zero_defaults(string type, string attributes)
    {
        await using var h = await WithProxyAsync();
        using var response = await h.SendAsync(HttpMethod.Post, "/proxies/p/toxics", $"{{\"type\":\"{type}\",\"attributes\":null}}");
        Assert.Equal(
            $"{{\"attributes\":{attributes},\"name\":\"{type}_downstream\",\"type\":\"{type}\",\"stream\":\"downstream\",\"toxicity\":1}}",
            await ApiAssert.Json(response, 200));
    }

    [Fact]
    public async Task Slicer_attributes_in_order_and_stream_echoed_as_sent()
    {
        await using var h = await WithProxyAsync();
        using var response = await h.SendAsync(HttpMethod.Post, "/proxies/p/toxics",
            "{\"type\":\"slicer\",\"stream\":\"UPSTREAM\",\"toxicity\":0.5,\"attributes\":{\"delay\":3,\"average_size\":10,\"size_variation\":5}}");
        Assert.Equal(
            "{\"attributes\":{\"average_size\":10,\"size_variation\":5,\"delay\":3},\"name\":\"slicer_UPSTREAM\",\"type\":\"slicer\",\"stream\":\"UPSTREAM\",\"toxicity\":0.5}",
            await ApiAssert.Json(response, 200));
    }

    [Fact]
    public async Task Toxicity_is_not_range_checked_and_prints_like_float32()
    {
        await using var h = await WithProxyAsync();
        foreach (var (value, shown) in new[] { ("2", "2"), ("-1", "-1"), ("0.2", "0.2"), ("0", "0"), ("null", "1") })
        {
            using var response = await h.SendAsync(HttpMethod.Post, "/proxies/p/toxics", $"{{\"name\":\"t{value}\",\"type\":\"noop\",\"toxicity\":{value}}}");
            Assert.EndsWith($"\"toxicity\":{shown}}}", await ApiAssert.Json(response, 200), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Proxy_lists_upstream_toxics_first_then_downstream_in_creation_order()
    {
        await using var h = await WithProxyAsync();
        foreach (var (name, stream) in new[] { ("d1", "downstream"), ("u1", "upstream"), ("d2", "downstream"), ("u2", "Upstream") })
        {
            (await h.SendAsync(HttpMethod.Post, "/proxies/p/toxics", $"{{\"name\":\"{name}\",\"type\":\"noop\",\"stream\":\"{stream}\"}}")).Dispose();
        }
        using var list = await h.SendAsync(HttpMethod.Get, "/proxies/p/toxics");
        var toxics = await ApiAssert.Json(list, 200);
        Assert.Matches("^\\[\\{.*\"name\":\"u1\".*\"name\":\"u2\".*\"name\":\"d1\".*\"name\":\"d2\".*\\}\\]$", toxics);
        using var proxy = await h.SendAsync(HttpMethod.Get, "/proxies/p");
        Assert.EndsWith(",\"toxics\":" + toxics + "}", await ApiAssert.Json(proxy, 200), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Empty_toxic_list_is_an_empty_array()
    {
        await using var h = await WithProxyAsync();
        using var list = await h.SendAsync(HttpMethod.Get, "/proxies/p/toxics");
        Assert.Equal("[]", await ApiAssert.Json(list, 200));
    }

    [Theory]
    [InlineData("{\"type\":\"latency\",\"stream\":\"sideways\"}", 400, "stream was invalid, can be either upstream or downstream")]
    [InlineData("{\"type\":\"latency\",\"stream\":\"\"}", 400, "stream was invalid, can be either upstream or downstream")]
    [InlineData("{\"type\":\"nope\",\"stream\":\"sideways\"}", 400, "stream was invalid, can be either upstream or downstream")]
    [InlineData("{\"type\":\"nope\"}", 400, "invalid toxic type")]
    [InlineData("{\"name\":\"x\"}", 400, "invalid toxic type")]
    [InlineData("{\"type\":\"Latency\"}", 400, "invalid toxic type")]
    [InlineData("", 400, "bad request body: EOF")]
    [InlineData("{\"type\":\"bandwidth\",\"attributes\":{\"rate\":-1}}", 400, "bad request body: bandwidth rate must not be negative")]
    [InlineData("{\"type\":\"slicer\",\"attributes\":{\"average_size\":2,\"size_variation\":10}}", 400, "bad request body: slicer size_variation must be smaller than average_size")]
    [InlineData("{\"type\":\"slicer\"}", 400, "bad request body: slicer average_size must be positive")]
    [InlineData("{\"type\":\"slicer\",\"attributes\":{\"average_size\":2,\"size_variation\":-1}}", 400, "bad request body: slicer size_variation must not be negative")]
    public async Task Create_rejects_in_upstreams_order(string body, int status, string message)
    {
        await using var h = await WithProxyAsync();
        using var response = await h.SendAsync(HttpMethod.Post, "/proxies/p/toxics", body);
        await ApiAssert.Error(response, status, message);
    }

    [Theory]
    [InlineData("{\"type\":\"latency\",\"attributes\":{\"latency\":100.0}}")]
    [InlineData("{\"type\":\"latency\",\"attributes\":{\"latency\":1e3}}")]
    [InlineData("{\"type\":\"latency\",\"attributes\":{\"latency\":\"100\"}}")]
    [InlineData("{\"type\":\"latency\",\"attributes\":5}")]
    [InlineData("{\"type\":\"latency\",\"toxicity\":\"1\"}")]
    [InlineData("{\"type\":1}")]
    public async Task Attributes_take_integer_literals_only(string body)
    {
        await using var h = await WithProxyAsync();
        using var response = await h.SendAsync(HttpMethod.Post, "/proxies/p/toxics", body);
        await ApiAssert.ErrorStartingWith(response, 400, "bad request body: ");
        using var list = await h.SendAsync(HttpMethod.Get, "/proxies/p/toxics");
        Assert.Equal("[]", await ApiAssert.Json(list, 200));
    }

    [Fact]
    public async Task Names_are_unique_across_both_directions()
    {
        await using var h = await WithProxyAsync();
        (await h.SendAsync(HttpMethod.Post, "/proxies/p/toxics", "{\"name\":\"t\",\"type\":\"latency\",\"stream\":\"upstream\"}")).Dispose();
        using var response = await h.SendAsync(HttpMethod.Post, "/proxies/p/toxics", "{\"name\":\"t\",\"type\":\"timeout\",\"stream\":\"downstream\"}");
        await ApiAssert.Error(response, 409, "toxic already exists");
    }

    [Fact]
    public async Task Update_is_partial_with_POST_and_PATCH()
    {
        await using var h = await WithProxyAsync();
        (await h.SendAsync(HttpMethod.Post, "/proxies/p/toxics", "{\"name\":\"l\",\"type\":\"latency\",\"toxicity\":0.5,\"attributes\":{\"latency\":100,\"jitter\":10}}")).Dispose();

        using var jitter = await h.SendAsync(HttpMethod.Patch, "/proxies/p/toxics/l", "{\"attributes\":{\"jitter\":20},\"type\":\"timeout\",\"stream\":\"upstream\"}");
        Assert.Equal(
            "{\"attributes\":{\"latency\":100,\"jitter\":20},\"name\":\"l\",\"type\":\"latency\",\"stream\":\"downstream\",\"toxicity\":0.5}",
            await ApiAssert.Json(jitter, 200));

        using var toxicity = await h.SendAsync(HttpMethod.Post, "/proxies/p/toxics/l", "{\"toxicity\":0.25}");
        Assert.Equal(
            "{\"attributes\":{\"latency\":100,\"jitter\":20},\"name\":\"l\",\"type\":\"latency\",\"stream\":\"downstream\",\"toxicity\":0.25}",
            await ApiAssert.Json(toxicity, 200));

        using var bad = await h.SendAsync(HttpMethod.Patch, "/proxies/p/toxics/l", "{\"attributes\":{\"latency\":\"x\"},\"toxicity\":1}");
        await ApiAssert.ErrorStartingWith(bad, 400, "bad request body: json: cannot unmarshal string into Go struct field LatencyToxic.attributes.latency");

        using var shown = await h.SendAsync(HttpMethod.Get, "/proxies/p/toxics/l");
        Assert.Equal(await toxicity.Content.ReadAsStringAsync(ChaosHarness.Ct), await ApiAssert.Json(shown, 200));
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("POST")]
    [InlineData("PATCH")]
    [InlineData("DELETE")]
    public async Task Unknown_toxic_is_404(string method)
    {
        await using var h = await WithProxyAsync();
        using var response = await h.SendAsync(new HttpMethod(method), "/proxies/p/toxics/nope", method is "POST" or "PATCH" ? "{}" : null);
        await ApiAssert.Error(response, 404, "toxic not found");
    }

    [Fact]
    public async Task Delete_answers_204_and_the_toxic_is_gone()
    {
        await using var h = await WithProxyAsync();
        (await h.SendAsync(HttpMethod.Post, "/proxies/p/toxics", "{\"type\":\"timeout\",\"stream\":\"upstream\"}")).Dispose();
        using var deleted = await h.SendAsync(HttpMethod.Delete, "/proxies/p/toxics/timeout_upstream");
        await ApiAssert.Empty(deleted, 204);
        using var again = await h.SendAsync(HttpMethod.Get, "/proxies/p/toxics/timeout_upstream");
        await ApiAssert.Error(again, 404, "toxic not found");
    }
}
