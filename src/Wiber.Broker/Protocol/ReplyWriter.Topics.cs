using System.Buffers;

namespace Wiber.Broker.Protocol;

public static partial class ReplyWriter
{
    /// <summary><c>TOPIC &lt;name&gt; &lt;next-offset&gt; &lt;retention&gt; [description]</c>, one per topic.</summary>
    public static void WriteTopic(IBufferWriter<byte> output, in TopicInfo topic)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentException.ThrowIfNullOrEmpty(topic.Name);
        output.Write("TOPIC "u8);
        output.WriteText(topic.Name);
        output.Write(" "u8);
        output.WriteNumber(topic.NextOffset);
        output.Write(" "u8);
        output.WriteRetention(topic.Retention);
        if (!string.IsNullOrEmpty(topic.Description))
        {
            output.Write(" "u8);
            output.WriteSingleLine(topic.Description);
        }

        output.WriteLineEnd();
    }

    /// <summary>The last line of a TOPICS reply: <c>TOPICS END &lt;count&gt;</c>.</summary>
    public static void WriteTopicsEnd(IBufferWriter<byte> output, int count)
    {
        ArgumentNullException.ThrowIfNull(output);
        output.Write("TOPICS END "u8);
        output.WriteNumber(count);
        output.WriteLineEnd();
    }
}
