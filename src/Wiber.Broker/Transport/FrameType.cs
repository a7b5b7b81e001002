namespace Wiber.Broker.Transport;

/// <summary>The byte after the length prefix of every frame.</summary>
internal enum FrameType : byte
{
    /// <summary>Dialer → listener, first frame on a connection: who I am (see <see cref="Handshake"/>).</summary>
    Hello = 1,

    /// <summary>Listener → dialer: accepted; carries the listener's own identity so the dialer can check it too.</summary>
    HelloAccepted = 2,

    /// <summary>Listener → dialer, just before closing: why the handshake was refused (UTF-8 text).</summary>
    HelloRejected = 3,

    /// <summary>Dialer → listener: one encoded Raft message (see <see cref="RaftMessageCodec"/>).</summary>
    Raft = 4,

    /// <summary>
    /// Listener → dialer, every keepalive interval: how many bytes the listener has received on this connection.
    /// Lets the dialer notice a silent drop in either direction (see <see cref="LinkLiveness"/>).
    /// </summary>
    Keepalive = 5,
}
