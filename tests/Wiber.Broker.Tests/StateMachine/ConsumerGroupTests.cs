using Wiber.Broker.StateMachine;
using static Wiber.Broker.Tests.StateMachine.StateTestKit;

namespace Wiber.Broker.Tests.StateMachine;

public sealed class ConsumerGroupTests
{
    private static BrokerState WithMessages(int count)
    {
        var state = new BrokerState();
        for (var i = 0; i < count; i++)
        {
            state.Publish(Pub("t", $"m{i}"));
        }
        return state;
    }

    [Fact]
    public void An_ack_is_reported_per_group_and_topic()
    {
        var state = WithMessages(5);
        state.Publish(Pub("other", "x"));

        var result = state.ApplyAll(new AckOffsetCommand("g1", "t", 3))[0];

        Assert.Equal(ApplyStatus.Ok, result.Status);
        Assert.Equal(3, state.GetGroupOffset("g1", "t"));
        Assert.Null(state.GetGroupOffset("g2", "t"));
        Assert.Null(state.GetGroupOffset("g1", "other"));
        Assert.Null(state.GetGroupOffset("g1", "missing"));
    }

    [Fact]
    public void Acks_only_move_forward()
    {
        var state = WithMessages(5);
        state.ApplyAll(new AckOffsetCommand("g", "t", 3));

        var back = state.ApplyAll(new AckOffsetCommand("g", "t", 1))[0];
        var same = state.ApplyAll(new AckOffsetCommand("g", "t", 3))[0];
        var forward = state.ApplyAll(new AckOffsetCommand("g", "t", 4))[0];

        Assert.Equal((ApplyStatus.Unchanged, ApplyStatus.Unchanged, ApplyStatus.Ok), (back.Status, same.Status, forward.Status));
        Assert.False(back.IsRejection);
        Assert.Equal(4, state.GetGroupOffset("g", "t"));
    }

    [Fact]
    public void Acking_beyond_the_last_offset_or_an_unknown_topic_is_rejected()
    {
        var state = WithMessages(2);
        state.ApplyAll(new CreateTopicCommand("empty", string.Empty, default));

        var beyond = state.ApplyAll(new AckOffsetCommand("g", "t", 2))[0];
        var empty = state.ApplyAll(new AckOffsetCommand("g", "empty", 0))[0];
        var missing = state.ApplyAll(new AckOffsetCommand("g", "nope", 0))[0];

        Assert.Equal(ApplyStatus.InvalidOffset, beyond.Status);
        Assert.Contains("last offset of t is 1", beyond.Detail, StringComparison.Ordinal);
        Assert.Equal(ApplyStatus.InvalidOffset, empty.Status);
        Assert.Equal(ApplyStatus.TopicNotFound, missing.Status);
        Assert.All([beyond, empty, missing], r => Assert.True(r.IsRejection));
        Assert.Null(state.GetGroupOffset("g", "t"));
    }
}
