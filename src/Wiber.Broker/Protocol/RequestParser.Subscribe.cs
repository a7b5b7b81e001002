namespace Wiber.Broker.Protocol;

internal static partial class RequestParser
{
    private const string SubscribeUsage = "usage: SUB <topic> [from=<offset>|from=new|last=<n>] [group=<name>] [format=auto|binary]";

    /// <summary><c>SUB &lt;topic&gt; [from=…|last=…] [group=…] [format=…]</c>; every option at most once.</summary>
    private static ProtocolReadResult ParseSubscribe(ref LineTokenizer tokens, ProtocolLimits limits)
    {
        tokens.TryNext(out var topicToken);
        if (Arguments.Name(topicToken, limits.MaxTopicBytes, "topic", out var topic) is { } topicError)
        {
            return Bad($"{topicError}; {SubscribeUsage}");
        }

        SubscribeStart? start = null;
        string? group = null;
        DeliveryFormat? format = null;
        while (tokens.TryNext(out var token))
        {
            if (!Arguments.TrySplitOption(token, out var key, out var value))
            {
                return Bad($"unexpected '{Arguments.Show(token)}'; {SubscribeUsage}");
            }

            string? error;
            if (Is(key, "from"u8) || Is(key, "last"u8))
            {
                error = start is not null ? "give one of from= and last=, once" : ParseStart(key, value, out start);
            }
            else if (Is(key, "group"u8))
            {
                var duplicate = group is not null;
                error = Arguments.Name(value, limits.MaxGroupBytes, "group", out var name);
                error = duplicate ? "duplicate option group" : error;
                group = name;
            }
            else if (Is(key, "format"u8))
            {
                var duplicate = format is not null;
                error = Arguments.Format(value, out var parsed);
                error = duplicate ? "duplicate option format" : error;
                format = parsed;
            }
            else
            {
                error = $"unknown option '{Arguments.Show(key)}'; {SubscribeUsage}";
            }

            if (error is not null)
            {
                return Bad(error);
            }
        }

        return ProtocolReadResult.Of(new SubscribeRequest(topic, start ?? SubscribeStart.Default, group, format ?? DeliveryFormat.Auto));
    }

    private static string? ParseStart(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value, out SubscribeStart? start)
    {
        start = null;
        if (Is(key, "from"u8) && Is(value, "new"u8))
        {
            start = SubscribeStart.New;
            return null;
        }

        var what = Is(key, "from"u8) ? "from" : "last";
        if (Arguments.Number(value, what, out var number) is { } error)
        {
            return what == "from" ? "from must be an offset or 'new'" : error;
        }

        start = what == "from" ? new SubscribeStart.AtOffset(number) : new SubscribeStart.LastMessages(number);
        return null;
    }
}
