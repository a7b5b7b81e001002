using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Wiber.Cli;
using Wiber.Lab.Tests;

namespace Wiber.Lab.Dashboard.Tests;

/// <summary><c>wiber lab dashboard</c>: prints where it is, serves the page and the API, stops on Ctrl+C; bad options get one clear line.</summary>
public sealed class CliDashboardTests : IDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("wiber-dashboard-cli-");

    public void Dispose() => _root.Delete(recursive: true);

    [Fact]
    public async Task PrintsItsUrl_ServesThePageAndTheApi_AndStopsOnCtrlC()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var console = new CliConsole(TextWriter.Synchronized(output), TextWriter.Synchronized(error), new StringReader(""), InputRedirected: false, _ => null, OutputIsTerminal: false, WorkingDirectory: _root.FullName);
        using var ctrlC = new CancellationTokenSource();
        var run = WiberCli.RunAsync(["lab", "dashboard", "--port", "0", "--json"], console, ctrlC.Token);

        var clock = Stopwatch.StartNew();
        string? url = null;
        while (url is null)
        {
            Assert.False(run.IsCompleted, $"the dashboard ended: {error}");
            Assert.True(clock.Elapsed < TestDashboard.Patience, "no URL printed");
            var line = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
            if (line is not null)
            {
                using var json = JsonDocument.Parse(line);
                Assert.Equal(["url"], TestDashboard.FieldNames(json.RootElement));
                url = json.RootElement.GetProperty("url").GetString();
            }
            else
            {
                await Task.Delay(25, TestContext.Current.CancellationToken);
            }
        }

        Assert.StartsWith("http://127.0.0.1:", url, StringComparison.Ordinal);
        using (var http = new HttpClient { BaseAddress = new Uri(url!) })
        {
            using var page = await http.GetAsync("/", TestContext.Current.CancellationToken);
            Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
            Assert.Contains("data-testid=\"nodes\"", await page.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
            using var script = await http.GetAsync("/dashboard.js", TestContext.Current.CancellationToken);
            Assert.Equal("text/javascript", script.Content.Headers.ContentType?.MediaType);
            Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/nothing.js", TestContext.Current.CancellationToken)).StatusCode);
            using var cluster = JsonDocument.Parse(await http.GetStringAsync("/cluster", TestContext.Current.CancellationToken));
            Assert.Equal(Path.Combine(_root.FullName, ".wiber-lab"), cluster.RootElement.GetProperty("lab").GetProperty("lab_dir").GetString());

            await ctrlC.CancelAsync();
            Assert.Equal(0, await run.WaitAsync(TimeSpan.FromSeconds(15), TestContext.Current.CancellationToken));
            await Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync("/", TestContext.Current.CancellationToken));
        }

        Assert.Equal("", error.ToString());
    }

    [Fact]
    public async Task WithoutJson_ItSaysWhereAndForWhichLab()
    {
        using var output = new StringWriter();
        var console = new CliConsole(TextWriter.Synchronized(output), TextWriter.Null, new StringReader(""), InputRedirected: false, _ => null, OutputIsTerminal: false, WorkingDirectory: _root.FullName);
        using var ctrlC = new CancellationTokenSource();
        var run = WiberCli.RunAsync(["lab", "dashboard", "--port", "0"], console, ctrlC.Token);
        var clock = Stopwatch.StartNew();
        while (!output.ToString().Contains('\n', StringComparison.Ordinal))
        {
            Assert.True(clock.Elapsed < TestDashboard.Patience && !run.IsCompleted, "nothing printed");
            await Task.Delay(25, TestContext.Current.CancellationToken);
        }

        Assert.Matches($"^dashboard on http://127\\.0\\.0\\.1:[0-9]+/ for the lab in {System.Text.RegularExpressions.Regex.Escape(Path.Combine(_root.FullName, ".wiber-lab"))} \\(Ctrl\\+C stops it; the lab keeps running\\)\n$", output.ToString());
        await ctrlC.CancelAsync();
        Assert.Equal(0, await run.WaitAsync(TimeSpan.FromSeconds(15), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task ABadHost_OrAPortInUse_GetOneClearLine()
    {
        (await CliRun.RunAsync(_root.FullName, "lab", "dashboard", "--host", "nowhere")).AssertFailed(2, "--host: 'nowhere' is not an IP address");
        (await CliRun.RunAsync(_root.FullName, "lab", "dashboard", "--port", "70000")).AssertFailed(2, "--port must be 0..65535, was 70000");
        using var squatter = new TcpListener(IPAddress.Loopback, 0);
        squatter.Start();
        var port = ((IPEndPoint)squatter.LocalEndpoint).Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        (await CliRun.RunAsync(_root.FullName, "lab", "dashboard", "--port", port)).AssertFailed(1, $"port {port} is in use");
    }
}
