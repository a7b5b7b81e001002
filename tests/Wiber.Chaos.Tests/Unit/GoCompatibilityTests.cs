using Wiber.Chaos.Server.Json;
using Wiber.Chaos.Server.Proxies;

namespace Wiber.Chaos.Tests.Unit;

/// <summary>The small pieces that must print and parse exactly as Go does.</summary>
public sealed class GoCompatibilityTests
{
    [Theory]
    [InlineData(1f, "1")]
    [InlineData(0.5f, "0.5")]
    [InlineData(0.2f, "0.2")]
    [InlineData(0f, "0")]
    [InlineData(-1f, "-1")]
    [InlineData(2f, "2")]
    [InlineData(0.00001f, "0.00001")]
    [InlineData(1e-7f, "1e-7")]
    [InlineData(1.5e-10f, "1.5e-10")]
    [InlineData(123456.7f, "123456.7")]
    [InlineData(1e20f, "100000000000000000000")]
    [InlineData(1e21f, "1e+21")]
    public void Float32_prints_like_encoding_json(float value, string expected) =>
        Assert.Equal(expected, GoJsonWriter.FormatFloat32(value));

    [Fact]
    public void Strings_escape_like_encoding_json() =>
        Assert.Equal("\"a\\\"\\\\\\n\\t\\u0001\\u003c\\u003e\\u0026\\u2028é😀\"", new GoJsonWriter().String("a\"\\\n\t\u0001<>&\u2028é😀").ToString());

    [Theory]
    [InlineData("bogus", "address bogus: missing port in address")]
    [InlineData("a:b:c", "address a:b:c: too many colons in address")]
    [InlineData("[::1", "address [::1: missing ']' in address")]
    [InlineData("[::1]", "address [::1]: missing port in address")]
    [InlineData("[::1]x:1", "address [::1]x:1: missing port in address")]
    [InlineData("a[b:1", "address a[b:1: unexpected '[' in address")]
    [InlineData("127.0.0.1:", null)]
    [InlineData("[::1]:80", null)]
    [InlineData(":80", null)]
    public void SplitHostPort_fails_like_Go(string address, string? error) =>
        Assert.Equal(error, GoAddress.SplitHostPort(address, out _, out _));

    [Theory]
    [InlineData("", ":0")]
    [InlineData("127.0.0.1:80", "127.0.0.1:80")]
    [InlineData("localhost:80", "127.0.0.1:80")]
    [InlineData("[::1]:80", "[::1]:80")]
    [InlineData("0.0.0.0:1", "0.0.0.0:1")]
    [InlineData(":7", ":7")]
    [InlineData("127.0.0.1:99999", "address 99999: invalid port")]
    [InlineData("127.0.0.1:http2x", "lookup tcp/http2x: unknown port")]
    public async Task Resolve_prints_like_Gos_TCPAddr(string address, string expected)
    {
        var (resolved, error) = await GoAddress.ResolveAsync(address, TestContext.Current.CancellationToken);
        Assert.Equal(expected, error ?? resolved.ToString());
    }
}
