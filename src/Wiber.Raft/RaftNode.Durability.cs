namespace Wiber.Raft;

/// <summary>
/// Durability reports for <see cref="RaftConfig.AsyncStorageWrites"/>: the host writes a Ready's entries,
/// calls <see cref="Advance"/> at once and fsyncs in the background. Until an entry is reported durable the
/// leader does not count itself as holding it — otherwise an entry could commit on the leader's page cache
/// and one follower, be applied and acknowledged, then vanish with a leader crash.
/// </summary>
public sealed partial class RaftNode
{
    // The highest index the host reported durable, lowered when our log is truncated below it.
    private ulong _durableIndex;

    /// <summary>The highest index of our log known to be on stable storage (every index, without async writes).</summary>
    public ulong DurableIndex => _config.AsyncStorageWrites ? OwnDurableIndex : _log.LastIndex;

    // Entries not yet handed to the host (the unstable suffix) cannot be durable, whatever a late report says.
    private ulong OwnDurableIndex => Math.Min(_durableIndex, _log.Unstable.Offset - 1);

    /// <summary>
    /// The host's storage has every entry up to <paramref name="index"/> on stable storage. Read the index
    /// from the storage when handling the report (not when the fsync began), so a truncation in between is
    /// already reflected. Ignored without <see cref="RaftConfig.AsyncStorageWrites"/>.
    /// </summary>
    public void ReportDurable(ulong index)
    {
        if (!_config.AsyncStorageWrites)
        {
            return;
        }
        _durableIndex = index;
        if (Role == StateRole.Leader && _progress[Id].MaybeUpdate(OwnDurableIndex) && MaybeCommit())
        {
            ReleasePendingReads();
            BroadcastAppend();
        }
    }

    /// <summary>What a leader may count as its own copy: all it has, or only what is durable.</summary>
    private ulong OwnMatch => _config.AsyncStorageWrites && !Faulty(RaftFaults.CountOwnEntriesBeforeDurable)
        ? OwnDurableIndex
        : _log.LastIndex;

    /// <summary>Our log was cut back to <paramref name="lastKept"/>: what followed it is no longer on disk as reported.</summary>
    private void ForgetDurableAfter(ulong lastKept) => _durableIndex = Math.Min(_durableIndex, lastKept);
}
