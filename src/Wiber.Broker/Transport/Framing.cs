using System.Buffers;
using System.Buffers.Binary;

namespace Wiber.Broker.Transport;

/// <summary>What <see cref="Framing.TryReadFrame"/> found at the start of the buffer.</summary>
internal enum FrameStatus
{
    Complete,
    NeedMoreData,
    TooLarge,
    /// <summary>The connection closed cleanly between frames.</summary>
    EndOfStream,
    /// <summary>The connection closed in the middle of a frame.</summary>
    Truncated,
}

/// <summary>
/// Frames are <c>length:u32 LE | type:u8 | payload[length]</c>; the length counts the payload only. The length is
/// checked against the connection's maximum before anything is buffered, so a lying prefix costs nothing.
/// </summary>
internal static class Framing
{
    public const int HeaderSize = 5;

    /// <summary>Before the handshake is accepted a peer is a stranger: it gets tiny frames only.</summary>
    public const int MaxHandshakeFrame = 512;

    public static void WriteHeader(IBufferWriter<byte> writer, FrameType type, int payloadLength)
    {
        var span = writer.GetSpan(HeaderSize);
        BinaryPrimitives.WriteUInt32LittleEndian(span, (uint)payloadLength);
        span[4] = (byte)type;
        writer.Advance(HeaderSize);
    }

    /// <summary>Writes a whole frame whose payload is small and already in hand.</summary>
    public static void WriteFrame(IBufferWriter<byte> writer, FrameType type, ReadOnlySpan<byte> payload)
    {
        WriteHeader(writer, type, payload.Length);
        writer.Write(payload);
    }

    /// <summary>
    /// Reads one frame off the front of <paramref name="buffer"/>; on <see cref="FrameStatus.Complete"/> the
    /// buffer is advanced past it. <paramref name="declaredLength"/> is set whenever the header is readable.
    /// </summary>
    public static FrameStatus TryReadFrame(ref ReadOnlySequence<byte> buffer, int maxPayload, out FrameType type, out ReadOnlySequence<byte> payload, out long declaredLength)
    {
        type = 0;
        payload = default;
        declaredLength = 0;
        if (buffer.Length < HeaderSize)
        {
            return FrameStatus.NeedMoreData;
        }
        Span<byte> header = stackalloc byte[HeaderSize];
        buffer.Slice(0, HeaderSize).CopyTo(header);
        declaredLength = BinaryPrimitives.ReadUInt32LittleEndian(header);
        type = (FrameType)header[4];
        if (declaredLength > maxPayload)
        {
            return FrameStatus.TooLarge;
        }
        if (buffer.Length < HeaderSize + declaredLength)
        {
            return FrameStatus.NeedMoreData;
        }
        payload = buffer.Slice(HeaderSize, declaredLength);
        buffer = buffer.Slice(payload.End);
        return FrameStatus.Complete;
    }
}
