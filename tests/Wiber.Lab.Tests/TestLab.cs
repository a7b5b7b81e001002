using System.Diagnostics;
using Wiber.Client;
using Wiber.Lab.Admin;
using Wiber.Lab.State;

namespace Wiber.Lab.Tests;

/// <summary>
/// A real process lab (proxy + wiber-node processes, fast Raft timings) in a temporary directory, brought
/// down and removed on dispose, so no test leaves a process behind.
/// </summary>
internal sealed class TestLab : IAsyncDisposable
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private readonly DirectoryInfo _root = System.IO.Directory.CreateTempSubdirectory("wiber-lab-");
    private readonly NodeAdmin _admin = new();

    private TestLab()
    {
        Directory = new LabDirectory(Path.Combine(_root.FullName, ".wiber-lab"));
        Controller = new LabController(Directory);
    }

    public LabDirectory Directory { get; }

    public LabController Controller { get; }

    public string Root => _root.FullName;

    public LabState State => Directory.Load();

    public static async Task<TestLab> UpAsync(int nodes = 3, string backend = "process")
    {
        var lab = new TestLab();
        var result = await lab.Controller.UpAsync(new LabUpOptions { Nodes = nodes, Timings = LabTimings.Fast, Backend = backend }, TestContext.Current.CancellationToken);
        Assert.True(result.Leader is not null, "the lab came up without a leader");
        return lab;
    }

    /// <summary>A client over the lab's client proxies (or the given servers, first one preferred).</summary>
    public Task<WiberClient> ConnectAsync(IReadOnlyList<string>? servers = null) => WiberClient.ConnectAsync(
        new WiberClientOptions { Servers = servers ?? State.ClientServers, FailoverDeadline = Patience, RequestTimeout = TimeSpan.FromSeconds(3), ConnectTimeout = TimeSpan.FromSeconds(1) },
        TestContext.Current.CancellationToken);

    public string ClientServer(string node) => $"127.0.0.1:{State.Node(node).ClientProxyPort}";

    public async Task<AdminStatus?> StatusAsync(string node)
    {
        var n = State.Node(node);
        return await _admin.StatusAsync(n.Host, n.AdminPort, TestContext.Current.CancellationToken);
    }

    /// <summary>Waits until a node claims leadership and the condition holds for it; returns its status.</summary>
    public async Task<AdminStatus> WaitForLeaderAsync(Func<AdminStatus, bool>? condition = null, TimeSpan? timeout = null)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            foreach (var node in State.Nodes.Where(n => n.State == "running"))
            {
                if (await StatusAsync(node.Id) is { Role: "leader" } status && (condition?.Invoke(status) ?? true))
                {
                    return status;
                }
            }

            Assert.True(clock.Elapsed < (timeout ?? Patience), "no leader as expected in time");
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }

    public static async Task EventuallyAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(clock.Elapsed < (timeout ?? Patience), $"timed out waiting until {what}");
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>Every message of a topic, read page by page from the leader.</summary>
    public static async Task<List<ReceivedMessage>> ReadAllAsync(WiberClient client, string topic)
    {
        var all = new List<ReceivedMessage>();
        while (true)
        {
            var page = await client.HistoryAsync(topic, HistoryQuery.Range(all.Count, 1000), linearizable: true, TestContext.Current.CancellationToken);
            all.AddRange(page.Messages);
            if (page.Messages.Count == 0)
            {
                return all;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Directory.Exists)
        {
            await Controller.DownAsync(CancellationToken.None);
        }

        Controller.Dispose();
        _admin.Dispose();
        _root.Delete(recursive: true);
    }
}
