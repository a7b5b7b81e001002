using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Wiber.Lab.State;

namespace Wiber.Lab.Dashboard.Tests;

/// <summary>Process labs (and the dashboards that drive them) run one at a time: two clusters racing for 2 cores make elections flaky.</summary>
[CollectionDefinition(Name)]
public sealed class DashboardCollection
{
    public const string Name = "dashboard labs";
}

/// <summary>
/// A real dashboard on 127.0.0.1 with an ephemeral port, for a lab directory in a temporary folder. On
/// dispose the lab (if one is up) is brought down, the server stopped and the folder removed, so no test
/// leaves a process or a port behind.
/// </summary>
internal sealed class TestDashboard : IAsyncDisposable
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private TestDashboard(DashboardServer server, LabDirectory directory)
    {
        Server = server;
        Directory = directory;
        Http = new HttpClient { BaseAddress = server.Url, Timeout = TimeSpan.FromSeconds(60) };
    }

    public DashboardServer Server { get; }

    public LabDirectory Directory { get; }

    public HttpClient Http { get; }

    /// <summary>The folder holding <c>.wiber-lab</c>: where the CLI, run there, finds the same lab.</summary>
    public string Root => Path.GetDirectoryName(Directory.Path)!;

    public static async Task<TestDashboard> StartAsync()
    {
        var root = System.IO.Directory.CreateTempSubdirectory("wiber-dashboard-");
        var directory = new LabDirectory(Path.Combine(root.FullName, LabDirectory.DefaultName));
        var server = await DashboardServer.StartAsync(new DashboardOptions { Directory = directory, Port = 0 }, TestContext.Current.CancellationToken);
        return new TestDashboard(server, directory);
    }

    public async Task<(HttpStatusCode Status, JsonElement Json, string ContentType)> SendAsync(HttpMethod method, string path, string? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, new MediaTypeHeaderValue("application/json"));
        }

        using var response = await Http.SendAsync(request, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var json = text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
        return (response.StatusCode, json, response.Content.Headers.ContentType?.MediaType ?? "");
    }

    public Task<(HttpStatusCode Status, JsonElement Json, string ContentType)> PostAsync(string path, string? body = null) => SendAsync(HttpMethod.Post, path, body);

    public Task<(HttpStatusCode Status, JsonElement Json, string ContentType)> GetAsync(string path) => SendAsync(HttpMethod.Get, path);

    /// <summary>Posts and asserts 200; returns the JSON.</summary>
    public async Task<JsonElement> OkAsync(string path, string? body = null)
    {
        var (status, json, _) = await PostAsync(path, body);
        Assert.True(status == HttpStatusCode.OK, $"POST {path} {body}: {(int)status} {json}");
        return json;
    }

    /// <summary>Asserts a problem-details answer with this status and kind; returns its detail.</summary>
    public async Task<JsonElement> ProblemAsync(HttpMethod method, string path, string? body, HttpStatusCode status, string kind)
    {
        var (actual, json, contentType) = await SendAsync(method, path, body);
        Assert.True(actual == status, $"{method} {path} {body}: expected {(int)status}, was {(int)actual} {json}");
        Assert.Equal("application/problem+json", contentType);
        Assert.Equal(["detail", "field", "kind", "status", "title", "type"], FieldNames(json));
        Assert.Equal(kind, json.GetProperty("kind").GetString());
        Assert.Equal((int)status, json.GetProperty("status").GetInt32());
        return json;
    }

    public static string[] FieldNames(JsonElement element) => [.. element.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal)];

    /// <summary>Polls until the probe returns something, failing after <see cref="Patience"/> (no fixed sleeps).</summary>
    public static async Task<T> EventuallyAsync<T>(Func<Task<T?>> probe, string what, TimeSpan? timeout = null)
        where T : class
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (await probe() is { } value)
            {
                return value;
            }

            Assert.True(clock.Elapsed < (timeout ?? Patience), $"timed out waiting until {what}");
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }

    public static Task EventuallyAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null) =>
        EventuallyAsync(async () => await condition() ? "yes" : null, what, timeout);

    /// <summary>The current leader according to <c>GET /cluster/nodes</c>, or null.</summary>
    public async Task<string?> LeaderAsync()
    {
        var (status, nodes, _) = await GetAsync("/cluster/nodes");
        return status != HttpStatusCode.OK ? null
            : nodes.EnumerateArray().Where(n => n.GetProperty("role").GetString() == "leader").Select(n => n.GetProperty("node").GetString()).FirstOrDefault();
    }

    public byte[] StateBytes() => File.Exists(Directory.StateFile) ? File.ReadAllBytes(Directory.StateFile) : [];

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (Directory.Exists)
            {
                using var lab = new LabController(Directory);
                await lab.DownAsync(CancellationToken.None);
            }
        }
        finally
        {
            Http.Dispose();
            await Server.DisposeAsync();
            try
            {
                System.IO.Directory.Delete(Root, recursive: true);
            }
            catch (IOException)
            {
                // A node's last log line racing the delete: the temp folder is the OS's to clean.
            }
        }
    }
}
