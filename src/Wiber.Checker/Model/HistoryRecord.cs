using System.Text.Json.Serialization;

namespace Wiber.Checker;

/// <summary>
/// One line of a history file. The <c>type</c> discriminator picks the record kind; every time is Unix
/// milliseconds (<c>at_ms</c>, <c>…_at_ms</c>) as the lab saw it, so the checker never reads a clock of its own.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(PublishRecord), "publish")]
[JsonDerivedType(typeof(ReadRecord), "read")]
[JsonDerivedType(typeof(StatusRecord), "status")]
[JsonDerivedType(typeof(EventRecord), "event")]
public abstract record HistoryRecord
{
    /// <summary>The time that places this record on the timeline (internal: not part of the JSON).</summary>
    internal abstract long TimeMs { get; }

    /// <summary>Why the record cannot be checked, or null when it is well formed.</summary>
    internal abstract string? Validate();
}
