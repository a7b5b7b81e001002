namespace Wiber.Broker.Configuration;

/// <summary>The <c>dedup</c> section: how long a publish's message id is remembered.</summary>
public sealed record DedupSettings
{
    /// <summary>At most this many ids are remembered (oldest forgotten first).</summary>
    public int WindowIds { get; init; } = 100_000;

    /// <summary>An id older than this is forgotten; a retry after that publishes again.</summary>
    public TimeSpan Window { get; init; } = TimeSpan.FromMinutes(10);
}
