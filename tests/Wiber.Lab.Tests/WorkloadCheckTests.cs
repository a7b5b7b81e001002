using System.Text.Json;

namespace Wiber.Lab.Tests;

/// <summary>
/// <c>wiber lab workload</c> and <c>wiber lab check</c> end to end: a history recorded while the leader is
/// isolated and healed checks valid with a measured recovery, and a tampered history is caught.
/// </summary>
[Collection(LabCollection.Name)]
public sealed class WorkloadCheckTests
{
    [Fact]
    public async Task AWorkloadThroughAPartitionAndHeal_ChecksValid_AndATamperedHistoryIsCaught()
    {
        await using var lab = await TestLab.UpAsync();
        var workload = CliRun.RunAsync(lab.Root, "lab", "workload", "--duration", "6s", "--rate", "100", "--json");
        var leader = await lab.WaitForLeaderAsync(s => s.CommitIndex >= 100);   // the workload is under way
        await lab.Controller.PartitionAsync([leader.Id], oneWay: false, reset: false, TestContext.Current.CancellationToken);
        await lab.WaitForLeaderAsync(s => s.Id != leader.Id && s.Term > leader.Term);   // the majority went on without it
        await lab.Controller.HealAsync(TestContext.Current.CancellationToken);

        var run = await workload;
        Assert.True(run.ExitCode == 0, run.ToString());
        var summary = Assert.Single(run.JsonLines);
        Assert.Equal(["failed", "history", "ok", "publishes", "reads", "seconds", "unknown"], CliRun.FieldNames(summary));
        Assert.True(summary.GetProperty("ok").GetInt64() > 300, run.ToString());
        Assert.True(summary.GetProperty("reads").GetInt64() >= 3 * summary.GetProperty("ok").GetInt64(), "every node's final read covers every acknowledged message");

        var check = await CliRun.RunAsync(lab.Root, "lab", "check", "--json", "--timeline", "timeline.html");
        Assert.True(check.ExitCode == 0, check.ToString());
        var verdict = JsonDocument.Parse(check.Out).RootElement;
        Assert.True(verdict.GetProperty("valid").GetBoolean());
        var recovery = Assert.Single(verdict.GetProperty("recoveries").EnumerateArray());
        Assert.Contains("<svg", await File.ReadAllTextAsync(Path.Combine(lab.Root, "timeline.html"), TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.NotEqual(JsonValueKind.Undefined, recovery.ValueKind);

        // Drop every read of one acknowledged id: the checker must call that message lost.
        var history = Path.Combine(lab.Directory.Path, "history.jsonl");
        var lines = await File.ReadAllLinesAsync(history, TestContext.Current.CancellationToken);
        var victim = lines.Select(l => JsonDocument.Parse(l).RootElement)
            .First(e => e.GetProperty("type").GetString() == "publish" && e.GetProperty("outcome").GetString() == "ok")
            .GetProperty("id").GetString()!;
        var tampered = lines.Where(l => !(l.Contains("\"type\":\"read\"", StringComparison.Ordinal) && l.Contains($"\"value\":\"{victim}\"", StringComparison.Ordinal)));
        await File.WriteAllLinesAsync(Path.Combine(lab.Root, "tampered.jsonl"), tampered, TestContext.Current.CancellationToken);
        var caught = await CliRun.RunAsync(lab.Root, "lab", "check", "--history", "tampered.jsonl");
        Assert.True(caught.ExitCode == 8, caught.ToString());
        Assert.Contains("lost", caught.Out, StringComparison.Ordinal);
        Assert.Contains(victim, caught.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_WithoutAHistory_SaysWhereItLooked()
    {
        await using var lab = await TestLab.UpAsync(nodes: 1);
        (await CliRun.RunAsync(lab.Root, "lab", "check")).AssertFailed(4, "wiber lab workload");
    }
}
