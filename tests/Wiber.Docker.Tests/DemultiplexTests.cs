using System.Buffers.Binary;
using System.Text;
using Wiber.Lab.Docker;

namespace Wiber.Docker.Tests;

/// <summary>The engine's multiplexed log stream, split without an engine.</summary>
public sealed class DemultiplexTests
{
    [Fact]
    public void Frames_are_split_per_stream_and_kept_in_order_combined()
    {
        var data = Concat(Frame(1, "starting\n"), Frame(2, "warning: x\n"), Frame(1, "ready\n"));

        var logs = ContainerLogs.Demultiplex(data);

        Assert.Equal("starting\nready\n", logs.Stdout);
        Assert.Equal("warning: x\n", logs.Stderr);
        Assert.Equal("starting\nwarning: x\nready\n", logs.Combined);
    }

    [Fact]
    public void A_character_split_across_frames_survives()
    {
        var bytes = Encoding.UTF8.GetBytes("naïve ☃\n");
        var cut = Array.IndexOf(bytes, (byte)0xC3) + 1; // inside the two bytes of 'ï'
        var data = Concat(Frame(1, bytes[..cut]), Frame(2, "e\n"u8.ToArray()), Frame(1, bytes[cut..]));

        var logs = ContainerLogs.Demultiplex(data);

        Assert.Equal("naïve ☃\n", logs.Stdout);
        Assert.Equal("e\n", logs.Stderr);
    }

    [Fact]
    public void A_truncated_last_frame_keeps_what_arrived()
    {
        var cut = Frame(2, "cut off here\n")[..(8 + 7)];

        var logs = ContainerLogs.Demultiplex(Concat(Frame(1, "complete\n"), cut));

        Assert.Equal("complete\n", logs.Stdout);
        Assert.Equal("cut off", logs.Stderr);
    }

    [Fact]
    public void A_partial_last_header_is_ignored()
    {
        var logs = ContainerLogs.Demultiplex(Concat(Frame(1, "complete\n"), [2, 0, 0, 0, 0]));

        Assert.Equal(("complete\n", ""), (logs.Stdout, logs.Stderr));
    }

    [Fact]
    public void A_stream_without_headers_is_raw_tty_output()
    {
        var logs = ContainerLogs.Demultiplex("plain output\n"u8);

        Assert.Equal("plain output\n", logs.Stdout);
        Assert.Equal("", logs.Stderr);
        Assert.Equal("plain output\n", logs.Combined);
    }

    [Fact]
    public void Empty_frames_and_empty_input_give_empty_logs()
    {
        Assert.Equal(ContainerLogs.Empty, ContainerLogs.Demultiplex([]));
        var logs = ContainerLogs.Demultiplex(Concat(Frame(1, ""), Frame(2, "")));
        Assert.Equal(("", "", ""), (logs.Stdout, logs.Stderr, logs.Combined));
    }

    [Fact]
    public void A_large_frame_is_read_whole()
    {
        var big = new string('x', 70_000) + "\n";
        var logs = ContainerLogs.Demultiplex(Concat(Frame(2, big), Frame(1, "after\n")));

        Assert.Equal(big, logs.Stderr);
        Assert.Equal("after\n", logs.Stdout);
    }

    internal static byte[] Frame(byte stream, string text) => Frame(stream, Encoding.UTF8.GetBytes(text));

    internal static byte[] Frame(byte stream, byte[] payload)
    {
        var frame = new byte[8 + payload.Length];
        frame[0] = stream;
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(4), (uint)payload.Length);
        payload.CopyTo(frame, 8);
        return frame;
    }

    internal static byte[] Concat(params byte[][] parts) => [.. parts.SelectMany(p => p)];
}
