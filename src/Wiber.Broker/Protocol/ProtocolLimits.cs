namespace Wiber.Broker.Protocol;

/// <summary>
/// Bounds on what one client connection may send. The reader never holds more than
/// <see cref="MaxUnconsumedBytes"/> of unparsed input, plus one binary payload of at most
/// <see cref="MaxPayloadBytes"/> that it is filling.
/// </summary>
public sealed record ProtocolLimits
{
    public static ProtocolLimits Default { get; } = new();

    /// <summary>Longest command line, without its line ending (a text PUB's message is on that line).</summary>
    public int MaxLineBytes { get; init; } = 64 * 1024;

    /// <summary>Largest message payload, text or binary.</summary>
    public int MaxPayloadBytes { get; init; } = 1024 * 1024;

    /// <summary>
    /// A PUBB declaring more than <see cref="MaxPayloadBytes"/> but at most this many bytes is refused
    /// and its payload skipped, keeping the connection; above this the connection is closed instead,
    /// so a bogus length cannot make the node read for ever.
    /// </summary>
    public long MaxSkippedPayloadBytes { get; init; } = 64L * 1024 * 1024;

    public int MaxTopicBytes { get; init; } = 128;

    public int MaxGroupBytes { get; init; } = 128;

    public int MaxMessageIdBytes { get; init; } = 64;

    public int MaxDescriptionBytes { get; init; } = 1024;

    /// <summary>Most messages one HISTORY may return, and its default limit for ranges and time windows.</summary>
    public int MaxHistoryCount { get; init; } = 1000;

    /// <summary>Messages returned by a bare <c>HISTORY &lt;topic&gt;</c>.</summary>
    public int DefaultHistoryCount { get; init; } = 10;

    /// <summary>The most input bytes the reader leaves unconsumed in the caller's buffer.</summary>
    public int MaxUnconsumedBytes => MaxLineBytes + 1;

    /// <summary>Throws when the limits cannot work together; called by <see cref="ProtocolReader"/>.</summary>
    public void Validate()
    {
        // Names must fit on a line with room for the command and options, or valid requests could not be sent.
        Require(MaxLineBytes is >= 64 and <= 16 * 1024 * 1024, nameof(MaxLineBytes), "must be between 64 and 16 MiB");
        Require(MaxPayloadBytes is >= 1 and <= 1024 * 1024 * 1024, nameof(MaxPayloadBytes), "must be between 1 and 1 GiB");
        Require(MaxSkippedPayloadBytes >= MaxPayloadBytes, nameof(MaxSkippedPayloadBytes), "must be at least MaxPayloadBytes");
        Require(MaxTopicBytes >= 1 && MaxTopicBytes < MaxLineBytes / 2, nameof(MaxTopicBytes), "must be at least 1 and under half the line limit");
        Require(MaxGroupBytes >= 1 && MaxGroupBytes < MaxLineBytes / 2, nameof(MaxGroupBytes), "must be at least 1 and under half the line limit");
        Require(MaxMessageIdBytes >= 1 && MaxMessageIdBytes < MaxLineBytes / 2, nameof(MaxMessageIdBytes), "must be at least 1 and under half the line limit");
        Require(MaxDescriptionBytes >= 0, nameof(MaxDescriptionBytes), "must not be negative");
        Require(MaxHistoryCount >= 1, nameof(MaxHistoryCount), "must be at least 1");
        Require(DefaultHistoryCount >= 1 && DefaultHistoryCount <= MaxHistoryCount, nameof(DefaultHistoryCount), "must be between 1 and MaxHistoryCount");
    }

    private static void Require(bool condition, string name, string problem)
    {
        if (!condition)
        {
            throw new ArgumentOutOfRangeException(name, $"ProtocolLimits.{name} {problem}.");
        }
    }
}
