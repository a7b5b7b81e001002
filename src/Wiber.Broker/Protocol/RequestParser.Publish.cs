namespace Wiber.Broker.Protocol;

internal static partial class RequestParser
{
    private const string PublishUsage = "usage: PUB <topic> [id=<id>] [ts=<time>] [redirect=1] [--] <message>";
    private const string BinaryUsage = "usage: PUBB <topic> <length> [id=<id>] [ts=<time>] [redirect=1], then <length> bytes and a line ending";

    /// <summary>
    /// <c>PUB &lt;topic&gt; [options] [--] &lt;message&gt;</c>. Only the known keys (id, ts, redirect) are
    /// options, so an old client's message like <c>x=1</c> is still a message; <c>--</c> ends the options
    /// for a message that itself starts with <c>id=</c>, <c>ts=</c>, <c>redirect=</c> or <c>-- </c>.
    /// </summary>
    private static ProtocolReadResult ParsePublish(ref LineTokenizer tokens, ProtocolLimits limits)
    {
        tokens.TryNext(out var topicToken);
        if (Arguments.Name(topicToken, limits.MaxTopicBytes, "topic", out var topic) is { } topicError)
        {
            return Bad($"{topicError}; {PublishUsage}");
        }

        var options = new PublishOptions();
        while (true)
        {
            var token = tokens.PeekFreeToken();
            if (token.SequenceEqual("--"u8) && tokens.HasTextAfterFreeToken(token.Length))
            {
                tokens.SkipFreeToken(token.Length);
                break;
            }

            if (!IsPublishOption(token))
            {
                break;
            }

            if (options.Apply(token, limits) is { } optionError)
            {
                return Bad(optionError);
            }

            tokens.SkipFreeToken(token.Length);
        }

        var message = tokens.FreeText();
        if (message.IsEmpty)
        {
            return Bad($"missing message; {PublishUsage}");
        }

        if (message.Length > limits.MaxPayloadBytes)
        {
            return ProtocolReadResult.Fail(ErrorCode.PayloadTooLarge, $"message is larger than {limits.MaxPayloadBytes} bytes");
        }

        return ProtocolReadResult.Of(options.ToRequest(topic, message.ToArray()));
    }

    /// <summary>
    /// <c>PUBB &lt;topic&gt; &lt;length&gt; [options]</c>. Once the length is known, any other fault still
    /// skips the payload so the connection stays in step; without a trustworthy length it must close.
    /// </summary>
    private static ProtocolReadResult ParseBinaryPublishHeader(ref LineTokenizer tokens, ProtocolLimits limits, out PendingPayload? pending)
    {
        pending = null;
        tokens.TryNext(out var topicToken);
        tokens.TryNext(out var lengthToken);
        if (Arguments.Number(lengthToken, "length", out var length) is not null)
        {
            return ProtocolReadResult.Fail(ErrorCode.BadArgument, $"missing or invalid length, closing; {BinaryUsage}", mustClose: true);
        }

        if (length > limits.MaxSkippedPayloadBytes)
        {
            return ProtocolReadResult.Fail(ErrorCode.PayloadTooLarge, $"payload is larger than {limits.MaxPayloadBytes} bytes, closing", mustClose: true);
        }

        var result = ParseBinaryOptions(ref tokens, topicToken, length, limits);
        pending = new PendingPayload(length, result.Request as PublishRequest);
        return result;
    }

    private static ProtocolReadResult ParseBinaryOptions(ref LineTokenizer tokens, ReadOnlySpan<byte> topicToken, long length, ProtocolLimits limits)
    {
        if (Arguments.Name(topicToken, limits.MaxTopicBytes, "topic", out var topic) is { } topicError)
        {
            return Bad($"{topicError}; {BinaryUsage}");
        }

        var options = new PublishOptions();
        while (tokens.TryNext(out var token))
        {
            if (!IsPublishOption(token))
            {
                return Bad($"unknown option '{Arguments.Show(token)}'; {BinaryUsage}");
            }

            if (options.Apply(token, limits) is { } optionError)
            {
                return Bad(optionError);
            }
        }

        if (length > limits.MaxPayloadBytes)
        {
            return ProtocolReadResult.Fail(ErrorCode.PayloadTooLarge, $"payload is larger than {limits.MaxPayloadBytes} bytes; it will be skipped");
        }

        return ProtocolReadResult.Of(options.ToRequest(topic, ReadOnlyMemory<byte>.Empty));
    }

    private static bool IsPublishOption(ReadOnlySpan<byte> token) =>
        Arguments.TrySplitOption(token, out var key, out _)
        && (Is(key, "id"u8) || Is(key, "ts"u8) || Is(key, "redirect"u8));

    /// <summary>The options PUB and PUBB share; each may appear once.</summary>
    private sealed class PublishOptions
    {
        private string? _id;
        private long? _producerTime;
        private bool? _redirect;

        public string? Apply(ReadOnlySpan<byte> token, ProtocolLimits limits)
        {
            Arguments.TrySplitOption(token, out var key, out var value);
            if (Is(key, "id"u8))
            {
                if (_id is not null)
                {
                    return "duplicate option id";
                }

                var error = Arguments.MessageId(value, limits.MaxMessageIdBytes, out var id);
                _id = id;
                return error;
            }

            if (Is(key, "ts"u8))
            {
                if (_producerTime is not null)
                {
                    return "duplicate option ts";
                }

                var error = Arguments.Time(value, "ts", out var time);
                _producerTime = time;
                return error;
            }

            if (_redirect is not null)
            {
                return "duplicate option redirect";
            }

            var flagError = Arguments.Flag(value, "redirect", out var redirect);
            _redirect = redirect;
            return flagError;
        }

        public PublishRequest ToRequest(string topic, ReadOnlyMemory<byte> payload) =>
            new(topic, payload, _id, _producerTime, _redirect ?? false);
    }
}
