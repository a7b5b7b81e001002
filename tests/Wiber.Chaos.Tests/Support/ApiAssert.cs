using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;

namespace Wiber.Chaos.Tests.Support;

/// <summary>Byte-level checks of toxiproxy's responses.</summary>
internal static partial class ApiAssert
{
    public static async Task<string> Json(HttpResponseMessage response, int status)
    {
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(status == (int)response.StatusCode, $"expected {status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/json", ContentType(response));
        Assert.False(body.EndsWith('\n'), "success JSON has no trailing newline");
        return body;
    }

    /// <summary>Go's http.Error: text/plain, nosniff, <c>{"error":…,"status":S}</c> and a newline.</summary>
    public static async Task Error(HttpResponseMessage response, int status, string message)
    {
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("text/plain; charset=utf-8", ContentType(response));
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal($"{{\"error\":\"{message}\",\"status\":{status}}}\n", body);
    }

    /// <summary>Like <see cref="Error"/>, for the Go decoder texts where only the prefix is contractual.</summary>
    public static async Task ErrorStartingWith(HttpResponseMessage response, int status, string prefix)
    {
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("text/plain; charset=utf-8", ContentType(response));
        Assert.StartsWith($"{{\"error\":\"{prefix}", body, StringComparison.Ordinal);
        Assert.EndsWith($"\",\"status\":{status}}}\n", body, StringComparison.Ordinal);
    }

    public static async Task Empty(HttpResponseMessage response, int status)
    {
        Assert.Equal(status, (int)response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
    }

    /// <summary>The raw Content-Type as sent (HttpClient would otherwise re-format it).</summary>
    public static string? ContentType(HttpResponseMessage response) => Header(response, "Content-Type");

    public static string? Header(HttpResponseMessage response, string name)
    {
        HttpHeadersNonValidated headers = name.StartsWith("Content-", StringComparison.Ordinal)
            ? response.Content.Headers.NonValidated
            : response.Headers.NonValidated;
        return headers.TryGetValues(name, out var values) ? string.Join(",", values) : null;
    }

    public static void RequestId(HttpResponseMessage response) =>
        Assert.Matches(RequestIdPattern(), Header(response, "X-Toxiproxy-Request-Id") ?? "");

    /// <summary>Replaces the port of every 127.0.0.1 listen address with PORT, so bodies compare exactly.</summary>
    public static string MaskPorts(string body) => PortPattern().Replace(body, "127.0.0.1:PORT\"");

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    [GeneratedRegex("^[0-9a-v]{20}$")]
    private static partial Regex RequestIdPattern();

    [GeneratedRegex("127\\.0\\.0\\.1:[0-9]+\"")]
    private static partial Regex PortPattern();
}
