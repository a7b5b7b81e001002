using Wiber.Broker.StateMachine;
using static Wiber.Broker.Tests.StateMachine.StateTestKit;

namespace Wiber.Broker.Tests.StateMachine;

public sealed class SnapshotTests
{
    private static BrokerState Sample(int commands = 400, int seed = 1)
    {
        var state = new BrokerState(new BrokerStateOptions
        {
            Dedup = new DedupWindow(20, 5_000),
            DefaultRetention = new RetentionPolicy(30_000, 4_000, 50),
        });
        var generator = new CommandGenerator(seed);
        for (var i = 0; i < commands; i++)
        {
            var (index, term, command) = generator.NextEntry();
            state.Apply(index, term, command);
        }
        return state;
    }

    [Fact]
    public void A_restored_state_answers_every_query_like_the_original()
    {
        var original = Sample();

        var restored = Restore(SnapshotBytes(original));

        Assert.Equal(original.Options, restored.Options);
        Assert.Equal((original.LastAppliedIndex, original.LastAppliedTerm, original.LatestTimestamp),
            (restored.LastAppliedIndex, restored.LastAppliedTerm, restored.LatestTimestamp));
        Assert.Equal(original.Topics(), restored.Topics());
        foreach (var topic in original.Topics())
        {
            AssertSameMessages(original.Read(topic.Name, 0, int.MaxValue), restored.Read(topic.Name, 0, int.MaxValue));
            foreach (var group in new[] { "g1", "g2", "billing" })
            {
                Assert.Equal(original.GetGroupOffset(group, topic.Name), restored.GetGroupOffset(group, topic.Name));
            }
        }
        Assert.Equal(SnapshotBytes(original), SnapshotBytes(restored));
    }

    [Fact]
    public void A_capture_encodes_the_state_as_it_was_when_captured_whatever_is_applied_after()
    {
        // The host captures on its loop and encodes on a worker while applies go on.
        var state = new BrokerState(new BrokerStateOptions
        {
            Dedup = new DedupWindow(20, 5_000),
            DefaultRetention = new RetentionPolicy(30_000, 4_000, 50),
        });
        var generator = new CommandGenerator(7);
        for (var i = 0; i < 300; i++)
        {
            var (index, term, command) = generator.NextEntry();
            state.Apply(index, term, command);
        }
        var expected = SnapshotBytes(state);
        var capture = state.CaptureSnapshot();

        // Enough further commands to evict retained messages, forget ids and move group offsets.
        for (var i = 0; i < 300; i++)
        {
            var (index, term, command) = generator.NextEntry();
            state.Apply(index, term, command);
        }
        using var later = new MemoryStream();
        capture.WriteTo(later);

        Assert.Equal(expected, later.ToArray());
        Assert.NotEqual(expected, SnapshotBytes(state));
    }

    [Fact]
    public void An_empty_state_round_trips()
    {
        var bytes = SnapshotBytes(new BrokerState());

        Assert.Equal(bytes, SnapshotBytes(Restore(bytes)));
    }

    [Fact]
    public void Large_states_span_many_frames()
    {
        var state = new BrokerState();
        for (var i = 0; i < 300; i++)
        {
            state.Publish(new PublishCommand("big", $"id{i}", 0, At(i), new byte[1_000 + i]));
        }

        var bytes = SnapshotBytes(state);

        Assert.True(bytes.Length > 4 * 64 * 1024);
        Assert.Equal(bytes, SnapshotBytes(Restore(bytes)));
    }

    [Fact]
    public void Every_truncation_is_rejected()
    {
        var bytes = SnapshotBytes(Sample(commands: 60));

        for (var length = 0; length < bytes.Length; length++)
        {
            var cut = bytes[..length];
            var error = Assert.Throws<SnapshotFormatException>(() => Restore(cut));
            Assert.False(string.IsNullOrEmpty(error.Message));
        }
    }

    [Fact]
    public void Every_single_bit_flip_is_rejected()
    {
        var bytes = SnapshotBytes(Sample(commands: 40));

        for (var position = 0; position < bytes.Length; position++)
        {
            var corrupt = (byte[])bytes.Clone();
            corrupt[position] ^= (byte)(1 << (position % 8));
            Assert.Throws<SnapshotFormatException>(() => Restore(corrupt));
        }
    }

    [Fact]
    public void Unknown_versions_and_foreign_files_are_rejected_clearly()
    {
        var bytes = SnapshotBytes(new BrokerState());
        var newer = (byte[])bytes.Clone();
        newer[8] = 2;

        Assert.Contains("version 2", Assert.Throws<SnapshotFormatException>(() => Restore(newer)).Message, StringComparison.Ordinal);
        Assert.Contains("magic", Assert.Throws<SnapshotFormatException>(() => Restore("not a snapshot at all"u8.ToArray())).Message, StringComparison.Ordinal);
    }

    private static void AssertSameMessages(ReadResult expected, ReadResult actual)
    {
        Assert.Equal((expected.Status, expected.StartOffset, expected.NextOffset), (actual.Status, actual.StartOffset, actual.NextOffset));
        Assert.Equal(expected.Messages.Count, actual.Messages.Count);
        for (var i = 0; i < expected.Messages.Count; i++)
        {
            Assert.Equal(expected.Messages[i] with { Payload = default }, actual.Messages[i] with { Payload = default });
            Assert.Equal(expected.Messages[i].Payload.ToArray(), actual.Messages[i].Payload.ToArray());
        }
    }
}
