using Wiber.Broker.StateMachine;
using static Wiber.Broker.Tests.StateMachine.StateTestKit;

namespace Wiber.Broker.Tests.StateMachine;

/// <summary>
/// The properties replication rests on, over seeded random command sequences (a failure names its seed;
/// rerun that seed to replay it): equal inputs give equal states, and a snapshot is a faithful stand-in
/// for the entries it replaces.
/// </summary>
public sealed class DeterminismPropertyTests
{
    private static readonly BrokerStateOptions Options = new()
    {
        Dedup = new DedupWindow(15, 8_000),
        DefaultRetention = new RetentionPolicy(20_000, 3_000, 40),
    };

    public static TheoryData<int> Seeds() => [.. Enumerable.Range(1, 40)];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Two_nodes_fed_the_same_entries_write_identical_snapshots(int seed)
    {
        var entries = Entries(seed, 500);
        var first = new BrokerState(Options);
        var second = new BrokerState(Options);

        foreach (var (index, term, command) in entries)
        {
            var a = first.Apply(index, term, command);
            // The second node decodes the entry from bytes, as a follower would.
            Assert.True(CommandCodec.TryDecode(CommandCodec.Encode(command), out var decoded, out _));
            var b = second.Apply(index, term, decoded);
            Assert.Equal(a.Status, b.Status);
            Assert.Equal(a.Publishes, b.Publishes);
        }

        Assert.Equal(SnapshotBytes(first), SnapshotBytes(second));
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Restoring_a_snapshot_mid_stream_changes_nothing_later(int seed)
    {
        var entries = Entries(seed, 600);
        var cut = new Random(seed).Next(entries.Count);
        var uninterrupted = new BrokerState(Options);
        foreach (var (index, term, command) in entries.Take(cut))
        {
            uninterrupted.Apply(index, term, command);
        }

        var restored = Restore(SnapshotBytes(uninterrupted));
        Assert.Equal(SnapshotBytes(uninterrupted), SnapshotBytes(restored));

        foreach (var (index, term, command) in entries.Skip(cut))
        {
            var expected = uninterrupted.Apply(index, term, command);
            var actual = restored.Apply(index, term, command);
            Assert.Equal((expected.Status, expected.Detail), (actual.Status, actual.Detail));
            Assert.Equal(expected.Publishes, actual.Publishes);
        }
        Assert.Equal(SnapshotBytes(uninterrupted), SnapshotBytes(restored));
        Assert.Equal(uninterrupted.Topics(), restored.Topics());
    }

    [Fact]
    public void Replaying_entries_a_snapshot_covers_is_harmless()
    {
        var entries = Entries(99, 300);
        var state = new BrokerState(Options);
        foreach (var (index, term, command) in entries)
        {
            state.Apply(index, term, command);
        }
        var before = SnapshotBytes(state);

        foreach (var (index, term, command) in entries.Skip(150))
        {
            Assert.Equal(ApplyStatus.AlreadyApplied, state.Apply(index, term, command).Status);
        }

        Assert.Equal(before, SnapshotBytes(state));
    }

    private static List<(ulong Index, ulong Term, BrokerCommand Command)> Entries(int seed, int count)
    {
        var generator = new CommandGenerator(seed);
        return [.. Enumerable.Range(0, count).Select(_ => generator.NextEntry())];
    }
}
