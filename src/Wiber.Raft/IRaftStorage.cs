namespace Wiber.Raft;

/// <summary>
/// The stable log as the core reads it. The core never writes storage: the host persists what
/// <see cref="Ready"/> hands it, then makes it visible here before calling <see cref="RaftNode.Advance"/>.
/// Indexes: the log holds entries FirstIndex..LastIndex; the entry just before FirstIndex is the
/// snapshot's last entry, whose term is still answerable. An empty log has FirstIndex = LastIndex + 1.
/// </summary>
public interface IRaftStorage
{
    /// <summary>The hard state and voters the node restarts from.</summary>
    (HardState HardState, IReadOnlyList<ulong> Voters) InitialState();

    /// <summary>Index of the first entry still available (snapshot index + 1).</summary>
    ulong FirstIndex { get; }

    /// <summary>Index of the last stored entry (the snapshot index if the log is empty).</summary>
    ulong LastIndex { get; }

    /// <summary>
    /// The term of entry <paramref name="index"/>, for FirstIndex-1 ≤ index ≤ LastIndex.
    /// False when the index was compacted away or is beyond the log.
    /// </summary>
    bool TryGetTerm(ulong index, out ulong term);

    /// <summary>
    /// Entries in [lo, hi), at least one if any is in range, stopping before the total size would pass
    /// <paramref name="maxBytes"/>. Callers guarantee FirstIndex ≤ lo ≤ hi ≤ LastIndex + 1.
    /// </summary>
    IReadOnlyList<Entry> GetEntries(ulong lo, ulong hi, long maxBytes);

    /// <summary>The latest snapshot (<see cref="Snapshot.Empty"/> when none has been taken).</summary>
    Snapshot GetSnapshot();
}
