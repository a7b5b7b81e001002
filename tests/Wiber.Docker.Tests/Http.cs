using System.Diagnostics;

namespace Wiber.Docker.Tests;

/// <summary>Plain HTTP calls from the host to published container ports.</summary>
internal static class Http
{
    /// <summary>GET with a short timeout; null when nothing answered in time (or the connection failed).</summary>
    public static async Task<string?> TryGetAsync(string url, TimeSpan timeout)
    {
        using var http = new HttpClient { Timeout = timeout };
        try
        {
            using var response = await http.GetAsync(new Uri(url), TestContext.Current.CancellationToken);
            return response.IsSuccessStatusCode ? await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken) : null;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return null;
        }
    }

    /// <summary>Polls until the URL answers 2xx; returns the body, fails after <paramref name="patience"/>.</summary>
    public static async Task<string> WaitForAsync(string url, TimeSpan patience, Func<string, bool>? accept = null)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (await TryGetAsync(url, TimeSpan.FromSeconds(2)) is { } body && (accept is null || accept(body)))
            {
                return body;
            }
            if (clock.Elapsed > patience)
            {
                Assert.Fail($"{url} did not answer as expected within {patience.TotalSeconds:0}s");
            }
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }

    public static async Task<string> PostAsync(string url, string json)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        using var content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
        using var response = await http.PostAsync(new Uri(url), content, TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.IsSuccessStatusCode, $"POST {url}: {(int)response.StatusCode} {body}");
        return body;
    }
}
