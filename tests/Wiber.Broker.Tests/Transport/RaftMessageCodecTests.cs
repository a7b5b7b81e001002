using System.Buffers;
using Wiber.Broker.Transport;
using Wiber.Raft;

namespace Wiber.Broker.Tests.Transport;

public sealed class RaftMessageCodecTests
{
    private static byte[] Encode(Message message)
    {
        var writer = new ArrayBufferWriter<byte>();
        RaftMessageCodec.Encode(message, writer);
        return writer.WrittenSpan.ToArray();
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(42)]
    [InlineData(20240601)]
    public void Seeded_random_messages_round_trip_exactly(int seed)
    {
        var random = new Random(seed);
        for (var i = 0; i < 1000; i++)
        {
            var message = RandomMessages.Next(random);
            var bytes = Encode(message);
            Assert.Equal(RaftMessageCodec.GetEncodedSize(message), bytes.Length);
            Assert.True(RaftMessageCodec.TryDecode(bytes, out var decoded, out var error), $"seed {seed} #{i}: {error}");
            RandomMessages.AssertSame(message, decoded);
        }
    }

    [Fact]
    public void Decoding_from_a_sequence_split_into_tiny_segments_gives_the_same_message()
    {
        var random = new Random(7);
        for (var i = 0; i < 200; i++)
        {
            var message = RandomMessages.Next(random);
            var sequence = Segments.Split(Encode(message), random.Next(1, 17));
            Assert.True(RaftMessageCodec.TryDecode(sequence, out var decoded, out var error), error);
            RandomMessages.AssertSame(message, decoded);
        }
    }

    [Fact]
    public void A_small_append_is_compact()
    {
        var bytes = Encode(RandomMessages.Append(1, 2, 1000, payloadBytes: 16));
        // type, flags, 8 varints (≤ 2 bytes each here), count, kind, index, term, length, 16 data bytes.
        Assert.InRange(bytes.Length, 20, 40);
    }

    [Fact]
    public void Null_and_empty_snapshots_stay_distinct()
    {
        var withEmpty = new Message { Type = MessageType.Snapshot, From = 1, To = 2, Term = 1, Snapshot = Snapshot.Empty };
        var without = withEmpty with { Snapshot = null };
        Assert.True(RaftMessageCodec.TryDecode(Encode(withEmpty), out var a, out _));
        Assert.True(RaftMessageCodec.TryDecode(Encode(without), out var b, out _));
        Assert.NotNull(a.Snapshot);
        Assert.Null(b.Snapshot);
    }

    [Fact]
    public void An_absurd_entry_count_is_rejected_without_allocating_it()
    {
        var header = Encode(new Message { Type = MessageType.Append, From = 1, To = 2, Term = 1 });
        // Replace the trailing zero entry count with 2^40.
        var writer = new ArrayBufferWriter<byte>();
        writer.Write(header.AsSpan(0, header.Length - 1));
        WriteVarint(writer, 1UL << 40);
        writer.Write(new byte[64]);
        Assert.False(RaftMessageCodec.TryDecode(writer.WrittenSpan, out _, out var error));
        Assert.Contains("entry count", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_data_length_longer_than_the_frame_is_rejected()
    {
        var bytes = Encode(new Message { Type = MessageType.Append, From = 1, To = 2, Term = 1, Entries = [Entry.Normal(1, 1, new byte[10])] });
        bytes[^11] = 0x7F; // the entry's length prefix: claims 127 bytes, 10 follow
        Assert.False(RaftMessageCodec.TryDecode(bytes, out _, out var error));
        Assert.Contains("longer than the frame", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, "unknown message type")]
    [InlineData(14, "unknown message type")]
    public void Unknown_message_types_are_rejected(byte type, string reason)
    {
        var bytes = Encode(new Message { Type = MessageType.Heartbeat, From = 1, To = 2, Term = 1 });
        bytes[0] = type;
        Assert.False(RaftMessageCodec.TryDecode(bytes, out _, out var error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Trailing_bytes_and_unknown_flags_are_rejected()
    {
        var bytes = Encode(new Message { Type = MessageType.Heartbeat, From = 1, To = 2, Term = 1 });
        Assert.False(RaftMessageCodec.TryDecode([.. bytes, 0], out _, out var trailing));
        Assert.Contains("trailing", trailing, StringComparison.Ordinal);
        bytes[1] = 0x80;
        Assert.False(RaftMessageCodec.TryDecode(bytes, out _, out var flags));
        Assert.Contains("flags", flags, StringComparison.Ordinal);
    }

    [Fact]
    public void An_overlong_varint_is_rejected()
    {
        byte[] bytes = [(byte)MessageType.Heartbeat, 0, .. Enumerable.Repeat((byte)0xFF, 11)];
        Assert.False(RaftMessageCodec.TryDecode(bytes, out _, out _));
        byte[] overflow = [(byte)MessageType.Heartbeat, 0, .. Enumerable.Repeat((byte)0xFF, 9), 0x02];
        Assert.False(RaftMessageCodec.TryDecode(overflow, out _, out _));
    }

    [Fact]
    public void A_megabyte_snapshot_round_trips()
    {
        var data = new byte[1 << 20];
        new Random(3).NextBytes(data);
        var message = new Message
        {
            Type = MessageType.Snapshot, From = 1, To = 3, Term = 9,
            Snapshot = new Snapshot(new SnapshotMetadata(5000, 8, [1, 2, 3]), data),
        };
        var bytes = Encode(message);
        Assert.True(RaftMessageCodec.TryDecode(Segments.Split(bytes, 4096), out var decoded, out var error), error);
        RandomMessages.AssertSame(message, decoded);
    }

    private static void WriteVarint(IBufferWriter<byte> writer, ulong value)
    {
        Span<byte> span = stackalloc byte[10];
        var i = 0;
        while (value >= 0x80)
        {
            span[i++] = (byte)(value | 0x80);
            value >>= 7;
        }
        span[i++] = (byte)value;
        writer.Write(span[..i]);
    }
}
