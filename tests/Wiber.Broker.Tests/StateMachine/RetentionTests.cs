using Wiber.Broker.StateMachine;
using static Wiber.Broker.Tests.StateMachine.StateTestKit;

namespace Wiber.Broker.Tests.StateMachine;

public sealed class RetentionTests
{
    private static BrokerState WithTopic(RetentionPolicy retention)
    {
        var state = new BrokerState();
        state.ApplyAll(new CreateTopicCommand("t", "retained", retention));
        return state;
    }

    [Fact]
    public void Count_keeps_the_newest_messages()
    {
        var state = WithTopic(new RetentionPolicy(0, 0, MaxMessages: 3));

        for (var i = 0; i < 10; i++)
        {
            state.Publish(Pub("t", $"m{i}"));
        }

        var topic = state.Topics()[0];
        Assert.Equal((7L, 10L, 3L), (topic.FirstOffset, topic.NextOffset, topic.Count));
        Assert.Equal(["m7", "m8", "m9"], state.Read("t", 7, 10).Messages.Select(Text));
    }

    [Fact]
    public void Bytes_keep_the_payload_total_under_the_limit()
    {
        var state = WithTopic(new RetentionPolicy(0, MaxBytes: 10, 0));

        foreach (var text in new[] { "aaaa", "bbbb", "cccc", "dd" })
        {
            state.Publish(Pub("t", text));
        }

        var topic = state.Topics()[0];
        Assert.Equal((1L, 10L), (topic.FirstOffset, topic.Bytes));
    }

    [Fact]
    public void The_newest_message_is_kept_even_when_it_alone_exceeds_the_limit()
    {
        var state = WithTopic(new RetentionPolicy(0, MaxBytes: 3, 0));
        state.Publish(Pub("t", "small"));

        state.Publish(Pub("t", "much too big"));

        var topic = state.Topics()[0];
        Assert.Equal((1L, 1L), (topic.FirstOffset, topic.Count));
        Assert.Equal("much too big", Text(state.Last("t", 1).Messages[0]));
    }

    [Fact]
    public void Age_is_measured_against_the_newest_applied_timestamp()
    {
        var state = WithTopic(new RetentionPolicy(MaxAgeMs: 1_000, 0, 0));
        state.Publish(Pub("t", "old", atMs: 0));
        state.Publish(Pub("t", "mid", atMs: 600));

        state.Publish(Pub("t", "new", atMs: 1_200));

        Assert.Equal(["mid", "new"], state.Read("t", 0, 10).Messages.Select(Text));
    }

    [Fact]
    public void Idle_topics_age_out_when_another_topic_moves_the_clock()
    {
        var state = WithTopic(new RetentionPolicy(MaxAgeMs: 1_000, 0, 0));
        state.Publish(Pub("t", "a", atMs: 0));
        state.Publish(Pub("t", "b", atMs: 10));
        state.Publish(Pub("t", "c", atMs: 2_000));
        state.Publish(Pub("t", "d", atMs: 2_500));
        Assert.Equal(2L, state.Topics()[0].Count);

        state.Publish(Pub("elsewhere", "x", atMs: 3_001));

        var topic = state.Topics().Single(t => t.Name == "t");
        Assert.Equal((3L, 1L), (topic.FirstOffset, topic.Count));
    }

    [Fact]
    public void Reading_below_the_retained_start_reports_where_the_topic_starts()
    {
        var state = WithTopic(new RetentionPolicy(0, 0, MaxMessages: 2));
        for (var i = 0; i < 5; i++)
        {
            state.Publish(Pub("t", $"m{i}"));
        }

        var read = state.Read("t", 0, 10);
        var last = state.Last("t", 10);

        Assert.Equal((ReadStatus.Truncated, 3L, 5L), (read.Status, read.StartOffset, read.NextOffset));
        Assert.Equal([3L, 4], read.Messages.Select(m => m.Offset));
        Assert.Equal(ReadStatus.Truncated, last.Status);
        Assert.Equal(ReadStatus.Ok, state.Read("t", 3, 10).Status);
    }

    [Fact]
    public void Messages_and_remembered_ids_stay_within_their_limits()
    {
        var state = new BrokerState(new BrokerStateOptions
        {
            Dedup = new DedupWindow(MaxIdsPerTopic: 500, MaxAgeMs: 0),
            DefaultRetention = new RetentionPolicy(0, 0, MaxMessages: 100),
        });
        for (var i = 0; i < 20_000; i++)
        {
            state.Publish(Pub("t", "x", id: $"id{i}", atMs: i));
        }

        var topic = state.Topics()[0];
        Assert.Equal((100L, 500), (topic.Count, topic.RememberedIds));
    }
}
