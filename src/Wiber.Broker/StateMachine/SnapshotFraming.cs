namespace Wiber.Broker.StateMachine;

/// <summary>
/// The outer layout of a state snapshot: a fixed header, then the content cut into checksummed frames,
/// then an end frame carrying the checksum of the whole content. Frames let a reader verify every byte
/// before parsing it while neither side holds the whole snapshot in memory; the end frame catches a
/// truncated stream, dropped or reordered frames.
/// </summary>
/// <remarks>
/// header: magic "WBSTATE\n" (8) · version u32 LE.
/// frame:  length u32 LE (1..MaxFrameSize) · crc32c(length bytes ‖ data) u32 LE · data.
/// end:    length u32 = 0 · crc32c(all content) u32 LE.
/// </remarks>
internal static class SnapshotFraming
{
    public const int Version1 = 1;
    public const int MaxFrameSize = 64 * 1024;
    public const int FrameHeaderSize = 8;

    public static ReadOnlySpan<byte> Magic => "WBSTATE\n"u8;
}
