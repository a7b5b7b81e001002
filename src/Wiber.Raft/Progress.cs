namespace Wiber.Raft;

/// <summary>How the leader replicates to one follower.</summary>
public enum ProgressState : byte
{
    /// <summary>Where the logs match is unknown: one append at a time until an acknowledgement says.</summary>
    Probe,
    /// <summary>Logs match up to Match: appends are pipelined optimistically.</summary>
    Replicate,
    /// <summary>The follower needs entries we compacted: a snapshot is on its way.</summary>
    Snapshot,
}

/// <summary>The leader's view of one follower.</summary>
internal sealed class Progress
{
    public Progress(int maxInflight, long maxInflightBytes) => Inflights = new Inflights(maxInflight, maxInflightBytes);

    /// <summary>Highest index known to be replicated on the follower.</summary>
    public ulong Match { get; set; }

    /// <summary>Index of the next entry to send.</summary>
    public ulong Next { get; set; }

    public ProgressState State { get; private set; } = ProgressState.Probe;

    public ulong PendingSnapshot { get; private set; }

    /// <summary>Heard from since the last quorum check.</summary>
    public bool RecentActive { get; set; }

    /// <summary>In Probe: an append is out, wait for its answer (or a heartbeat answer) before the next.</summary>
    public bool ProbeSent { get; set; }

    /// <summary>An append answer arrived since the last heartbeat round: the pipeline is moving.</summary>
    public bool AnsweredSinceHeartbeat { get; set; }

    /// <summary>Heartbeat rounds spent stalled (window full, or waiting on a snapshot) with no append answer.</summary>
    public int StalledHeartbeats { get; set; }

    public Inflights Inflights { get; }

    public bool IsPaused => State switch
    {
        ProgressState.Probe => ProbeSent,
        ProgressState.Replicate => Inflights.Full,
        _ => true,
    };

    public void Reset(ulong next)
    {
        Match = 0;
        Next = next;
        State = ProgressState.Probe;
        PendingSnapshot = 0;
        ProbeSent = false;
        RecentActive = false;
        StalledHeartbeats = 0;
        Inflights.Reset();
    }

    public void BecomeProbe()
    {
        // Coming back from a snapshot, the follower holds at least the snapshot: probe right after it.
        Next = State == ProgressState.Snapshot ? Math.Max(Match + 1, PendingSnapshot + 1) : Match + 1;
        State = ProgressState.Probe;
        PendingSnapshot = 0;
        ProbeSent = false;
        StalledHeartbeats = 0;
        Inflights.Reset();
    }

    /// <summary>The snapshot never arrived: probing must start from what the follower is known to hold.</summary>
    public void ForgetPendingSnapshot() => PendingSnapshot = 0;

    public void BecomeReplicate()
    {
        State = ProgressState.Replicate;
        Next = Match + 1;
        PendingSnapshot = 0;
        ProbeSent = false;
        StalledHeartbeats = 0;
        Inflights.Reset();
    }

    public void BecomeSnapshot(ulong snapshotIndex)
    {
        State = ProgressState.Snapshot;
        PendingSnapshot = snapshotIndex;
        ProbeSent = false;
        StalledHeartbeats = 0;
        Inflights.Reset();
    }

    /// <summary>An acknowledgement up to <paramref name="index"/>. False if it tells us nothing new.</summary>
    public bool MaybeUpdate(ulong index)
    {
        var updated = false;
        if (Match < index)
        {
            Match = index;
            updated = true;
            ProbeSent = false;
        }
        Next = Math.Max(Next, index + 1);
        return updated;
    }

    /// <summary>
    /// A rejection of the append after <paramref name="rejected"/>. Moves Next back towards the hint; false when
    /// the rejection is stale (an answer to an append we have since moved past).
    /// </summary>
    public bool MaybeDecreaseTo(ulong rejected, ulong hint)
    {
        if (State == ProgressState.Replicate)
        {
            if (rejected <= Match)
            {
                return false;
            }
            Next = Match + 1;
            return true;
        }
        // A rejection at or below Match cannot move us back: we already know the follower holds that
        // much (if it lost it, resending the same probe at once would only ping-pong).
        if (Next == 0 || Next - 1 != rejected || rejected <= Match)
        {
            return false;
        }
        Next = Math.Max(Math.Min(rejected, hint + 1), Match + 1);
        ProbeSent = false;
        return true;
    }

    /// <summary>Bookkeeping after sending an append of <paramref name="count"/> entries ending at <paramref name="lastIndex"/>.</summary>
    public void SentEntries(int count, ulong lastIndex, long bytes)
    {
        if (State == ProgressState.Replicate && count > 0)
        {
            Next = lastIndex + 1;
            Inflights.Add(lastIndex, bytes);
        }
        else if (State == ProgressState.Probe)
        {
            ProbeSent = true;
        }
    }
}
