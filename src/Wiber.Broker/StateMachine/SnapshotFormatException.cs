namespace Wiber.Broker.StateMachine;

/// <summary>
/// A broker state snapshot that cannot be trusted: truncated, corrupted, of an unknown version, or
/// internally inconsistent. The host should refuse it (and fetch or rebuild another), never half-load it.
/// </summary>
public sealed class SnapshotFormatException : Exception
{
    public SnapshotFormatException()
    {
    }

    public SnapshotFormatException(string message)
        : base(message)
    {
    }

    public SnapshotFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
