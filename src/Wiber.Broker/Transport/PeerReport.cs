namespace Wiber.Broker.Transport;

/// <summary>What the Raft host should tell its node about a peer.</summary>
public enum PeerReportKind
{
    /// <summary>Messages to the peer were lost or cannot be sent: call <c>RaftNode.ReportUnreachable(peer)</c>.</summary>
    Unreachable,

    /// <summary>A snapshot message went out whole to the socket: call <c>RaftNode.ReportSnapshot(peer, true)</c>.</summary>
    SnapshotSent,

    /// <summary>A snapshot message was dropped: call <c>RaftNode.ReportSnapshot(peer, false)</c>.</summary>
    SnapshotFailed,
}

public readonly record struct PeerReport(ulong Peer, PeerReportKind Kind);
