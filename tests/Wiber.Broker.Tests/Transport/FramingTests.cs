using System.Buffers;
using System.IO.Pipelines;
using Wiber.Broker.Transport;

namespace Wiber.Broker.Tests.Transport;

public sealed class FramingTests
{
    [Fact]
    public void A_handshake_round_trips_and_is_checked_against_cluster_and_membership()
    {
        var hello = new Handshake(Handshake.CurrentVersion, "lab-cluster", 3);
        Assert.True(Handshake.TryDecode(new ReadOnlySequence<byte>(hello.Encode()), out var decoded, out var error), error);
        Assert.Equal(hello, decoded);
        Assert.Null(decoded.Refusal("lab-cluster", id => id == 3));
        Assert.Contains("wrong cluster", decoded.Refusal("other", _ => true), StringComparison.Ordinal);
        Assert.Contains("unknown node 3", decoded.Refusal("lab-cluster", _ => false), StringComparison.Ordinal);
        Assert.Contains("protocol version", (hello with { Version = 99 }).Refusal("lab-cluster", _ => true), StringComparison.Ordinal);
    }

    [Fact]
    public void A_handshake_with_bad_magic_or_truncated_is_rejected()
    {
        var bytes = new Handshake(Handshake.CurrentVersion, "c", 1).Encode();
        for (var length = 0; length < bytes.Length; length++)
        {
            Assert.False(Handshake.TryDecode(new ReadOnlySequence<byte>(bytes, 0, length), out _, out _));
        }
        bytes[0] = (byte)'X';
        Assert.False(Handshake.TryDecode(new ReadOnlySequence<byte>(bytes), out _, out var error));
        Assert.Contains("magic", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Frames_split_across_reads_are_reassembled_and_counted()
    {
        var pipe = new Pipe();
        var reader = new FrameReader(pipe.Reader);
        var writer = new ArrayBufferWriter<byte>();
        Framing.WriteFrame(writer, FrameType.Raft, [1, 2, 3]);
        Framing.WriteFrame(writer, FrameType.Keepalive, [9]);
        var bytes = writer.WrittenSpan.ToArray();
        var ct = TestContext.Current.CancellationToken;

        var first = reader.ReadAsync(100, ct);
        foreach (var b in bytes)
        {
            await pipe.Writer.WriteAsync(new[] { b }, ct);
        }
        await pipe.Writer.CompleteAsync();

        var frame = await first;
        Assert.Equal((FrameStatus.Complete, FrameType.Raft), (frame.Status, frame.Type));
        Assert.Equal([1, 2, 3], frame.Payload.ToArray());
        frame = await reader.ReadAsync(100, ct);
        Assert.Equal((FrameStatus.Complete, FrameType.Keepalive), (frame.Status, frame.Type));
        Assert.Equal(FrameStatus.EndOfStream, (await reader.ReadAsync(100, ct)).Status);
        Assert.Equal(bytes.Length, reader.BytesReceived);
    }

    [Fact]
    public async Task An_oversized_length_prefix_is_refused_before_the_body_arrives()
    {
        var pipe = new Pipe();
        var reader = new FrameReader(pipe.Reader);
        var header = new ArrayBufferWriter<byte>();
        Framing.WriteHeader(header, FrameType.Raft, 300 << 20);
        await pipe.Writer.WriteAsync(header.WrittenMemory, TestContext.Current.CancellationToken);

        var frame = await reader.ReadAsync(256 << 20, TestContext.Current.CancellationToken);
        Assert.Equal(FrameStatus.TooLarge, frame.Status);
        Assert.Equal(300L << 20, frame.DeclaredLength);
    }

    [Fact]
    public async Task A_connection_closed_mid_frame_is_reported_as_truncated()
    {
        var pipe = new Pipe();
        var reader = new FrameReader(pipe.Reader);
        var writer = new ArrayBufferWriter<byte>();
        Framing.WriteFrame(writer, FrameType.Raft, new byte[50]);
        await pipe.Writer.WriteAsync(writer.WrittenMemory[..30], TestContext.Current.CancellationToken);
        await pipe.Writer.CompleteAsync();
        Assert.Equal(FrameStatus.Truncated, (await reader.ReadAsync(100, TestContext.Current.CancellationToken)).Status);
    }

    [Fact]
    public void Back_off_grows_exponentially_with_jitter_and_is_capped()
    {
        var backoff = new Backoff(TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(100));
        var delays = Enumerable.Range(0, 10).Select(_ => backoff.Next().TotalMilliseconds).ToArray();
        Assert.InRange(delays[0], 5, 10);
        Assert.InRange(delays[1], 10, 20);
        Assert.InRange(delays[2], 20, 40);
        Assert.All(delays[4..], d => Assert.InRange(d, 50, 100));
        backoff.Reset();
        Assert.InRange(backoff.Next().TotalMilliseconds, 5, 10);
    }
}
