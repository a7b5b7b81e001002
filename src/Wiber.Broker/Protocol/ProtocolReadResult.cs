namespace Wiber.Broker.Protocol;

public enum ProtocolReadStatus
{
    /// <summary>Everything usable was consumed; call again when more bytes arrive.</summary>
    NeedMoreData,

    /// <summary>A complete request was read.</summary>
    Request,

    /// <summary>The input was refused; reply with the error (and close if it says so), then keep reading.</summary>
    Error,
}

/// <summary>What one <see cref="ProtocolReader.Read"/> call produced.</summary>
public readonly record struct ProtocolReadResult
{
    private ProtocolReadResult(ProtocolReadStatus status, Request? request, ProtocolError? error)
    {
        Status = status;
        Request = request;
        Error = error;
    }

    public static ProtocolReadResult NeedMoreData { get; } = new(ProtocolReadStatus.NeedMoreData, null, null);

    public ProtocolReadStatus Status { get; }

    /// <summary>Set when <see cref="Status"/> is <see cref="ProtocolReadStatus.Request"/>.</summary>
    public Request? Request { get; }

    /// <summary>Set when <see cref="Status"/> is <see cref="ProtocolReadStatus.Error"/>.</summary>
    public ProtocolError? Error { get; }

    public static ProtocolReadResult Of(Request request) => new(ProtocolReadStatus.Request, request, null);

    public static ProtocolReadResult Of(ProtocolError error) => new(ProtocolReadStatus.Error, null, error);

    internal static ProtocolReadResult Fail(ErrorCode code, string message, bool mustClose = false) =>
        Of(new ProtocolError(code, message, mustClose));
}
