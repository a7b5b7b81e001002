using System.Text.Json.Serialization;

namespace Wiber.Checker;

/// <summary>What the publisher learned about one publish attempt.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<PublishOutcome>))]
public enum PublishOutcome
{
    /// <summary>Acknowledged at an offset: must be in the log, exactly there, exactly once.</summary>
    [JsonStringEnumMemberName("ok")]
    Ok,

    /// <summary>Definitely not written (the broker refused it before replicating).</summary>
    [JsonStringEnumMemberName("failed")]
    Failed,

    /// <summary>In doubt (timeout, connection cut): may be in the log, at most once.</summary>
    [JsonStringEnumMemberName("unknown")]
    Unknown,
}

/// <summary>
/// One publish attempt. <paramref name="Id"/> is the idempotency id of the logical publish and also the
/// payload a reader sees; a retry of the same logical publish is another record with the same id.
/// <paramref name="Offset"/> is required for <see cref="PublishOutcome.Ok"/> and ignored otherwise.
/// </summary>
public sealed record PublishRecord(
    string Process,
    string Topic,
    string Id,
    long InvokeAtMs,
    long CompleteAtMs,
    PublishOutcome Outcome,
    long? Offset = null,
    string? Error = null) : HistoryRecord
{
    internal override long TimeMs => CompleteAtMs;

    internal override string? Validate()
    {
        if (Outcome == PublishOutcome.Ok && Offset is null)
        {
            return "an ok publish needs its acknowledged offset";
        }

        if (Offset < 0)
        {
            return "offset must not be negative";
        }

        return CompleteAtMs < InvokeAtMs ? "complete_at_ms is before invoke_at_ms" : null;
    }
}
