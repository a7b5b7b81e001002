using Wiber.Raft;

namespace Wiber.Broker.Tests.Transport;

/// <summary>Seeded random Raft messages covering every field, and an exact comparison (records compare memory by reference).</summary>
internal static class RandomMessages
{
    public static Message Next(Random random)
    {
        var entries = new Entry[random.Next(4) == 0 ? 0 : random.Next(1, 20)];
        for (var i = 0; i < entries.Length; i++)
        {
            entries[i] = new Entry(Number(random), Number(random), random.Next(2) == 0 ? EntryKind.Normal : EntryKind.Empty, Bytes(random, 300));
        }
        Snapshot? snapshot = random.Next(5) switch
        {
            0 => new Snapshot(new SnapshotMetadata(Number(random), Number(random), [.. Enumerable.Range(0, random.Next(7)).Select(_ => Number(random))]), Bytes(random, 5000)),
            1 => Snapshot.Empty,
            _ => null,
        };
        return new Message
        {
            Type = (MessageType)random.Next(1, 14),
            From = Number(random),
            To = Number(random),
            Term = Number(random),
            LogTerm = Number(random),
            Index = Number(random),
            Entries = entries,
            Commit = Number(random),
            Reject = random.Next(2) == 0,
            RejectHint = Number(random),
            Snapshot = snapshot,
            Context = Number(random),
            Force = random.Next(2) == 0,
        };
    }

    /// <summary>Small numbers mostly (as in real logs), but every varint length and the extremes too.</summary>
    public static ulong Number(Random random) => random.Next(6) switch
    {
        0 => 0,
        1 => ulong.MaxValue - (ulong)random.Next(3),
        2 => (ulong)random.NextInt64() << random.Next(2),
        3 => 1UL << random.Next(64),
        _ => (ulong)random.Next(1, 100_000),
    };

    private static byte[] Bytes(Random random, int max)
    {
        var data = new byte[random.Next(3) == 0 ? 0 : random.Next(max)];
        random.NextBytes(data);
        return data;
    }

    public static Message Append(ulong from, ulong to, ulong index, int payloadBytes = 16)
    {
        var data = new byte[payloadBytes];
        BitConverter.TryWriteBytes(data, index);
        return new Message
        {
            Type = MessageType.Append,
            From = from,
            To = to,
            Term = 3,
            LogTerm = 3,
            Index = index,
            Commit = index,
            Entries = [Entry.Normal(index + 1, 3, data)],
        };
    }

    private static readonly Entry[] NoEntries = [];

    public static void AssertSame(Message expected, Message actual)
    {
        // Compare the scalar fields through the record's equality, with the reference-compared members blanked.
        Assert.Equal(expected with { Entries = NoEntries, Snapshot = null }, actual with { Entries = NoEntries, Snapshot = null });
        Assert.Equal(expected.Entries.Count, actual.Entries.Count);
        for (var i = 0; i < expected.Entries.Count; i++)
        {
            var (e, a) = (expected.Entries[i], actual.Entries[i]);
            Assert.Equal((e.Index, e.Term, e.Kind), (a.Index, a.Term, a.Kind));
            Assert.True(e.Data.Span.SequenceEqual(a.Data.Span), $"entry {i} data differs");
        }
        Assert.Equal(expected.Snapshot is null, actual.Snapshot is null);
        if (expected.Snapshot is { } es && actual.Snapshot is { } acs)
        {
            Assert.Equal((es.Metadata.Index, es.Metadata.Term), (acs.Metadata.Index, acs.Metadata.Term));
            Assert.Equal(es.Metadata.Voters, acs.Metadata.Voters);
            Assert.True(es.Data.Span.SequenceEqual(acs.Data.Span), "snapshot data differs");
        }
    }
}
