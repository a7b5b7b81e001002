using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Wiber.Broker.Transport;

/// <summary>
/// The identity exchanged when a connection opens: <c>magic "WBRT" | version:u16 LE | node:varint |
/// clusterLen:u8 | cluster UTF-8</c>. The dialer sends it in a Hello; the listener answers with its own in a
/// HelloAccepted, so both ends know they reached the right node of the right cluster (in the lab a peer address
/// is a proxy, and a mis-wired proxy must not splice two clusters together).
/// </summary>
internal sealed record Handshake(ushort Version, string ClusterId, ulong NodeId)
{
    public const ushort CurrentVersion = 1;
    public const int MaxClusterIdBytes = 255;

    private static ReadOnlySpan<byte> Magic => "WBRT"u8;

    public static void Validate(string clusterId)
    {
        ArgumentException.ThrowIfNullOrEmpty(clusterId);
        if (Encoding.UTF8.GetByteCount(clusterId) > MaxClusterIdBytes)
        {
            throw new ArgumentException($"cluster id must be at most {MaxClusterIdBytes} UTF-8 bytes", nameof(clusterId));
        }
    }

    public byte[] Encode()
    {
        var writer = new ArrayBufferWriter<byte>(64);
        writer.Write(Magic);
        WireWriter.WriteUInt16(writer, Version);
        WireWriter.WriteVarint(writer, NodeId);
        var cluster = Encoding.UTF8.GetBytes(ClusterId);
        WireWriter.WriteByte(writer, (byte)cluster.Length);
        writer.Write(cluster);
        return writer.WrittenSpan.ToArray();
    }

    public static bool TryDecode(ReadOnlySequence<byte> payload, [NotNullWhen(true)] out Handshake? handshake, [NotNullWhen(false)] out string? error)
    {
        handshake = null;
        var reader = new WireReader(payload);
        Span<byte> magic = stackalloc byte[4];
        if (!reader.TryReadSpan(4, magic) || !magic.SequenceEqual(Magic))
        {
            error = "bad magic (not a Wiber peer)";
            return false;
        }
        if (!reader.TryReadUInt16(out var version) || !reader.TryReadVarint(out var nodeId) || !reader.TryReadByte(out var clusterLength))
        {
            error = "truncated handshake";
            return false;
        }
        Span<byte> cluster = stackalloc byte[MaxClusterIdBytes];
        if (!reader.TryReadSpan(clusterLength, cluster) || reader.Remaining != 0)
        {
            error = "malformed cluster id";
            return false;
        }
        handshake = new Handshake(version, Encoding.UTF8.GetString(cluster[..clusterLength]), nodeId);
        error = null;
        return true;
    }

    /// <summary>Why the node that sent this may not talk to us, or null when it may.</summary>
    public string? Refusal(string expectedCluster, Func<ulong, bool> isKnownNode)
    {
        if (Version != CurrentVersion)
        {
            return $"protocol version {Version}, expected {CurrentVersion}";
        }
        if (!string.Equals(ClusterId, expectedCluster, StringComparison.Ordinal))
        {
            return $"wrong cluster '{ClusterId}', expected '{expectedCluster}'";
        }
        return isKnownNode(NodeId) ? null : $"unknown node {NodeId}";
    }
}
