using Wiber.Broker.StateMachine;
using Wiber.Raft;
using static Wiber.Broker.Tests.StateMachine.StateTestKit;

namespace Wiber.Broker.Tests.StateMachine;

public sealed class RejectionTests
{
    [Fact]
    public void Creating_an_existing_topic_is_rejected_and_changes_nothing()
    {
        var state = new BrokerState();
        state.Publish(Pub("t", "x"));

        var result = state.ApplyAll(new CreateTopicCommand("t", "new description", new RetentionPolicy(0, 0, 1)))[0];

        Assert.Equal(ApplyStatus.TopicExists, result.Status);
        Assert.True(result.IsRejection);
        Assert.Contains("already exists", result.Detail, StringComparison.Ordinal);
        Assert.Equal(string.Empty, state.Topics()[0].Description);
    }

    [Fact]
    public void Deleting_a_missing_topic_is_rejected()
    {
        var result = new BrokerState().ApplyAll(new DeleteTopicCommand("ghost"))[0];

        Assert.Equal(ApplyStatus.TopicNotFound, result.Status);
    }

    [Fact]
    public void Create_then_delete_succeeds()
    {
        var state = new BrokerState();

        var results = state.ApplyAll(new CreateTopicCommand("t", "d", default), new DeleteTopicCommand("t"));

        Assert.All(results, r => Assert.Equal(ApplyStatus.Ok, r.Status));
        Assert.Empty(state.Topics());
    }

    [Fact]
    public void Undecodable_entries_are_rejected_but_advance_the_applied_index()
    {
        var state = new BrokerState();

        var result = state.Apply(new Entry(3, 1, EntryKind.Normal, new byte[] { 1, 77 }));

        Assert.Equal(ApplyStatus.Malformed, result.Status);
        Assert.Contains("entry 3: unknown command kind 77", result.Detail, StringComparison.Ordinal);
        Assert.Equal(3UL, state.LastAppliedIndex);
    }

    [Fact]
    public void Entries_are_decoded_and_no_ops_only_advance_the_index()
    {
        var state = new BrokerState();

        var noOp = state.Apply(new Entry(1, 2, EntryKind.Empty, default));
        var publish = state.Apply(Entry.Normal(2, 2, CommandCodec.Encode(Pub("t", "hi"))));

        Assert.Equal(ApplyStatus.NoOp, noOp.Status);
        Assert.Equal(new PublishOutcome("t", 0, false), Assert.Single(publish.Publishes));
        Assert.Equal((2UL, 2UL), (state.LastAppliedIndex, state.LastAppliedTerm));
    }

    [Fact]
    public void Replayed_indexes_are_ignored()
    {
        var state = new BrokerState();
        state.Apply(5, 1, Pub("t", "x"));

        var replay = state.Apply(5, 1, Pub("t", "x"));
        var older = state.Apply(new Entry(4, 1, EntryKind.Empty, default));

        Assert.Equal(ApplyStatus.AlreadyApplied, replay.Status);
        Assert.Equal(ApplyStatus.AlreadyApplied, older.Status);
        Assert.False(replay.IsRejection);
        Assert.Equal(1L, state.Topics()[0].Count);
    }
}
