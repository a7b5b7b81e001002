using Wiber.Broker.StateMachine;
using static Wiber.Broker.Tests.StateMachine.StateTestKit;

namespace Wiber.Broker.Tests.StateMachine;

public sealed class QueryTests
{
    private static BrokerState TenMessagesOneSecondApart()
    {
        var state = new BrokerState();
        for (var i = 0; i < 10; i++)
        {
            state.Publish(Pub("t", $"m{i}", atMs: i * 1_000));
        }
        return state;
    }

    [Fact]
    public void Read_returns_at_most_max_count_from_the_offset()
    {
        var state = TenMessagesOneSecondApart();

        Assert.Equal([4L, 5, 6], state.Read("t", 4, 3).Messages.Select(m => m.Offset));
        Assert.Equal([8L, 9], state.Read("t", 8, 5).Messages.Select(m => m.Offset));
        Assert.Empty(state.Read("t", 10, 5).Messages);
        Assert.Empty(state.Read("t", 99, 5).Messages);
        Assert.Empty(state.Read("t", 0, 0).Messages);
        Assert.Equal(ReadStatus.TopicNotFound, state.Read("nope", 0, 5).Status);
        Assert.Equal(ReadStatus.TopicNotFound, state.Read("bad name", 0, 5).Status);
    }

    [Fact]
    public void Last_returns_the_newest_oldest_first()
    {
        var state = TenMessagesOneSecondApart();

        Assert.Equal(["m7", "m8", "m9"], state.Last("t", 3).Messages.Select(Text));
        Assert.Equal(10, state.Last("t", 50).Messages.Count);
        Assert.Equal(ReadStatus.Ok, state.Last("t", 50).Status); // nothing was evicted
    }

    [Fact]
    public void ReadByTime_selects_by_the_physical_part_inclusively()
    {
        var state = TenMessagesOneSecondApart();

        var window = state.ReadByTime("t", BaseMs + 2_000, BaseMs + 5_000, 100);
        var capped = state.ReadByTime("t", BaseMs + 2_000, BaseMs + 5_000, 2);
        var between = state.ReadByTime("t", BaseMs + 2_001, BaseMs + 2_999, 100);
        var everything = state.ReadByTime("t", 0, long.MaxValue, 100);

        Assert.Equal(["m2", "m3", "m4", "m5"], window.Messages.Select(Text));
        Assert.Equal(["m2", "m3"], capped.Messages.Select(Text));
        Assert.Empty(between.Messages);
        Assert.Equal(10, everything.Messages.Count);
        Assert.Empty(state.ReadByTime("t", BaseMs + 5_000, BaseMs + 2_000, 100).Messages);
    }

    [Fact]
    public void ReadByTime_includes_every_logical_tick_of_the_last_millisecond()
    {
        var state = new BrokerState();
        state.Publish(new PublishCommand("t", null, 0, At(5, 0), new byte[1]));
        state.Publish(new PublishCommand("t", null, 0, At(5, ushort.MaxValue), new byte[1]));
        state.Publish(new PublishCommand("t", null, 0, At(6, 0), new byte[1]));

        Assert.Equal(2, state.ReadByTime("t", BaseMs + 5, BaseMs + 5, 10).Messages.Count);
    }

    [Fact]
    public void Results_are_copies_that_later_applies_do_not_change()
    {
        var state = TenMessagesOneSecondApart();
        var before = state.Read("t", 0, 100);

        for (var i = 0; i < 100; i++)
        {
            state.Publish(Pub("t", "more"));
        }

        Assert.Equal(10, before.Messages.Count);
        Assert.Equal(10, before.NextOffset);
        Assert.Equal("m0", Text(before.Messages[0]));
    }

    [Fact]
    public void Topics_are_listed_by_name_with_their_figures()
    {
        var state = new BrokerState();
        state.ApplyAll(
            new CreateTopicCommand("zeta", "last", new RetentionPolicy(1, 2, 3)),
            Pub("alpha", "12345"),
            Pub("alpha", "678"));

        var topics = state.Topics();

        Assert.Equal(["alpha", "zeta"], topics.Select(t => t.Name));
        Assert.Equal(new TopicInfo("alpha", string.Empty, BrokerStateOptions.Default.DefaultRetention, 0, 2, 8, 2, 0), topics[0]);
        Assert.Equal(new TopicInfo("zeta", "last", new RetentionPolicy(1, 2, 3), 0, 0, 0, 0, 0), topics[1]);
    }
}
