using System.Diagnostics;
using System.Globalization;
using Wiber.Client.Internal;

namespace Wiber.Client;

public sealed partial class WiberClient
{
    /// <summary>
    /// Reads committed messages (HISTORY, always in binary form so any payload round-trips). Retried on
    /// failover until the deadline. Page with <see cref="HistoryQuery.Range"/> from <see cref="HistoryPage.NextOffset"/>.
    /// </summary>
    public Task<HistoryPage> HistoryAsync(string topic, HistoryQuery query, bool linearizable = false, CancellationToken cancellationToken = default)
    {
        Wire.CheckName(topic, nameof(topic));
        ArgumentNullException.ThrowIfNull(query);
        var request = Wire.History(topic, query, linearizable);
        var end = $"HISTORY {topic} END ";
        return RetryAsync(
            async (connection, ct) =>
            {
                var frames = await connection.RequestLinesAsync(request, f => f.Line.StartsWith(end, StringComparison.Ordinal), _options.RequestTimeout, ct).ConfigureAwait(false);
                var last = ThrowIfError(frames[^1]);
                var tail = last.Line[end.Length..].Split(' ');
                if (tail.Length != 2 || !long.TryParse(tail[1], NumberStyles.None, CultureInfo.InvariantCulture, out var next))
                {
                    throw new WiberException($"malformed HISTORY end line '{last.Line}'");
                }

                var messages = new List<ReceivedMessage>(frames.Count - 1);
                for (var i = 0; i < frames.Count - 1; i++)
                {
                    messages.Add(frames[i].ToMessage());
                }

                // Continue after the last message returned; the node's END value is the topic's next offset,
                // which is only the right continuation when the page reached the end.
                return new HistoryPage(messages, messages.Count > 0 ? messages[^1].Offset + 1 : next);
            },
            cancellationToken);
    }

    /// <summary>Records that <paramref name="group"/> processed everything in the topic up to and including <paramref name="offset"/>.</summary>
    public Task AckAsync(string group, string topic, long offset, CancellationToken cancellationToken = default)
    {
        Wire.CheckName(group, nameof(group));
        Wire.CheckName(topic, nameof(topic));
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        var request = Wire.Line(string.Create(CultureInfo.InvariantCulture, $"ACK {group} {topic} {offset}"));
        return RetryAsync(
            async (connection, ct) =>
            {
                var reply = ThrowIfError(await connection.RequestLineAsync(request, _options.RequestTimeout, ct).ConfigureAwait(false));
                return reply.Line.EndsWith(" acked", StringComparison.Ordinal) ? true : throw new WiberException($"unexpected ACK reply '{reply.Line}'");
            },
            cancellationToken);
    }

    /// <summary>Every topic with its next offset, retention and description.</summary>
    public Task<IReadOnlyList<TopicInfo>> TopicsAsync(CancellationToken cancellationToken = default) =>
        RetryAsync<IReadOnlyList<TopicInfo>>(
            async (connection, ct) =>
            {
                var frames = await connection.RequestLinesAsync(Wire.Line("TOPICS"), f => f.Line.StartsWith("TOPICS END", StringComparison.Ordinal), _options.RequestTimeout, ct).ConfigureAwait(false);
                ThrowIfError(frames[^1]);
                var topics = new List<TopicInfo>();
                foreach (var frame in frames.Take(frames.Count - 1))
                {
                    var parts = frame.Line.Split(' ', 5);
                    if (parts.Length < 4 || parts[0] != "TOPIC" || !long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var next))
                    {
                        throw new WiberException($"malformed TOPIC line '{frame.Line}'");
                    }

                    topics.Add(new TopicInfo(parts[1], next, parts[3], parts.Length == 5 ? parts[4] : null));
                }

                return topics;
            },
            cancellationToken);

    /// <summary>
    /// Creates a topic; true when created, false when it already existed with the same settings.
    /// <paramref name="retention"/> is <c>forever</c>, a message count or an age (<c>30s</c>, <c>7d</c>).
    /// </summary>
    public Task<bool> CreateTopicAsync(string topic, string? retention = null, string? description = null, CancellationToken cancellationToken = default)
    {
        Wire.CheckName(topic, nameof(topic));
        if (retention is not null)
        {
            Wire.CheckWord(retention, nameof(retention));
        }

        Wire.CheckFreeText(description, nameof(description));
        var text = $"CREATE {topic}{(retention is null ? "" : " retention=" + retention)}{(string.IsNullOrEmpty(description) ? "" : (NeedsSeparator(description) ? " -- " : " ") + description)}";
        var request = Wire.Line(text);
        return RetryAsync(
            async (connection, ct) =>
            {
                var reply = ThrowIfError(await connection.RequestLineAsync(request, _options.RequestTimeout, ct).ConfigureAwait(false));
                return reply.Line.EndsWith(" created", StringComparison.Ordinal) || (reply.Line.EndsWith(" exists", StringComparison.Ordinal)
                    ? false
                    : throw new WiberException($"unexpected CREATE reply '{reply.Line}'"));
            },
            cancellationToken);
    }

    /// <summary>
    /// Deletes a topic with its messages, de-duplication memory and group offsets. A missing topic throws
    /// <see cref="WiberServerException"/> with code <c>UNKNOWN_TOPIC</c>. A later publish to the name starts a
    /// new topic at offset 0.
    /// </summary>
    public Task DeleteTopicAsync(string topic, CancellationToken cancellationToken = default)
    {
        Wire.CheckName(topic, nameof(topic));
        var request = Wire.Line("DELETE " + topic);
        return RetryAsync(
            async (connection, ct) =>
            {
                var reply = ThrowIfError(await connection.RequestLineAsync(request, _options.RequestTimeout, ct).ConfigureAwait(false));
                return reply.Line.EndsWith(" deleted", StringComparison.Ordinal)
                    ? true
                    : throw new WiberException($"unexpected DELETE reply '{reply.Line}'");
            },
            cancellationToken);
    }

    /// <summary>A description whose first word would read as an option or as <c>--</c> itself.</summary>
    private static bool NeedsSeparator(string description)
    {
        var first = description.Split(' ', 2)[0];
        return first.StartsWith("retention=", StringComparison.OrdinalIgnoreCase) || (first == "--" && description.Contains(' ', StringComparison.Ordinal));
    }

    /// <summary>The STATUS of one node (any server, not necessarily in <see cref="WiberClientOptions.Servers"/>).</summary>
    public async Task<NodeStatus> StatusAsync(string server, CancellationToken cancellationToken = default)
    {
        var address = ServerAddress.Parse(server, nameof(server));
        await using var connection = await ConnectOnceAsync(address, cancellationToken).ConfigureAwait(false);
        var reply = await RequestOnceAsync(connection, "STATUS", cancellationToken).ConfigureAwait(false);
        return StatusParser.Parse(reply);
    }

    /// <summary>The round trip of PING → PONG to one node (the connection time is not included).</summary>
    public async Task<TimeSpan> PingAsync(string server, CancellationToken cancellationToken = default)
    {
        var address = ServerAddress.Parse(server, nameof(server));
        await using var connection = await ConnectOnceAsync(address, cancellationToken).ConfigureAwait(false);
        var started = Stopwatch.GetTimestamp();
        var reply = ThrowIfError(await RequestOnceAsync(connection, "PING wiber-client", cancellationToken).ConfigureAwait(false));
        var elapsed = Stopwatch.GetElapsedTime(started);
        return reply.Line == "PONG wiber-client" ? elapsed : throw new WiberException($"unexpected PING reply '{reply.Line}'");
    }

    private async Task<Connection> ConnectOnceAsync(ServerAddress address, CancellationToken cancellationToken)
    {
        try
        {
            return await Connection.ConnectAsync(address, _options.ConnectTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch (ConnectionLostException ex)
        {
            throw new WiberUnavailableException(ex.Message, ex);
        }
    }

    private async Task<Frame> RequestOnceAsync(Connection connection, string line, CancellationToken cancellationToken)
    {
        try
        {
            return await connection.RequestLineAsync(Wire.Line(line), _options.RequestTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch (ConnectionLostException ex)
        {
            throw new WiberUnavailableException(ex.Message, ex);
        }
    }
}
