using Wiber.Checker.Tests.Simulation;

namespace Wiber.Checker.Tests;

/// <summary>
/// A lab-sized history: 10⁵ publishes and about 3·10⁵ reads. Asserts correctness only (timing belongs
/// to benchmarks), but a quadratic pass would make this test take minutes instead of about a second.
/// </summary>
public sealed class ScaleTests
{
    [Fact]
    public async Task A_large_history_checks_correctly_through_the_jsonl_reader()
    {
        var run = CleanHistoryGenerator.Generate(seed: 42, publishes: 100_000);
        var acks = run.Records.OfType<PublishRecord>().Where(p => p.Outcome == PublishOutcome.Ok).ToList();
        var victim = acks[acks.Count / 2];
        for (var i = 0; i < run.Records.Count; i++)
        {
            if (run.Records[i] is ReadRecord r && r.Topic == victim.Topic && r.Offset == victim.Offset && r.Node == "n1")
            {
                run.Records[i] = r with { Value = "overwritten" };
            }
        }

        var jsonl = new StringWriter();
        HistoryWriter.WriteAll(jsonl, run.Records);
        var history = await HistoryReader.ReadAsync(new StringReader(jsonl.ToString()), TestContext.Current.CancellationToken);

        var result = HistoryChecker.Check(history);

        Assert.True(history.Reads.Count >= 300_000, $"{history.Reads.Count} reads");
        Assert.True(result.Statistics.Publishes.Total >= 100_000);
        var kinds = Expect.ErrorKinds(result);
        Assert.True(kinds.SequenceEqual([AnomalyKinds.Divergence, AnomalyKinds.Unexpected]), Expect.Describe(result));
        var divergence = Assert.IsType<DivergenceAnomaly>(result.Anomalies.Single(a => a.Kind == AnomalyKinds.Divergence));
        Assert.Equal((victim.Topic, victim.Offset!.Value), (divergence.Topic, divergence.Offset));
        Assert.Contains(divergence.Values, v => v is { Node: "n1", Value: "overwritten" });
        Assert.Contains(divergence.Values, v => v.Node == "n2" && v.Value == victim.Id);
    }
}
