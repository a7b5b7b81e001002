using System.Diagnostics;
using System.Globalization;
using System.Text;
using Wiber.Client.Internal;

namespace Wiber.Client;

public sealed partial class WiberClient
{
    /// <summary>Publishes UTF-8 text; see <see cref="PublishAsync(string, ReadOnlyMemory{byte}, string?, CancellationToken)"/>.</summary>
    public Task<PublishResult> PublishAsync(string topic, string text, string? messageId = null, CancellationToken cancellationToken = default) =>
        PublishAsync(topic, Encoding.UTF8.GetBytes(text ?? throw new ArgumentNullException(nameof(text))), messageId, cancellationToken);

    /// <summary>
    /// Publishes one message to the leader, idempotently: every attempt carries the same id (generated
    /// when <paramref name="messageId"/> is null), and attempts repeat across reconnects and failover with
    /// exponential back-off and jitter until the failover deadline. <see cref="PublishOutcome.Ok"/> only on
    /// <c>OK &lt;topic&gt; &lt;offset&gt;</c>; <see cref="PublishOutcome.Failed"/> only when no attempt can have
    /// been written; otherwise <see cref="PublishOutcome.Unknown"/>. At most
    /// <see cref="WiberClientOptions.MaxInFlight"/> publishes run at once; more callers wait.
    /// </summary>
    public async Task<PublishResult> PublishAsync(string topic, ReadOnlyMemory<byte> payload, string? messageId = null, CancellationToken cancellationToken = default)
    {
        Wire.CheckName(topic, nameof(topic));
        var id = messageId ?? NewMessageId();
        Wire.CheckMessageId(id, nameof(messageId));
        var request = Wire.Publish(topic, payload.Span, id);
        var started = Stopwatch.GetTimestamp();

        await _inFlight.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var maybeWritten = false;
            string? lastError = null;
            for (var attempt = 1; ; attempt++)
            {
                var remaining = _options.FailoverDeadline - Stopwatch.GetElapsedTime(started);
                Connection? connection = null;
                try
                {
                    connection = await GetLeaderAsync(cancellationToken).ConfigureAwait(false);
                    var wait = remaining > _options.RequestTimeout ? _options.RequestTimeout : remaining > TimeSpan.FromMilliseconds(100) ? remaining : TimeSpan.FromMilliseconds(100);
                    var reply = await connection.RequestLineAsync(request, wait, cancellationToken).ConfigureAwait(false);
                    if (reply.IsError)
                    {
                        var (code, text) = reply.Error();
                        lastError = reply.Line;
                        switch (code)
                        {
                            case "NOT_LEADER":
                                Retire(connection, LeaderFromError(text));
                                break;
                            case "NO_LEADER":
                                // Definitely not written ("no leader known" or "leadership changed and the message was not written").
                                Retire(connection);
                                break;
                            case "BAD_ARGUMENT" or "BAD_COMMAND" or "PAYLOAD_TOO_LARGE" or "LINE_TOO_LONG" or "UNKNOWN_TOPIC" or "TOPIC_EXISTS":
                                return new PublishResult(PublishOutcome.Failed, topic, null, false, id, reply.Line) { Attempts = attempt };
                            default:
                                // TIMEOUT, SHUTTING_DOWN, INTERNAL or anything new: the outcome is unknown.
                                maybeWritten = true;
                                Retire(connection);
                                break;
                        }
                    }
                    else if (TryParsePublished(reply.Line, topic, out var offset, out var duplicate))
                    {
                        return new PublishResult(PublishOutcome.Ok, topic, offset, duplicate, id, null) { Attempts = attempt };
                    }
                    else
                    {
                        maybeWritten = true;
                        lastError = "unexpected reply '" + Frame.Truncate(reply.Line) + "'";
                        connection.Kill(lastError);
                    }
                }
                catch (ConnectionLostExceptionBase ex)
                {
                    lastError = ex.Message;
                }
                catch (ConnectionLostException ex)
                {
                    maybeWritten |= ex.MaybeDelivered;
                    lastError = ex.Message;
                    if (connection is not null)
                    {
                        Retire(connection);
                    }
                }

                remaining = _options.FailoverDeadline - Stopwatch.GetElapsedTime(started);
                if (remaining <= TimeSpan.Zero)
                {
                    return maybeWritten
                        ? new PublishResult(PublishOutcome.Unknown, topic, null, false, id, $"failover deadline passed after an unanswered attempt; last error: {lastError}") { Attempts = attempt }
                        : new PublishResult(PublishOutcome.Failed, topic, null, false, id, $"not written: no attempt reached a leader before the failover deadline; last error: {lastError}") { Attempts = attempt };
                }

                await Task.Delay(Backoff(attempt, remaining), cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            _inFlight.Release();
        }
    }

    /// <summary><c>OK &lt;topic&gt; &lt;offset&gt;</c> or <c>OK &lt;topic&gt; &lt;offset&gt; duplicate</c>, for this topic.</summary>
    internal static bool TryParsePublished(string line, string topic, out long offset, out bool duplicate)
    {
        offset = -1;
        duplicate = false;
        var parts = line.Split(' ');
        if (parts.Length is < 3 or > 4 || parts[0] != "OK" || parts[1] != topic
            || !long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out offset))
        {
            return false;
        }

        if (parts.Length == 4)
        {
            if (parts[3] != "duplicate")
            {
                return false;
            }

            duplicate = true;
        }

        return true;
    }
}
