using Wiber.Broker.StateMachine;
using static Wiber.Broker.Tests.StateMachine.StateTestKit;

namespace Wiber.Broker.Tests.StateMachine;

public sealed class DedupTests
{
    [Fact]
    public void A_repeated_id_returns_the_original_offset_and_stores_nothing()
    {
        var state = new BrokerState();
        state.Publish(Pub("chat", "first", id: "m1"));
        state.Publish(Pub("chat", "other"));

        var retry = state.Publish(Pub("chat", "first (retry)", id: "m1"));

        Assert.Equal(new PublishOutcome("chat", 0, Duplicate: true), retry);
        Assert.Equal(2, state.Topics()[0].Count);
        Assert.Equal("first", Text(state.Read("chat", 0, 1).Messages[0]));
    }

    [Fact]
    public void Ids_are_per_topic()
    {
        var state = new BrokerState();
        state.Publish(Pub("a", "x", id: "same"));

        Assert.False(state.Publish(Pub("b", "x", id: "same")).Duplicate);
    }

    [Fact]
    public void A_repeat_inside_one_batch_is_a_duplicate_of_the_earlier_item()
    {
        var state = new BrokerState();

        var result = state.Apply(1, 1, new PublishBatchCommand([Pub("t", "a", id: "k"), Pub("t", "b"), Pub("t", "a", id: "k")]));

        Assert.Equal([new PublishOutcome("t", 0, false), new PublishOutcome("t", 1, false), new PublishOutcome("t", 0, true)], result.Publishes);
    }

    [Fact]
    public void The_count_window_forgets_the_oldest_ids()
    {
        var state = new BrokerState(new BrokerStateOptions { Dedup = new DedupWindow(MaxIdsPerTopic: 3, MaxAgeMs: 0) });
        foreach (var id in new[] { "a", "b", "c", "d" })
        {
            state.Publish(Pub("t", id, id: id));
        }

        Assert.Equal(new PublishOutcome("t", 1, true), state.Publish(Pub("t", "b", id: "b")));
        Assert.Equal(new PublishOutcome("t", 4, false), state.Publish(Pub("t", "a", id: "a"))); // "a" was forgotten
    }

    [Fact]
    public void The_age_window_is_measured_on_leader_timestamps()
    {
        var state = new BrokerState(new BrokerStateOptions { Dedup = new DedupWindow(MaxIdsPerTopic: 0, MaxAgeMs: 1_000) });
        state.Publish(Pub("t", "x", id: "k", atMs: 0));

        Assert.True(state.Publish(Pub("t", "x", id: "k", atMs: 1_000)).Duplicate); // exactly the window: still remembered
        var late = state.Publish(Pub("t", "x", id: "k", atMs: 1_001));

        Assert.Equal(new PublishOutcome("t", 1, false), late);
    }

    [Fact]
    public void Idle_topics_forget_ids_when_another_topic_moves_the_clock()
    {
        var state = new BrokerState(new BrokerStateOptions { Dedup = new DedupWindow(0, 1_000) });
        state.Publish(Pub("idle", "x", id: "k", atMs: 0));
        Assert.Equal(1, state.Topics().Single(t => t.Name == "idle").RememberedIds);

        state.Publish(Pub("busy", "y", atMs: 5_000));

        Assert.Equal(0, state.Topics().Single(t => t.Name == "idle").RememberedIds);
    }

    [Fact]
    public void A_duplicate_is_recognised_after_its_message_was_evicted_by_retention()
    {
        var state = new BrokerState(new BrokerStateOptions { DefaultRetention = new RetentionPolicy(0, 0, MaxMessages: 1) });
        state.Publish(Pub("t", "a", id: "k"));
        state.Publish(Pub("t", "b"));

        var retry = state.Publish(Pub("t", "a", id: "k"));

        Assert.Equal(new PublishOutcome("t", 0, true), retry);
        Assert.Equal(1, state.Topics()[0].FirstOffset);
    }

    [Fact]
    public void Invalid_windows_are_refused()
    {
        Assert.Throws<ArgumentException>(() => new BrokerState(new BrokerStateOptions { Dedup = new DedupWindow(0, 0) }));
        Assert.Throws<ArgumentException>(() => new BrokerState(new BrokerStateOptions { Dedup = new DedupWindow(-1, 10) }));
    }
}
