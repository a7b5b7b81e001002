using System.Text.Json.Serialization;

namespace Wiber.Checker;

/// <summary>Whether an anomaly makes the run invalid (error) or only weakens what it proves (warning).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<AnomalySeverity>))]
public enum AnomalySeverity
{
    [JsonStringEnumMemberName("error")]
    Error,

    [JsonStringEnumMemberName("warning")]
    Warning,
}

/// <summary>
/// Something the checker found. The JSON form is <c>{"kind": …, "severity": …, "at_ms": …, "message": …,
/// …kind-specific fields}</c>; kinds and field names are a contract (docs/checker.md).
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(LostAnomaly), AnomalyKinds.Lost)]
[JsonDerivedType(typeof(UnverifiedAnomaly), AnomalyKinds.Unverified)]
[JsonDerivedType(typeof(DuplicateAnomaly), AnomalyKinds.Duplicate)]
[JsonDerivedType(typeof(FailedWrittenAnomaly), AnomalyKinds.FailedWritten)]
[JsonDerivedType(typeof(UnexpectedValueAnomaly), AnomalyKinds.Unexpected)]
[JsonDerivedType(typeof(DivergenceAnomaly), AnomalyKinds.Divergence)]
[JsonDerivedType(typeof(GapAnomaly), AnomalyKinds.Gap)]
[JsonDerivedType(typeof(NonMonotonicAnomaly), AnomalyKinds.NonMonotonic)]
[JsonDerivedType(typeof(OffsetMismatchAnomaly), AnomalyKinds.OffsetMismatch)]
[JsonDerivedType(typeof(TwoLeadersAnomaly), AnomalyKinds.TwoLeaders)]
[JsonDerivedType(typeof(NoRecoveryAnomaly), AnomalyKinds.NoRecovery)]
[JsonDerivedType(typeof(RecoveryUnobservedAnomaly), AnomalyKinds.RecoveryUnobserved)]
public abstract record Anomaly
{
    private protected Anomaly(string kind, AnomalySeverity severity)
    {
        Kind = kind;
        Severity = severity;
    }

    /// <summary>One of <see cref="AnomalyKinds"/> (in JSON it is the <c>kind</c> discriminator).</summary>
    [JsonIgnore]
    public string Kind { get; }

    [JsonPropertyOrder(-3)]
    public AnomalySeverity Severity { get; }

    /// <summary>Where the timeline puts the marker: when the anomaly became visible.</summary>
    [JsonPropertyOrder(-2)]
    public long? AtMs => AtMsCore();

    /// <summary>One line for people, with the ids, offsets and nodes needed to start debugging.</summary>
    [JsonPropertyOrder(-1)]
    public string Message => MessageCore();

    // Non-virtual properties over virtual methods: attributes on an overridden property are not
    // inherited by System.Text.Json, and the common fields must come first in every anomaly's JSON.
    private protected abstract long? AtMsCore();

    private protected abstract string MessageCore();
}

/// <summary>The anomaly kinds, as they appear in JSON.</summary>
public static class AnomalyKinds
{
    public const string Lost = "lost";
    public const string Unverified = "unverified";
    public const string Duplicate = "duplicate";
    public const string FailedWritten = "failed-written";
    public const string Unexpected = "unexpected";
    public const string Divergence = "divergence";
    public const string Gap = "gap";
    public const string NonMonotonic = "non-monotonic";
    public const string OffsetMismatch = "offset-mismatch";
    public const string TwoLeaders = "two-leaders";
    public const string NoRecovery = "no-recovery";
    public const string RecoveryUnobserved = "recovery-unobserved";

    /// <summary>Every kind, in the order reports list them: data loss first, liveness last.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        Lost, Duplicate, FailedWritten, Divergence, OffsetMismatch, Gap, NonMonotonic, Unexpected,
        TwoLeaders, NoRecovery, Unverified, RecoveryUnobserved,
    ];
}
