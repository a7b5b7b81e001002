namespace Wiber.Checker.Checks;

/// <summary>
/// Liveness after each heal (an event of kind <c>heal</c>). Both signals are answered with a binary
/// search over sorted arrays, so many heals over a long history stay cheap. A fault injected again
/// before recovery does not stop the clock: keep scenarios' heal windows longer than the limit.
/// </summary>
internal static class RecoveryCheck
{
    public static (IReadOnlyList<HealRecovery> Recoveries, IReadOnlyList<Anomaly> Anomalies) Run(History history, CheckOptions options)
    {
        var heals = history.Events
            .Where(e => string.Equals(e.Kind, EventKinds.Heal, StringComparison.OrdinalIgnoreCase))
            .OrderBy(e => e.AtMs)
            .ToList();
        if (heals.Count == 0)
        {
            return ([], []);
        }

        var acks = new AckIndex(history.Publishes);
        var commits = new CommitIndex(history.Statuses);
        var end = history.Span()!.Value.EndMs;
        var recoveries = new List<HealRecovery>(heals.Count);
        var anomalies = new List<Anomaly>();
        foreach (var heal in heals)
        {
            var ack = acks.FirstAckInvokedFrom(heal.AtMs);
            var commit = commits.FirstIncreaseAfter(heal.AtMs);
            long? recoveredAt = (ack?.CompleteAtMs, commit?.AtMs) switch
            {
                (null, null) => null,
                ({ } a, null) => a,
                (null, { } c) => c,
                ({ } a, { } c) => Math.Min(a, c),
            };
            var recoveryMs = recoveredAt - heal.AtMs;
            RecoveryStatus status;
            if (recoveryMs is { } ms)
            {
                status = ms <= options.RecoveryLimitMs ? RecoveryStatus.Recovered : RecoveryStatus.Late;
                if (status == RecoveryStatus.Late)
                {
                    anomalies.Add(new NoRecoveryAnomaly(heal.AtMs, options.RecoveryLimitMs, ms));
                }
            }
            else if (end - heal.AtMs >= options.RecoveryLimitMs)
            {
                status = RecoveryStatus.None;
                anomalies.Add(new NoRecoveryAnomaly(heal.AtMs, options.RecoveryLimitMs, null));
            }
            else
            {
                status = RecoveryStatus.Unobserved;
                anomalies.Add(new RecoveryUnobservedAnomaly(heal.AtMs, options.RecoveryLimitMs, end));
            }

            recoveries.Add(new HealRecovery(
                heal.AtMs, heal.Nodes, heal.Detail,
                ack?.CompleteAtMs, ack?.Topic, ack?.Id,
                commit?.AtMs, commit?.Node, commit?.CommitIndex,
                recoveryMs, status));
        }

        return (recoveries, anomalies);
    }

    /// <summary>Ok publishes sorted by invoke time, with the earliest completion of every suffix.</summary>
    private sealed class AckIndex
    {
        private readonly long[] _invokes;
        private readonly PublishRecord?[] _earliestFrom;

        public AckIndex(IReadOnlyList<PublishRecord> publishes)
        {
            var oks = publishes.Where(p => p.Outcome == PublishOutcome.Ok).OrderBy(p => p.InvokeAtMs).ToArray();
            _invokes = [.. oks.Select(p => p.InvokeAtMs)];
            _earliestFrom = new PublishRecord?[oks.Length + 1];
            for (var i = oks.Length - 1; i >= 0; i--)
            {
                var later = _earliestFrom[i + 1];
                _earliestFrom[i] = later is null || oks[i].CompleteAtMs <= later.CompleteAtMs ? oks[i] : later;
            }
        }

        public PublishRecord? FirstAckInvokedFrom(long atMs) => _earliestFrom[LowerBound(_invokes, atMs)];
    }

    /// <summary>Status polls sorted by time, with the highest commit index reported up to each.</summary>
    private sealed class CommitIndex
    {
        private readonly StatusRecord[] _statuses;
        private readonly long[] _times;
        private readonly long[] _maxCommit;

        public CommitIndex(IReadOnlyList<StatusRecord> statuses)
        {
            _statuses = [.. statuses.OrderBy(s => s.AtMs)];
            _times = [.. _statuses.Select(s => s.AtMs)];
            _maxCommit = new long[_statuses.Length];
            for (var i = 0; i < _statuses.Length; i++)
            {
                _maxCommit[i] = Math.Max(_statuses[i].CommitIndex, i == 0 ? long.MinValue : _maxCommit[i - 1]);
            }
        }

        /// <summary>
        /// The first poll after <paramref name="atMs"/> that reports a commit index above every one reported
        /// up to then; with no poll before it, the first poll after it is the baseline (a node that merely
        /// catches up does not count: it only reaches indexes already reported).
        /// </summary>
        public StatusRecord? FirstIncreaseAfter(long atMs)
        {
            var from = UpperBound(_times, atMs);
            if (from == 0)
            {
                if (_statuses.Length == 0)
                {
                    return null;
                }

                from = 1;
            }

            var baseline = _maxCommit[from - 1];
            var lo = from;
            var hi = _maxCommit.Length;
            while (lo < hi)
            {
                var mid = (lo + hi) >>> 1;
                if (_maxCommit[mid] > baseline)
                {
                    hi = mid;
                }
                else
                {
                    lo = mid + 1;
                }
            }

            return lo < _statuses.Length ? _statuses[lo] : null;
        }
    }

    /// <summary>The first index whose value is at least <paramref name="value"/>.</summary>
    private static int LowerBound(long[] sorted, long value)
    {
        var lo = 0;
        var hi = sorted.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (sorted[mid] < value)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    /// <summary>The first index whose value is greater than <paramref name="value"/>.</summary>
    private static int UpperBound(long[] sorted, long value) => value == long.MaxValue ? sorted.Length : LowerBound(sorted, value + 1);
}
