using System.Buffers.Binary;
using System.Text;

namespace Wiber.Lab.Docker;

/// <summary>A container's output: each stream on its own, and both in the order they were written.</summary>
public sealed record ContainerLogs(string Stdout, string Stderr, string Combined)
{
    public static ContainerLogs Empty { get; } = new("", "", "");

    /// <summary>
    /// Splits the engine's multiplexed log stream (containers without a TTY): frames of an 8-byte header
    /// — stream (0 stdin, 1 stdout, 2 stderr), three zero bytes, the payload length as big-endian uint32 —
    /// then the payload. Bytes are joined per stream before decoding, so a UTF-8 character split across
    /// frames survives. A stream that does not start with such a header (a TTY container's raw output) is
    /// all stdout; a truncated last frame keeps what arrived.
    /// </summary>
    public static ContainerLogs Demultiplex(ReadOnlySpan<byte> data)
    {
        if (data.IsEmpty)
        {
            return Empty;
        }
        if (!LooksMultiplexed(data))
        {
            var raw = Encoding.UTF8.GetString(data);
            return new ContainerLogs(raw, "", raw);
        }

        var stdout = new MemoryStream();
        var stderr = new MemoryStream();
        var combined = new MemoryStream();
        var rest = data;
        while (rest.Length >= HeaderSize)
        {
            var stream = rest[0];
            var length = BinaryPrimitives.ReadUInt32BigEndian(rest.Slice(4, 4));
            rest = rest[HeaderSize..];
            var take = (int)Math.Min(length, (uint)rest.Length);
            var payload = rest[..take];
            rest = rest[take..];
            (stream == 2 ? stderr : stdout).Write(payload);
            combined.Write(payload);
        }
        return new ContainerLogs(Decode(stdout), Decode(stderr), Decode(combined));
    }

    private const int HeaderSize = 8;

    private static bool LooksMultiplexed(ReadOnlySpan<byte> data) =>
        data.Length >= HeaderSize && data[0] <= 2 && data[1] == 0 && data[2] == 0 && data[3] == 0;

    private static string Decode(MemoryStream bytes) =>
        Encoding.UTF8.GetString(bytes.GetBuffer(), 0, (int)bytes.Length);
}
