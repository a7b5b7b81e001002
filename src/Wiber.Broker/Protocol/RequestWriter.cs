using System.Buffers;
using System.Text;

namespace Wiber.Broker.Protocol;

/// <summary>
/// Formats requests the way a client sends them (for the CLI, the lab and tests). It writes the shortest
/// form that parses back to the same request: seed forms when they suffice, <c>--</c> only when the
/// message would otherwise read as an option, and PUBB when the payload is not line-safe.
/// </summary>
public static class RequestWriter
{
    public static void Write(IBufferWriter<byte> output, Request request)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(request);
        switch (request)
        {
            case PingRequest ping:
                output.Write("PING"u8);
                WriteFreeText(output, ping.Echo);
                break;
            case PublishRequest publish:
                WritePublish(output, publish);
                return;
            case SubscribeRequest subscribe:
                WriteSubscribe(output, subscribe);
                break;
            case UnsubscribeRequest unsubscribe:
                output.Write("UNSUB "u8);
                output.WriteText(unsubscribe.Topic);
                break;
            case HistoryRequest history:
                WriteHistory(output, history);
                break;
            case AckRequest ack:
                output.Write("ACK "u8);
                output.WriteText(ack.Group);
                output.Write(" "u8);
                output.WriteText(ack.Topic);
                output.Write(" "u8);
                output.WriteNumber(ack.Offset);
                break;
            case StatusRequest:
                output.Write("STATUS"u8);
                break;
            case TopicsRequest:
                output.Write("TOPICS"u8);
                break;
            case CreateTopicRequest create:
                output.Write("CREATE "u8);
                output.WriteText(create.Topic);
                if (!create.Retention.IsForever)
                {
                    output.Write(" retention="u8);
                    output.WriteRetention(create.Retention);
                }

                WriteFreeText(output, create.Description, create.Description is { } d && NeedsSeparator(Encoding.UTF8.GetBytes(d), isCreate: true));
                break;
            case QuitRequest:
                output.Write("QUIT"u8);
                break;
            default:
                throw new ArgumentException($"unknown request type {request.GetType().Name}", nameof(request));
        }

        output.WriteLineEnd();
    }

    private static void WritePublish(IBufferWriter<byte> output, PublishRequest publish)
    {
        var payload = publish.Payload.Span;
        var binary = !PayloadText.IsLineSafe(payload);
        output.Write(binary ? "PUBB "u8 : "PUB "u8);
        output.WriteText(publish.Topic);
        if (binary)
        {
            output.Write(" "u8);
            output.WriteNumber(payload.Length);
        }

        if (publish.MessageId is { } id)
        {
            output.Write(" id="u8);
            output.WriteText(id);
        }

        if (publish.ProducerTimeUnixMs is { } time)
        {
            output.Write(" ts="u8);
            output.WriteNumber(time);
        }

        if (publish.Redirect)
        {
            output.Write(" redirect=1"u8);
        }

        if (binary)
        {
            output.WriteLineEnd();
        }
        else
        {
            output.Write(NeedsSeparator(payload, isCreate: false) ? " -- "u8 : " "u8);
        }

        output.Write(payload);
        output.WriteLineEnd();
    }

    private static void WriteSubscribe(IBufferWriter<byte> output, SubscribeRequest subscribe)
    {
        output.Write("SUB "u8);
        output.WriteText(subscribe.Topic);
        switch (subscribe.Start)
        {
            case SubscribeStart.NewOnly:
                output.Write(" from=new"u8);
                break;
            case SubscribeStart.AtOffset at:
                output.Write(" from="u8);
                output.WriteNumber(at.Offset);
                break;
            case SubscribeStart.LastMessages last:
                output.Write(" last="u8);
                output.WriteNumber(last.Count);
                break;
        }

        if (subscribe.Group is { } group)
        {
            output.Write(" group="u8);
            output.WriteText(group);
        }

        WriteFormat(output, subscribe.Format);
    }

    private static void WriteHistory(IBufferWriter<byte> output, HistoryRequest history)
    {
        output.Write("HISTORY "u8);
        output.WriteText(history.Topic);
        switch (history.Selection)
        {
            case HistorySelection.Last last:
                output.Write(" "u8);
                output.WriteNumber(last.Count);
                break;
            case HistorySelection.Range range:
                output.Write(" from="u8);
                output.WriteNumber(range.From);
                output.Write(" limit="u8);
                output.WriteNumber(range.Limit);
                break;
            case HistorySelection.TimeWindow window:
                WriteOptionalNumber(output, " since="u8, window.SinceUnixMs);
                WriteOptionalNumber(output, " until="u8, window.UntilUnixMs);
                output.Write(" limit="u8);
                output.WriteNumber(window.Limit);
                break;
        }

        if (history.Linearizable)
        {
            output.Write(" linearizable"u8);
        }

        WriteFormat(output, history.Format);
    }

    private static void WriteOptionalNumber(IBufferWriter<byte> output, ReadOnlySpan<byte> prefix, long? value)
    {
        if (value is { } number)
        {
            output.Write(prefix);
            output.WriteNumber(number);
        }
    }

    private static void WriteFormat(IBufferWriter<byte> output, DeliveryFormat format)
    {
        if (format == DeliveryFormat.Binary)
        {
            output.Write(" format=binary"u8);
        }
    }

    private static void WriteFreeText(IBufferWriter<byte> output, string? text, bool separator = false)
    {
        if (!string.IsNullOrEmpty(text))
        {
            output.Write(separator ? " -- "u8 : " "u8);
            output.WriteText(text);
        }
    }

    /// <summary>True when free text would be read as an option or as the <c>--</c> separator itself.</summary>
    private static bool NeedsSeparator(ReadOnlySpan<byte> text, bool isCreate)
    {
        var space = text.IndexOf((byte)' ');
        var first = space < 0 ? text : text[..space];
        if (first.SequenceEqual("--"u8))
        {
            return space >= 0;
        }

        var equals = first.IndexOf((byte)'=');
        if (equals < 0)
        {
            return false;
        }

        var key = first[..equals];
        return isCreate
            ? Ascii.EqualsIgnoreCase(key, "retention"u8)
            : Ascii.EqualsIgnoreCase(key, "id"u8) || Ascii.EqualsIgnoreCase(key, "ts"u8) || Ascii.EqualsIgnoreCase(key, "redirect"u8);
    }
}
