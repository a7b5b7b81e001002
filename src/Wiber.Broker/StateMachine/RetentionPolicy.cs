namespace Wiber.Broker.StateMachine;

/// <summary>
/// How much of a topic is kept. Each limit of 0 means unlimited. Age is measured on leader hybrid
/// timestamps (physical part) against the newest timestamp the state machine has applied, never a local
/// clock. The newest message of a topic is never evicted, so a publish can always be read back once;
/// a topic can therefore exceed <see cref="MaxBytes"/> by at most one message.
/// </summary>
public readonly record struct RetentionPolicy(long MaxAgeMs, long MaxBytes, long MaxMessages)
{
    /// <summary>Keep everything (only for topics whose producers are otherwise bounded).</summary>
    public static RetentionPolicy Unlimited => default;

    public bool IsValid => MaxAgeMs >= 0 && MaxBytes >= 0 && MaxMessages >= 0;

    public override string ToString() =>
        $"age={Describe(MaxAgeMs, "ms")} bytes={Describe(MaxBytes, "")} messages={Describe(MaxMessages, "")}";

    private static string Describe(long limit, string unit) => limit == 0 ? "unlimited" : $"{limit}{unit}";
}
