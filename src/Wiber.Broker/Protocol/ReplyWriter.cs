using System.Buffers;

namespace Wiber.Broker.Protocol;

/// <summary>
/// Formats every line the node sends to a client, as UTF-8 ending in CR LF. One partial file per reply
/// family. Acknowledgements all start with <c>OK</c> (the seed shape); names given here are trusted to be
/// valid (they came through the parser), free text is made single-line.
/// </summary>
public static partial class ReplyWriter
{
    /// <summary><c>PONG</c>, or <c>PONG &lt;echo&gt;</c> for <c>PING &lt;echo&gt;</c>.</summary>
    public static void WritePong(IBufferWriter<byte> output, string? echo = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        output.Write("PONG"u8);
        if (echo is not null)
        {
            output.Write(" "u8);
            output.WriteSingleLine(echo);
        }

        output.WriteLineEnd();
    }

    /// <summary><c>OK &lt;topic&gt; &lt;offset&gt;</c>, plus <c> duplicate</c> when the id was already published (the offset is then the original's).</summary>
    public static void WritePublished(IBufferWriter<byte> output, string topic, long offset, bool duplicate = false)
    {
        WriteOk(output, topic, offset);
        if (duplicate)
        {
            output.Write(" duplicate"u8);
        }

        output.WriteLineEnd();
    }

    /// <summary><c>OK &lt;topic&gt; &lt;next-offset&gt; subscribed</c>: the offset of the first message that will be delivered.</summary>
    public static void WriteSubscribed(IBufferWriter<byte> output, string topic, long firstOffset)
    {
        WriteOk(output, topic, firstOffset);
        output.Write(" subscribed"u8);
        output.WriteLineEnd();
    }

    /// <summary><c>OK &lt;topic&gt; unsubscribed</c>.</summary>
    public static void WriteUnsubscribed(IBufferWriter<byte> output, string topic)
    {
        WriteOk(output, topic);
        output.Write(" unsubscribed"u8);
        output.WriteLineEnd();
    }

    /// <summary><c>OK &lt;topic&gt; &lt;offset&gt; acked</c>.</summary>
    public static void WriteAcked(IBufferWriter<byte> output, string topic, long offset)
    {
        WriteOk(output, topic, offset);
        output.Write(" acked"u8);
        output.WriteLineEnd();
    }

    /// <summary><c>OK &lt;topic&gt; created</c>, or <c>OK &lt;topic&gt; exists</c> when it already existed with the same settings.</summary>
    public static void WriteTopicCreated(IBufferWriter<byte> output, string topic, bool alreadyExisted = false)
    {
        WriteOk(output, topic);
        output.Write(alreadyExisted ? " exists"u8 : " created"u8);
        output.WriteLineEnd();
    }

    /// <summary><c>OK &lt;topic&gt; deleted</c>.</summary>
    public static void WriteTopicDeleted(IBufferWriter<byte> output, string topic)
    {
        WriteOk(output, topic);
        output.Write(" deleted"u8);
        output.WriteLineEnd();
    }

    /// <summary><c>OK bye</c>, sent before the node closes the connection for QUIT.</summary>
    public static void WriteBye(IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        output.Write("OK bye"u8);
        output.WriteLineEnd();
    }

    private static void WriteOk(IBufferWriter<byte> output, string topic, long? offset = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentException.ThrowIfNullOrEmpty(topic);
        output.Write("OK "u8);
        output.WriteText(topic);
        if (offset is { } value)
        {
            output.Write(" "u8);
            output.WriteNumber(value);
        }
    }
}
