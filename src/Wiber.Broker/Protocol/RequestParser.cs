using System.Text;

namespace Wiber.Broker.Protocol;

/// <summary>
/// Turns one complete command line (valid text, line ending removed) into a request. One partial file
/// per command family; none of them throws on client input.
/// </summary>
internal static partial class RequestParser
{
    /// <summary>
    /// Parses a line. For PUBB it also returns the payload the reader must read (or skip) next;
    /// the result is then an error to report or a placeholder the reader ignores.
    /// </summary>
    public static ProtocolReadResult ParseLine(ReadOnlySpan<byte> line, ProtocolLimits limits, out PendingPayload? pending)
    {
        pending = null;
        var tokens = new LineTokenizer(line);
        tokens.TryNext(out var command);
        return command switch
        {
            _ when Is(command, "PING"u8) => ParsePing(ref tokens),
            _ when Is(command, "PUB"u8) => ParsePublish(ref tokens, limits),
            _ when Is(command, "PUBB"u8) => ParseBinaryPublishHeader(ref tokens, limits, out pending),
            _ when Is(command, "SUB"u8) => ParseSubscribe(ref tokens, limits),
            _ when Is(command, "UNSUB"u8) => ParseUnsubscribe(ref tokens, limits),
            _ when Is(command, "HISTORY"u8) => ParseHistory(ref tokens, limits),
            _ when Is(command, "ACK"u8) => ParseAck(ref tokens, limits),
            _ when Is(command, "STATUS"u8) => NoArguments(ref tokens, "STATUS", new StatusRequest()),
            _ when Is(command, "TOPICS"u8) => NoArguments(ref tokens, "TOPICS", new TopicsRequest()),
            _ when Is(command, "CREATE"u8) => ParseCreateTopic(ref tokens, limits),
            _ when Is(command, "DELETE"u8) => ParseDeleteTopic(ref tokens, limits),
            _ when Is(command, "QUIT"u8) => NoArguments(ref tokens, "QUIT", new QuitRequest()),
            _ => ProtocolReadResult.Fail(
                ErrorCode.BadCommand,
                $"unknown command '{Arguments.Show(command)}'; commands: PING PUB PUBB SUB UNSUB HISTORY ACK STATUS TOPICS CREATE DELETE QUIT"),
        };
    }

    private static bool Is(ReadOnlySpan<byte> token, ReadOnlySpan<byte> command) => Ascii.EqualsIgnoreCase(token, command);

    private static ProtocolReadResult Bad(string message) => ProtocolReadResult.Fail(ErrorCode.BadArgument, message);

    private static ProtocolReadResult ParsePing(ref LineTokenizer tokens)
    {
        var echo = tokens.FreeText();
        return ProtocolReadResult.Of(new PingRequest(echo.IsEmpty ? null : Encoding.UTF8.GetString(echo)));
    }

    private static ProtocolReadResult NoArguments(ref LineTokenizer tokens, string command, Request request) =>
        tokens.AtEnd ? ProtocolReadResult.Of(request) : Bad($"{command} takes no arguments");

    private static ProtocolReadResult ParseUnsubscribe(ref LineTokenizer tokens, ProtocolLimits limits)
    {
        tokens.TryNext(out var token);
        if (Arguments.Name(token, limits.MaxTopicBytes, "topic", out var topic) is { } error)
        {
            return Bad($"{error}; usage: UNSUB <topic>");
        }

        return tokens.AtEnd ? ProtocolReadResult.Of(new UnsubscribeRequest(topic)) : Bad("usage: UNSUB <topic>");
    }

    private static ProtocolReadResult ParseDeleteTopic(ref LineTokenizer tokens, ProtocolLimits limits)
    {
        tokens.TryNext(out var token);
        if (Arguments.Name(token, limits.MaxTopicBytes, "topic", out var topic) is { } error)
        {
            return Bad($"{error}; usage: DELETE <topic>");
        }

        return tokens.AtEnd ? ProtocolReadResult.Of(new DeleteTopicRequest(topic)) : Bad("usage: DELETE <topic>");
    }

    private static ProtocolReadResult ParseAck(ref LineTokenizer tokens, ProtocolLimits limits)
    {
        const string Usage = "; usage: ACK <group> <topic> <offset>";
        tokens.TryNext(out var groupToken);
        tokens.TryNext(out var topicToken);
        tokens.TryNext(out var offsetToken);
        var groupError = Arguments.Name(groupToken, limits.MaxGroupBytes, "group", out var group);
        var topicError = Arguments.Name(topicToken, limits.MaxTopicBytes, "topic", out var topic);
        var offsetError = Arguments.Number(offsetToken, "offset", out var offset);
        var error = groupError ?? topicError ?? offsetError ?? (tokens.AtEnd ? null : "too many arguments");
        return error is null ? ProtocolReadResult.Of(new AckRequest(group, topic, offset)) : Bad(error + Usage);
    }
}

/// <summary>A PUBB payload still to come: read it into <see cref="Request"/>, or skip it when the header was refused (null).</summary>
internal sealed record PendingPayload(long Length, PublishRequest? Request);
