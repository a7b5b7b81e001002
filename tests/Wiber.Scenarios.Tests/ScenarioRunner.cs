using Wiber.Checker;
using Wiber.Lab.State;
using Wiber.Lab.Tests;
using Wiber.Lab.Workload;

namespace Wiber.Scenarios.Tests;

/// <summary>What a nemesis can do to the lab while the workload runs.</summary>
internal delegate Task Nemesis(TestLab lab, CancellationToken cancellationToken);

/// <summary>
/// One scenario, Jepsen's shape: a lab, a workload recording a history, a nemesis breaking the lab for a
/// while, then everything healed and the workload given time to show progress. The checker judges the
/// history with the lab's events: no acknowledged message lost, no duplicate, one order on every node, at
/// most one leader per term (safety), and a commit within a few seconds of every heal (liveness). A failing
/// run leaves its history, events, node logs, verdict and timeline in artifacts/scenarios/&lt;name&gt;/.
/// </summary>
internal static class ScenarioRunner
{
    /// <summary>The slowest recovery a scenario accepts after a heal (fast lab timings: elections in 300–600 ms).</summary>
    public static readonly TimeSpan RecoveryBound = TimeSpan.FromSeconds(5);

    public static async Task<CheckResult> RunAsync(string backend, string name, Nemesis nemesis, int nodes = 3, TimeSpan? faultTime = null, double rate = 150)
    {
        var ct = TestContext.Current.CancellationToken;
        await DockerAvailability.SkipUnlessUsableAsync(backend);
        name = $"{backend}-{name}";
        await using var lab = await TestLab.UpAsync(nodes, backend);
        var faults = faultTime ?? TimeSpan.FromSeconds(5);
        var history = Path.Combine(lab.Directory.Path, "history.jsonl");
        var options = new WorkloadOptions { Duration = faults + TimeSpan.FromSeconds(4), Rate = rate, Producers = 3, Topic = "scenario" };
        Task<WorkloadResult> workload;
        using var recorder = new HistoryRecorder(history);
        workload = new LabWorkload(lab.State, options, recorder).RunAsync(history, ct);

        await Task.Delay(TimeSpan.FromSeconds(1), ct);
        using (var nemesisTime = CancellationTokenSource.CreateLinkedTokenSource(ct))
        {
            nemesisTime.CancelAfter(faults);
            try
            {
                await nemesis(lab, nemesisTime.Token);
            }
            catch (OperationCanceledException) when (nemesisTime.IsCancellationRequested && !ct.IsCancellationRequested)
            {
                // The nemesis's time is up.
            }
        }

        await HealEverythingAsync(lab, ct);
        var summary = await workload;
        recorder.Dispose();

        var combined = await File.ReadAllTextAsync(history, ct) + await File.ReadAllTextAsync(lab.Directory.EventsFile, ct);
        var recorded = await HistoryReader.ReadAsync(new StringReader(combined), ct);
        var result = HistoryChecker.Check(recorded, new CheckOptions { RecoveryLimitMs = (long)RecoveryBound.TotalMilliseconds });
        var slow = result.Recoveries.Where(r => r.Status is not (RecoveryStatus.Recovered or RecoveryStatus.Unobserved)).ToList();
        if (!result.IsValid || slow.Count > 0 || summary.Ok == 0)
        {
            var folder = SaveArtifacts(name, lab, recorded, result);
            Assert.Fail($"scenario {name}: {(result.IsValid ? "" : $"{result.Errors} violations; ")}{slow.Count} heals without a commit within {RecoveryBound.TotalSeconds:0} s; {summary.Ok} acknowledged.\n"
                + CheckSummaryText.Format(result) + $"\nartifacts: {folder}");
        }

        var line = $"{name}: {summary.Publishes} publishes ({summary.Ok} ok, {summary.Failed} failed, {summary.Unknown} unknown), {summary.Reads} reads; recovery after heal: "
            + string.Join(", ", result.Recoveries.Select(r => r.RecoveryMs is { } ms ? $"{ms} ms" : r.Status.ToString().ToLowerInvariant()));
        TestContext.Current.TestOutputHelper?.WriteLine(line);
        RecordResult(line);
        return result;
    }

    /// <summary>Heal the network, resume paused nodes, start stopped or killed ones, and take any clock skew back.</summary>
    private static async Task HealEverythingAsync(TestLab lab, CancellationToken ct)
    {
        await lab.Controller.HealAsync(ct);
        foreach (var node in lab.State.Nodes)
        {
            if (node.State == "paused")
            {
                await lab.Controller.NodeAsync("resume", node.Id, ct);
            }
            else if (node.State is "killed" or "stopped" || !await lab.Controller.IsAliveAsync(lab.State, node, ct))
            {
                await lab.Controller.NodeAsync("start", node.Id, ct);
            }

            if (lab.State.Node(node.Id).ClockSkewMs != 0)
            {
                await lab.Controller.SkewAsync(node.Id, TimeSpan.Zero, ct);
            }
        }
    }

    /// <summary>Every passing run adds a line to artifacts/scenarios/results.txt: the figures a report quotes.</summary>
    private static void RecordResult(string line)
    {
        var folder = Path.Combine(Environment.GetEnvironmentVariable("WIBER_ARTIFACTS") ?? Path.Combine(RepositoryRoot(), "artifacts"), "scenarios");
        Directory.CreateDirectory(folder);
        File.AppendAllText(Path.Combine(folder, "results.txt"), $"{DateTime.UtcNow:yyyy-MM-ddTHH:mm:ssZ} {line}\n");
    }

    private static string SaveArtifacts(string name, TestLab lab, History history, CheckResult result)
    {
        var root = Environment.GetEnvironmentVariable("WIBER_ARTIFACTS") ?? Path.Combine(RepositoryRoot(), "artifacts");
        var folder = Path.Combine(root, "scenarios", $"{name}-{DateTime.UtcNow:yyyyMMdd-HHmmss}");
        Directory.CreateDirectory(folder);
        File.Copy(Path.Combine(lab.Directory.Path, "history.jsonl"), Path.Combine(folder, "history.jsonl"));
        File.Copy(lab.Directory.EventsFile, Path.Combine(folder, "events.jsonl"));
        File.WriteAllText(Path.Combine(folder, "check.json"), CheckResultJson.Serialize(result, indented: true));
        File.WriteAllText(Path.Combine(folder, "timeline.html"), TimelineHtml.Render(history, result));
        foreach (var node in lab.State.Nodes)
        {
            var logs = Path.GetDirectoryName(lab.Directory.NodeJsonLog(node.Id))!;
            if (Directory.Exists(logs))
            {
                foreach (var file in Directory.GetFiles(logs))
                {
                    File.Copy(file, Path.Combine(folder, $"{node.Id}-{Path.GetFileName(file)}"));
                }
            }
        }

        return folder;
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Wiber.sln")))
            {
                return directory.FullName;
            }
        }

        return Path.GetTempPath();
    }

    /// <summary>The current leader's id (waits for one).</summary>
    public static async Task<string> LeaderAsync(TestLab lab) => (await lab.WaitForLeaderAsync()).Id;

    /// <summary>Sleeps for the interval, or until the nemesis's time is up.</summary>
    public static Task PauseAsync(double seconds, CancellationToken ct) => Task.Delay(TimeSpan.FromSeconds(seconds), ct);
}
