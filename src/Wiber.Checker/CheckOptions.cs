namespace Wiber.Checker;

/// <summary>Knobs of a check.</summary>
public sealed record CheckOptions
{
    /// <summary>The default <see cref="RecoveryLimitMs"/>: DESIGN §10 asks for progress "within seconds of healing".</summary>
    public const long DefaultRecoveryLimitMs = 10_000;

    public static CheckOptions Default { get; } = new();

    /// <summary>After each heal, something new must be committed within this many milliseconds.</summary>
    public long RecoveryLimitMs { get; init; } = DefaultRecoveryLimitMs;
}
