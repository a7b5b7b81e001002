namespace Wiber.Broker.Transport;

/// <summary>The other end broke the transport protocol; the connection is closed and, for a dialer, retried.</summary>
internal sealed class PeerProtocolException(string message) : Exception(message);
