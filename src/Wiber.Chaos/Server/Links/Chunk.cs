using System.Buffers;
using System.Diagnostics;

namespace Wiber.Chaos.Server.Links;

/// <summary>
/// One socket read travelling down a link: a pooled buffer slice plus the time it was read, which latency
/// measures from. Ownership moves with the chunk; whoever writes or drops it releases it exactly once.
/// </summary>
internal sealed class Chunk
{
    /// <summary>End of stream: the source closed or failed. Travels through the toxics like data.</summary>
    public static readonly Chunk End = new([], 0, 0);

    /// <summary>
    /// Chunks outlive the thread that rented them and pile up in queues (up to a link's in-flight budget),
    /// more than the shared pool keeps per core; a pool of our own keeps them from turning into garbage.
    /// </summary>
    public static readonly ArrayPool<byte> Pool = ArrayPool<byte>.Create(64 * 1024, 256);

    private byte[] _buffer;

    private Chunk(byte[] buffer, int length, long timestamp)
    {
        _buffer = buffer;
        Length = length;
        Timestamp = timestamp;
    }

    public int Offset { get; private set; }
    public int Length { get; private set; }

    /// <summary>Stopwatch ticks: when the bytes were read, or when a latency stage last released them.</summary>
    public long Timestamp { get; set; }

    public bool IsEnd => ReferenceEquals(this, End);

    public ReadOnlyMemory<byte> Memory => _buffer.AsMemory(Offset, Length);

    /// <summary>Copies <paramref name="data"/> into a right-sized pooled buffer, so a small read does not pin 32 KiB.</summary>
    public static Chunk Copy(ReadOnlySpan<byte> data, long timestamp)
    {
        var buffer = Pool.Rent(data.Length);
        data.CopyTo(buffer);
        return new Chunk(buffer, data.Length, timestamp);
    }

    /// <summary>Cuts the first <paramref name="count"/> bytes off into a chunk of their own (same timestamp).</summary>
    public Chunk SplitFront(int count)
    {
        Debug.Assert(count > 0 && count < Length);
        var front = Copy(_buffer.AsSpan(Offset, count), Timestamp);
        Offset += count;
        Length -= count;
        return front;
    }

    /// <summary>Keeps only the first <paramref name="count"/> bytes; returns how many were cut off.</summary>
    public int Truncate(int count)
    {
        var cut = Length - count;
        Length = count;
        return cut;
    }

    public void Release()
    {
        if (IsEnd || _buffer.Length == 0)
        {
            return;
        }
        Pool.Return(_buffer);
        _buffer = [];
        Length = 0;
    }
}
