using Wiber.Broker.StateMachine;
using static Wiber.Broker.Tests.StateMachine.StateTestKit;

namespace Wiber.Broker.Tests.StateMachine;

public sealed class PublishTests
{
    [Fact]
    public void Offsets_are_contiguous_from_zero_per_topic()
    {
        var state = new BrokerState();

        var offsets = new[] { "chat", "orders", "chat", "chat", "orders" }
            .Select((topic, i) => state.Publish(Pub(topic, $"m{i}")))
            .ToList();

        Assert.Equal([0L, 0, 1, 2, 1], offsets.Select(o => o.Offset));
        Assert.All(offsets, o => Assert.False(o.Duplicate));
        Assert.Equal([0L, 1, 2], state.Read("chat", 0, 10).Messages.Select(m => m.Offset));
    }

    [Fact]
    public void First_publish_creates_the_topic_with_default_retention()
    {
        var options = new BrokerStateOptions { DefaultRetention = new RetentionPolicy(0, 0, 7) };
        var state = new BrokerState(options);

        state.Publish(Pub("fresh", "x"));

        var topic = Assert.Single(state.Topics());
        Assert.Equal(new TopicInfo("fresh", string.Empty, new RetentionPolicy(0, 0, 7), 0, 1, 1, 1, 0), topic);
    }

    [Fact]
    public void A_stored_message_keeps_everything_the_entry_carried()
    {
        var state = new BrokerState();
        var publish = new PublishCommand("chat", "m-1", 1_699_999_999_000, At(5, 3), new byte[] { 1, 2, 3 });

        state.Apply(42, 7, publish);

        var message = Assert.Single(state.Read("chat", 0, 1).Messages);
        Assert.Equal(("chat", 0L, 42UL, 7UL, "m-1"), (message.Topic, message.Offset, message.Index, message.Term, message.MessageId));
        Assert.Equal(new byte[] { 1, 2, 3 }, message.Payload.ToArray());
        Assert.Equal(1_699_999_999_000, message.ProducerTimeMs);
        Assert.Equal(At(5, 3), message.LeaderTimestamp);
        Assert.Equal(BaseMs + 5, message.LeaderTimeMs);
        Assert.Equal(42UL, state.LastAppliedIndex);
        Assert.Equal(7UL, state.LastAppliedTerm);
    }

    [Fact]
    public void A_batch_applies_in_order_at_one_index()
    {
        var state = new BrokerState();
        var batch = new PublishBatchCommand([Pub("a", "1"), Pub("b", "2"), Pub("a", "3")]);

        var result = state.Apply(9, 2, batch);

        Assert.Equal(ApplyStatus.Ok, result.Status);
        Assert.Equal([new PublishOutcome("a", 0, false), new PublishOutcome("b", 0, false), new PublishOutcome("a", 1, false)], result.Publishes);
        Assert.All(state.Read("a", 0, 10).Messages, m => Assert.Equal(9UL, m.Index));
    }

    [Fact]
    public void The_clock_only_moves_forward()
    {
        var state = new BrokerState();

        state.Publish(Pub("t", "later", atMs: 100));
        state.Publish(Pub("t", "earlier", atMs: 50));

        Assert.Equal(At(100), state.LatestTimestamp);
    }

    [Fact]
    public void Delete_then_publish_starts_a_new_topic_at_offset_zero()
    {
        var state = new BrokerState();
        state.ApplyAll(Pub("t", "a", id: "x"), Pub("t", "b"), new AckOffsetCommand("g", "t", 1), new DeleteTopicCommand("t"));

        var outcome = state.Publish(Pub("t", "again", id: "x"));

        Assert.Equal(new PublishOutcome("t", 0, false), outcome);
        Assert.Null(state.GetGroupOffset("g", "t"));
    }
}
