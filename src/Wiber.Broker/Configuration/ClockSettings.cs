namespace Wiber.Broker.Configuration;

/// <summary>The <c>clock</c> section.</summary>
public sealed record ClockSettings
{
    /// <summary>Allow the lab-only admin call that skews this node's wall clock. Never on in production.</summary>
    public bool AllowSkew { get; init; }
}
