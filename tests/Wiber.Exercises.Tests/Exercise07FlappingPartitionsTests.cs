using static Wiber.Exercises.Tests.ModuleSession;

namespace Wiber.Exercises.Tests;

/// <summary>The twin of lab/07-flapping-partitions.ps1: lab/README.md's "What you should see" for exercise 07, asserted.</summary>
[Collection(ProcessLabs.Name)]
public sealed class Exercise07FlappingPartitionsTests
{
    [Fact]
    public async Task FlappingPartitionsUnderLoad_LeaveAValidHistory_AndEveryHealIsFollowedByACommit()
    {
        await using var session = new ModuleSession("07-flapping-partitions.ps1");
        await session.StartClusterAsync();

        // The background job: Invoke-WiberWorkload -Duration 10s -Rate 100 -LabPath $Lab
        var workload = session.RunAsync(["lab", "workload"], ["--duration", "10000ms", "--rate", "100"], "Wiber.WorkloadResult", labPath: session.LabPath);
        await Task.Delay(1500, TestContext.Current.CancellationToken);

        // Invoke-WiberPartition -Isolate $node -Duration 1s, then 500 ms of quiet
        foreach (var node in new[] { "n1", "n2", "n3" })
        {
            await session.IsolateAsync(node);
            await Task.Delay(1000, TestContext.Current.CancellationToken);
            await session.HealAsync();
            await Task.Delay(500, TestContext.Current.CancellationToken);
        }

        await session.RunAsync(["lab", "events"], [], "Wiber.LabEvent");
        var result = (await workload).Json;
        Assert.True(Number(result, "ok") > 0, result.ToString());

        // Test-WiberHistory -Path $workload.History: exit 8 is a verdict, not a failure
        var check = (await session.RunAsync(["lab", "check"], ["--history", Text(result, "history")], "Wiber.CheckResult", ok: [0, 8])).Json;
        var recoveries = check.GetProperty("recoveries").EnumerateArray().ToList();
        var statuses = recoveries.Select(r => Text(r, "status")).ToList();
        Assert.True(check.GetProperty("valid").GetBoolean() && Number(check, "errors") == 0, check.ToString());
        Assert.True(statuses.Count(s => s == "recovered") >= 2 && statuses.All(s => s is "recovered" or "unobserved"), $"recoveries: {string.Join(", ", statuses)}\n{check}");

        await session.StopClusterAsync();
        session.AssertMirrors();
        TestContext.Current.TestOutputHelper?.WriteLine($"exercise 07: {result}; recoveries {string.Join(", ", recoveries.Select(r => $"{Text(r, "status")} {NumberOrNull(r, "recovery_ms")} ms"))}");
    }
}
