using System.Text;

namespace Wiber.Broker.Protocol;

internal static partial class RequestParser
{
    private const string CreateUsage = "usage: CREATE <topic> [retention=forever|<count>|<n>s|<n>m|<n>h|<n>d] [--] [description]";

    /// <summary>
    /// <c>CREATE &lt;topic&gt; [retention=…] [--] [description]</c>. The description is free text like a PUB
    /// message, with the same <c>--</c> rule for one that starts with <c>retention=</c>.
    /// </summary>
    private static ProtocolReadResult ParseCreateTopic(ref LineTokenizer tokens, ProtocolLimits limits)
    {
        tokens.TryNext(out var topicToken);
        if (Arguments.Name(topicToken, limits.MaxTopicBytes, "topic", out var topic) is { } topicError)
        {
            return Bad($"{topicError}; {CreateUsage}");
        }

        TopicRetention? retention = null;
        while (true)
        {
            var token = tokens.PeekFreeToken();
            if (token.SequenceEqual("--"u8) && tokens.HasTextAfterFreeToken(token.Length))
            {
                tokens.SkipFreeToken(token.Length);
                break;
            }

            if (!Arguments.TrySplitOption(token, out var key, out var value) || !Is(key, "retention"u8))
            {
                break;
            }

            if (retention is not null)
            {
                return Bad("duplicate option retention");
            }

            if (Arguments.Retention(value, out var parsed) is { } error)
            {
                return Bad(error);
            }

            retention = parsed;
            tokens.SkipFreeToken(token.Length);
        }

        var description = tokens.FreeText();
        if (description.Length > limits.MaxDescriptionBytes)
        {
            return Bad($"description is longer than {limits.MaxDescriptionBytes} bytes");
        }

        return ProtocolReadResult.Of(new CreateTopicRequest(
            topic,
            retention ?? TopicRetention.Forever,
            description.IsEmpty ? null : Encoding.UTF8.GetString(description)));
    }
}
