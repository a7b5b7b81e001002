namespace Wiber.Broker.Protocol;

internal static partial class RequestParser
{
    private const string HistoryUsage =
        "usage: HISTORY <topic> [<n>|last=<n>|from=<offset> [limit=<n>]|since=<time> [until=<time>] [limit=<n>]] [linearizable] [format=auto|binary]";

    /// <summary>
    /// <c>HISTORY &lt;topic&gt; …</c>. The seed form's bare number means <c>last=</c>. A selection is one of:
    /// last n; a range from an offset; a time window. Mixing them is refused rather than guessed at.
    /// </summary>
    private static ProtocolReadResult ParseHistory(ref LineTokenizer tokens, ProtocolLimits limits)
    {
        tokens.TryNext(out var topicToken);
        if (Arguments.Name(topicToken, limits.MaxTopicBytes, "topic", out var topic) is { } topicError)
        {
            return Bad($"{topicError}; {HistoryUsage}");
        }

        var options = new HistoryOptions();
        while (tokens.TryNext(out var token))
        {
            if (options.Apply(token, limits) is { } error)
            {
                return Bad(error);
            }
        }

        return options.ToRequest(topic, limits);
    }

    private sealed class HistoryOptions
    {
        private int? _last;
        private long? _from;
        private int? _limit;
        private long? _since;
        private long? _until;
        private bool _linearizable;
        private DeliveryFormat? _format;

        public string? Apply(ReadOnlySpan<byte> token, ProtocolLimits limits)
        {
            if (Is(token, "linearizable"u8))
            {
                _linearizable = true;
                return null;
            }

            if (!Arguments.TrySplitOption(token, out var key, out var value))
            {
                if (token.IndexOfAnyExceptInRange((byte)'0', (byte)'9') >= 0)
                {
                    return $"unexpected '{Arguments.Show(token)}'; {HistoryUsage}";
                }

                // The seed form: HISTORY <topic> <n>.
                key = "last"u8;
                value = token;
            }

            if (Is(key, "last"u8))
            {
                var error = Arguments.Count(value, "last", limits.MaxHistoryCount, out var count);
                return Once(ref _last, count, "last", error);
            }

            if (Is(key, "limit"u8))
            {
                var error = Arguments.Count(value, "limit", limits.MaxHistoryCount, out var count);
                return Once(ref _limit, count, "limit", error);
            }

            if (Is(key, "from"u8))
            {
                var error = Arguments.Number(value, "from", out var offset);
                return Once(ref _from, offset, "from", error);
            }

            if (Is(key, "since"u8))
            {
                var error = Arguments.Time(value, "since", out var time);
                return Once(ref _since, time, "since", error);
            }

            if (Is(key, "until"u8))
            {
                var error = Arguments.Time(value, "until", out var time);
                return Once(ref _until, time, "until", error);
            }

            if (Is(key, "format"u8))
            {
                var error = Arguments.Format(value, out var format);
                return Once(ref _format, format, "format", error);
            }

            return $"unknown option '{Arguments.Show(token)}'; {HistoryUsage}";
        }

        public ProtocolReadResult ToRequest(string topic, ProtocolLimits limits)
        {
            var window = _since is not null || _until is not null;
            HistorySelection selection;
            if (_last is { } last)
            {
                if (_from is not null || window || _limit is not null)
                {
                    return Bad("last= (or a bare count) cannot be combined with from=, since=, until= or limit=");
                }

                selection = new HistorySelection.Last(last);
            }
            else if (_from is { } from)
            {
                if (window)
                {
                    return Bad("from= cannot be combined with since= or until=");
                }

                selection = new HistorySelection.Range(from, _limit ?? limits.MaxHistoryCount);
            }
            else if (window)
            {
                if (_since >= _until)
                {
                    return Bad("since must be before until");
                }

                selection = new HistorySelection.TimeWindow(_since, _until, _limit ?? limits.MaxHistoryCount);
            }
            else if (_limit is not null)
            {
                return Bad("limit= needs from=, since= or until=");
            }
            else
            {
                selection = new HistorySelection.Last(limits.DefaultHistoryCount);
            }

            return ProtocolReadResult.Of(new HistoryRequest(topic, selection, _linearizable, _format ?? DeliveryFormat.Auto));
        }

        private static string? Once<T>(ref T? slot, T value, string key, string? error)
            where T : struct
        {
            if (error is not null)
            {
                return error;
            }

            if (slot is not null)
            {
                return $"duplicate option {key}";
            }

            slot = value;
            return null;
        }
    }
}
