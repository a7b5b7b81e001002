using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using Wiber.Raft;

namespace Wiber.Broker.Transport;

/// <summary>
/// The binary form of a <see cref="Message"/> inside a frame (see docs/transport.md):
/// <code>
/// type:u8 flags:u8 from to term logTerm index commit rejectHint context (varints)
/// entryCount:varint { kind:u8 index:varint term:varint len:varint data }*
/// [if flags.HasSnapshot] index term voterCount:varint voter* len:varint data
/// </code>
/// The decoder never throws and never trusts a count or length it has not checked against the bytes left, so a
/// hostile frame costs at most a few times its own size.
/// </summary>
public static class RaftMessageCodec
{
    /// <summary>More entries than this in one message is not a real Append (Raft caps messages by bytes).</summary>
    public const int MaxEntries = 1 << 20;

    /// <summary>More voters than this in a snapshot is not a real cluster.</summary>
    public const int MaxVoters = 1 << 12;

    // kind + index + term + length, each at least one byte: a count larger than remaining/4 is a lie.
    private const int MinEntryBytes = 4;

    [Flags]
    private enum Flags : byte
    {
        None = 0,
        Reject = 1,
        Force = 2,
        HasSnapshot = 4,
        All = Reject | Force | HasSnapshot,
    }

    /// <summary>Exactly the number of bytes <see cref="Encode"/> writes, so the frame length can precede the body.</summary>
    public static long GetEncodedSize(Message message)
    {
        ArgumentNullException.ThrowIfNull(message);
        long size = 2
            + WireWriter.VarintSize(message.From) + WireWriter.VarintSize(message.To) + WireWriter.VarintSize(message.Term)
            + WireWriter.VarintSize(message.LogTerm) + WireWriter.VarintSize(message.Index) + WireWriter.VarintSize(message.Commit)
            + WireWriter.VarintSize(message.RejectHint) + WireWriter.VarintSize(message.Context)
            + WireWriter.VarintSize((ulong)message.Entries.Count);
        foreach (var entry in message.Entries)
        {
            size += 1 + WireWriter.VarintSize(entry.Index) + WireWriter.VarintSize(entry.Term) + WireWriter.BytesSize(entry.Data.Length);
        }
        if (message.Snapshot is { } snapshot)
        {
            var meta = snapshot.Metadata;
            size += WireWriter.VarintSize(meta.Index) + WireWriter.VarintSize(meta.Term) + WireWriter.VarintSize((ulong)meta.Voters.Count);
            foreach (var voter in meta.Voters)
            {
                size += WireWriter.VarintSize(voter);
            }
            size += WireWriter.BytesSize(snapshot.Data.Length);
        }
        return size;
    }

    public static void Encode(Message message, IBufferWriter<byte> writer)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(writer);
        var flags = (message.Reject ? Flags.Reject : Flags.None)
            | (message.Force ? Flags.Force : Flags.None)
            | (message.Snapshot is not null ? Flags.HasSnapshot : Flags.None);
        WireWriter.WriteByte(writer, (byte)message.Type);
        WireWriter.WriteByte(writer, (byte)flags);
        WireWriter.WriteVarint(writer, message.From);
        WireWriter.WriteVarint(writer, message.To);
        WireWriter.WriteVarint(writer, message.Term);
        WireWriter.WriteVarint(writer, message.LogTerm);
        WireWriter.WriteVarint(writer, message.Index);
        WireWriter.WriteVarint(writer, message.Commit);
        WireWriter.WriteVarint(writer, message.RejectHint);
        WireWriter.WriteVarint(writer, message.Context);
        WireWriter.WriteVarint(writer, (ulong)message.Entries.Count);
        foreach (var entry in message.Entries)
        {
            WireWriter.WriteByte(writer, (byte)entry.Kind);
            WireWriter.WriteVarint(writer, entry.Index);
            WireWriter.WriteVarint(writer, entry.Term);
            WireWriter.WriteBytes(writer, entry.Data.Span);
        }
        if (message.Snapshot is { } snapshot)
        {
            WireWriter.WriteVarint(writer, snapshot.Metadata.Index);
            WireWriter.WriteVarint(writer, snapshot.Metadata.Term);
            WireWriter.WriteVarint(writer, (ulong)snapshot.Metadata.Voters.Count);
            foreach (var voter in snapshot.Metadata.Voters)
            {
                WireWriter.WriteVarint(writer, voter);
            }
            WireWriter.WriteBytes(writer, snapshot.Data.Span);
        }
    }

    /// <summary>Convenience for tests and tools: copies the span once, then decodes like the sequence overload.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> payload, [NotNullWhen(true)] out Message? message, [NotNullWhen(false)] out string? error) =>
        TryDecode(new ReadOnlySequence<byte>(payload.ToArray()), out message, out error);

    /// <summary>Decodes exactly one message occupying all of <paramref name="payload"/>; false with a reason otherwise.</summary>
    public static bool TryDecode(ReadOnlySequence<byte> payload, [NotNullWhen(true)] out Message? message, [NotNullWhen(false)] out string? error)
    {
        message = null;
        var reader = new WireReader(payload);
        if (!reader.TryReadByte(out var type) || !reader.TryReadByte(out var flagByte))
        {
            return Fail("truncated header", out error);
        }
        if (type is < (byte)MessageType.Append or > (byte)MessageType.ReadIndexResponse)
        {
            return Fail($"unknown message type {type}", out error);
        }
        var flags = (Flags)flagByte;
        if ((flags & ~Flags.All) != 0)
        {
            return Fail($"unknown flags 0x{flagByte:x2}", out error);
        }
        if (!reader.TryReadVarint(out var from) || !reader.TryReadVarint(out var to) || !reader.TryReadVarint(out var term)
            || !reader.TryReadVarint(out var logTerm) || !reader.TryReadVarint(out var index) || !reader.TryReadVarint(out var commit)
            || !reader.TryReadVarint(out var rejectHint) || !reader.TryReadVarint(out var context))
        {
            return Fail("truncated or malformed fields", out error);
        }
        if (!TryReadEntries(ref reader, out var entries, out error))
        {
            return false;
        }
        Snapshot? snapshot = null;
        if ((flags & Flags.HasSnapshot) != 0 && !TryReadSnapshot(ref reader, out snapshot, out error))
        {
            return false;
        }
        if (reader.Remaining != 0)
        {
            return Fail($"{reader.Remaining} trailing bytes", out error);
        }
        message = new Message
        {
            Type = (MessageType)type,
            From = from,
            To = to,
            Term = term,
            LogTerm = logTerm,
            Index = index,
            Commit = commit,
            Reject = (flags & Flags.Reject) != 0,
            Force = (flags & Flags.Force) != 0,
            RejectHint = rejectHint,
            Context = context,
            Entries = entries,
            Snapshot = snapshot,
        };
        error = null;
        return true;
    }

    private static bool TryReadEntries(ref WireReader reader, out Entry[] entries, [NotNullWhen(false)] out string? error)
    {
        entries = [];
        if (!reader.TryReadVarint(out var count))
        {
            return Fail("truncated entry count", out error);
        }
        if (count > MaxEntries || count > (ulong)(reader.Remaining / MinEntryBytes))
        {
            return Fail($"absurd entry count {count} for {reader.Remaining} remaining bytes", out error);
        }
        if (count == 0)
        {
            error = null;
            return true;
        }
        entries = new Entry[count];
        for (var i = 0; i < entries.Length; i++)
        {
            if (!reader.TryReadByte(out var kind) || !reader.TryReadVarint(out var index) || !reader.TryReadVarint(out var term))
            {
                return Fail($"truncated entry {i}", out error);
            }
            if (kind is not ((byte)EntryKind.Normal or (byte)EntryKind.Empty))
            {
                return Fail($"unknown entry kind {kind} in entry {i}", out error);
            }
            if (!reader.TryReadLengthPrefixed(out var data))
            {
                return Fail($"entry {i} data is longer than the frame", out error);
            }
            entries[i] = new Entry(index, term, (EntryKind)kind, data);
        }
        error = null;
        return true;
    }

    private static bool TryReadSnapshot(ref WireReader reader, [NotNullWhen(true)] out Snapshot? snapshot, [NotNullWhen(false)] out string? error)
    {
        snapshot = null;
        if (!reader.TryReadVarint(out var index) || !reader.TryReadVarint(out var term) || !reader.TryReadVarint(out var voterCount))
        {
            return Fail("truncated snapshot metadata", out error);
        }
        if (voterCount > MaxVoters || voterCount > (ulong)reader.Remaining)
        {
            return Fail($"absurd voter count {voterCount}", out error);
        }
        var voters = voterCount == 0 ? [] : new ulong[voterCount];
        for (var i = 0; i < voters.Length; i++)
        {
            if (!reader.TryReadVarint(out voters[i]))
            {
                return Fail("truncated snapshot voters", out error);
            }
        }
        if (!reader.TryReadLengthPrefixed(out var data))
        {
            return Fail("snapshot data is longer than the frame", out error);
        }
        snapshot = new Snapshot(new SnapshotMetadata(index, term, voters), data);
        error = null;
        return true;
    }

    private static bool Fail(string reason, out string error)
    {
        error = reason;
        return false;
    }
}
