namespace Wiber.Broker.Protocol;

/// <summary>
/// A request the reader could not accept. When <see cref="MustClose"/> is set the reader can no longer
/// find where the next command starts (a binary length it cannot trust), so the session must send the
/// error and close the connection; otherwise the connection stays usable.
/// </summary>
public sealed record ProtocolError(ErrorCode Code, string Message, bool MustClose = false);
