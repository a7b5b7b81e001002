namespace Wiber.Lab.State;

/// <summary>Why a lab command was refused; the CLI maps each kind to an exit code.</summary>
public enum LabErrorKind
{
    /// <summary>The arguments make no sense for this lab (overlapping groups, a bad latency).</summary>
    Usage,

    /// <summary>No lab in the directory, or it is already down.</summary>
    NotRunning,

    /// <summary>A lab is already up in the directory.</summary>
    AlreadyRunning,

    /// <summary>A node id this lab does not have.</summary>
    UnknownNode,

    /// <summary>The lab directory was written by another version of Wiber.</summary>
    VersionMismatch,

    /// <summary>A port the lab needs is taken.</summary>
    PortInUse,

    /// <summary>A process, the proxy or a node failed.</summary>
    Failed,
}

public sealed class LabException : Exception
{
    public LabException(LabErrorKind kind, string message, Exception? inner = null)
        : base(message, inner) => Kind = kind;

    public LabException()
    {
    }

    public LabException(string message)
        : base(message)
    {
    }

    public LabException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public LabErrorKind Kind { get; } = LabErrorKind.Failed;
}
