using System.Buffers;

namespace Wiber.Broker.Protocol;

public static partial class ReplyWriter
{
    /// <summary>
    /// A live message for a subscriber: <c>MSG &lt;topic&gt; &lt;offset&gt; &lt;hybrid-ts&gt; &lt;producer-ts&gt; &lt;payload&gt;</c>,
    /// or <c>MSGB … &lt;length&gt;</c> then the payload bytes and CR LF when the payload is not line-safe or
    /// the subscriber asked for <see cref="DeliveryFormat.Binary"/>.
    /// </summary>
    public static void WriteMessage(IBufferWriter<byte> output, in DeliveredMessage message, DeliveryFormat format = DeliveryFormat.Auto) =>
        WriteDelivered(output, "MSG"u8, "MSGB"u8, message, format);

    /// <summary>One message of a HISTORY reply: like MSG, with <c>HISTORY</c> / <c>HISTORYB</c> as the first word (the seed shape).</summary>
    public static void WriteHistoryMessage(IBufferWriter<byte> output, in DeliveredMessage message, DeliveryFormat format = DeliveryFormat.Auto) =>
        WriteDelivered(output, "HISTORY"u8, "HISTORYB"u8, message, format);

    /// <summary>
    /// The last line of every HISTORY reply: <c>HISTORY &lt;topic&gt; END &lt;count&gt; &lt;next-offset&gt;</c>, where
    /// next-offset is where to continue with <c>from=</c> (one past the last message returned, or past the scanned range).
    /// </summary>
    public static void WriteHistoryEnd(IBufferWriter<byte> output, string topic, int count, long nextOffset)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentException.ThrowIfNullOrEmpty(topic);
        output.Write("HISTORY "u8);
        output.WriteText(topic);
        output.Write(" END "u8);
        output.WriteNumber(count);
        output.Write(" "u8);
        output.WriteNumber(nextOffset);
        output.WriteLineEnd();
    }

    private static void WriteDelivered(
        IBufferWriter<byte> output,
        ReadOnlySpan<byte> textVerb,
        ReadOnlySpan<byte> binaryVerb,
        in DeliveredMessage message,
        DeliveryFormat format)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentException.ThrowIfNullOrEmpty(message.Topic);
        var payload = message.Payload.Span;
        var binary = format == DeliveryFormat.Binary || !PayloadText.IsLineSafe(payload);
        output.Write(binary ? binaryVerb : textVerb);
        output.Write(" "u8);
        output.WriteText(message.Topic);
        output.Write(" "u8);
        output.WriteNumber(message.Offset);
        output.Write(" "u8);
        output.WriteNumber(message.HybridUnixMs);
        output.Write("."u8);
        output.WriteNumber(message.HybridLogical);
        output.Write(" "u8);
        if (message.ProducerTimeUnixMs is { } producerTime)
        {
            output.WriteNumber(producerTime);
        }
        else
        {
            output.Write("-"u8);
        }

        output.Write(" "u8);
        if (binary)
        {
            output.WriteNumber(payload.Length);
            output.WriteLineEnd();
        }

        output.Write(payload);
        output.WriteLineEnd();
    }
}
