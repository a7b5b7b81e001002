using Wiber.Raft.Tests.Unit.Support;

namespace Wiber.Raft.Tests.Unit;

/// <summary>
/// TrySlice over entries 1..3 in storage and 4..6 unstable, each exactly 100 bytes (24-byte header + 76):
/// byte budgets must hold on both sides of the boundary, and at least one entry always comes back.
/// </summary>
public sealed class RaftLogSliceTests
{
    private static readonly string Payload = new('p', 76);

    private static RaftLog Log()
    {
        var storage = new MemoryStorage(Nodes.Three);
        storage.Append([Msg.E(1, 1, Payload), Msg.E(2, 1, Payload), Msg.E(3, 1, Payload)]);
        var log = new RaftLog(storage);
        log.Append([Msg.E(4, 2, Payload), Msg.E(5, 2, Payload), Msg.E(6, 2, Payload)]);
        return log;
    }

    [Theory]
    [InlineData(1ul, 7ul, 250L, new ulong[] { 1, 2 })]
    [InlineData(1ul, 7ul, 300L, new ulong[] { 1, 2, 3 })]        // exactly the stable part
    [InlineData(1ul, 7ul, 399L, new ulong[] { 1, 2, 3 })]
    [InlineData(1ul, 7ul, 400L, new ulong[] { 1, 2, 3, 4 })]     // crosses into unstable
    [InlineData(2ul, 7ul, 350L, new ulong[] { 2, 3, 4 })]
    [InlineData(1ul, 7ul, 10L, new ulong[] { 1 })]               // at least one, from storage
    [InlineData(4ul, 7ul, 10L, new ulong[] { 4 })]               // at least one, from unstable
    [InlineData(5ul, 7ul, 150L, new ulong[] { 5 })]
    [InlineData(1ul, 7ul, long.MaxValue, new ulong[] { 1, 2, 3, 4, 5, 6 })]
    [InlineData(2ul, 50ul, long.MaxValue, new ulong[] { 2, 3, 4, 5, 6 })] // hi clipped to the log
    [InlineData(2ul, 4ul, long.MaxValue, new ulong[] { 2, 3 })]
    public void Slice_respects_the_byte_budget(ulong lo, ulong hi, long maxBytes, ulong[] expected)
    {
        var log = Log();

        Assert.True(log.TrySlice(lo, hi, maxBytes, out var entries));

        Assert.Equal(expected, entries.Select(e => e.Index));
        if (entries.Count > 1)
        {
            Assert.True(entries.Sum(e => e.Size) <= maxBytes);
        }
    }

    [Fact]
    public void Empty_range_at_or_after_the_first_index_is_an_empty_slice()
    {
        var log = Log();

        Assert.True(log.TrySlice(7, 7, 100, out var atEnd));
        Assert.True(log.TrySlice(3, 3, 100, out var inside));

        Assert.Empty(atEnd);
        Assert.Empty(inside);
    }

    [Fact]
    public void Slice_from_a_compacted_index_fails()
    {
        var storage = new MemoryStorage(Nodes.Three);
        storage.Append(Msg.Run(1, 1, 1, 1, 1, 1));
        storage.Compact(3);
        var log = new RaftLog(storage);

        Assert.False(log.TrySlice(2, 5, long.MaxValue, out var entries));
        Assert.Empty(entries);
        Assert.True(log.TrySlice(4, 6, long.MaxValue, out var kept));
        Assert.Equal([4ul, 5ul], kept.Select(e => e.Index));
    }
}
