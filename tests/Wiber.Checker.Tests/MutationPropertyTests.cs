using Wiber.Checker.Tests.Simulation;

namespace Wiber.Checker.Tests;

/// <summary>
/// Property tests in the simulator's style: each seed generates the history of a correct cluster, which
/// must check clean; then one mutation breaks it in one way, and the checker must name exactly that way.
/// A failure prints the seed; <c>CleanHistoryGenerator.Generate(seed)</c> replays it.
/// </summary>
public sealed class MutationPropertyTests
{
    private const int Seeds = 40;

    [Fact]
    public void Generated_clean_histories_check_clean()
    {
        for (var seed = 1; seed <= Seeds; seed++)
        {
            var run = CleanHistoryGenerator.Generate(seed);
            var result = HistoryChecker.Check(run.ToHistory());

            Assert.True(result.Anomalies.Count == 0, $"seed {seed}: {Expect.Describe(result)}");
            Assert.All(result.Recoveries, r => Assert.Equal(RecoveryStatus.Recovered, r.Status));
        }
    }

    [Fact]
    public void Generated_histories_exercise_what_they_claim_to()
    {
        // Guards the generator itself: a clean check means little if the history had no unknowns or retries.
        var run = CleanHistoryGenerator.Generate(7);
        var history = run.ToHistory();
        var result = HistoryChecker.Check(history);
        var p = result.Statistics.Publishes;

        Assert.True(p.UnknownWritten > 0 && p.UnknownNotWritten > 0 && p.Failed > 0, $"{p}");
        Assert.True(p.DistinctIds < p.Total, "expected retries of one id");
        Assert.True(history.Statuses.Select(s => s.Term).Distinct().Count() >= 3, "expected elections");
        Assert.Equal(2, result.Recoveries.Count);
        Assert.True(run.FinalScans.Select(s => s.Reach).Distinct().Count() > 1, "expected final reads of different lengths");
        Assert.Contains(history.Reads, r => r.Scan == "sub-n2-2");
    }

    [Theory]
    [InlineData(Mutation.DropAck)]
    [InlineData(Mutation.Duplicate)]
    [InlineData(Mutation.Swap)]
    [InlineData(Mutation.TwoLeaders)]
    public void A_single_mutation_is_flagged_as_exactly_its_kind(Mutation mutation)
    {
        var expected = Mutations.ExpectedKind(mutation);
        for (var seed = 1; seed <= Seeds; seed++)
        {
            var run = CleanHistoryGenerator.Generate(seed);
            var what = Mutations.Apply(run, mutation, new Random(seed * 7919));
            var result = HistoryChecker.Check(run.ToHistory());

            Assert.True(Expect.ErrorKinds(result).SequenceEqual([expected]), $"seed {seed}, {what}: {Expect.Describe(result)}");
            Assert.True(result.Warnings == 0, $"seed {seed}, {what}: {Expect.Describe(result)}");
            Assert.False(result.IsValid);
        }
    }
}
