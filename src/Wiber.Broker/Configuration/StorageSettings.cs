using Wiber.Storage;

namespace Wiber.Broker.Configuration;

/// <summary>The <c>storage</c> section.</summary>
public sealed record StorageSettings
{
    /// <summary><c>always</c> (default, group commit), <c>interval:&lt;ms&gt;</c>, or <c>never</c> (lab speed runs only).</summary>
    public FsyncPolicy Fsync { get; init; } = FsyncPolicy.Always;

    /// <summary>A log segment is closed and a new one started at this size.</summary>
    public long SegmentBytes { get; init; } = 64L << 20;
}
