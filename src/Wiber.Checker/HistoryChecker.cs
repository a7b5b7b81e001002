using Wiber.Checker.Analysis;
using Wiber.Checker.Checks;

namespace Wiber.Checker;

/// <summary>The entry point: runs every check over a history and gathers the verdict.</summary>
public static class HistoryChecker
{
    public static CheckResult Check(History history, CheckOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(history);
        options ??= CheckOptions.Default;
        var index = new HistoryIndex(history);
        var (recoveries, liveness) = RecoveryCheck.Run(history, options);
        var anomalies = LostCheck.Run(index)
            .Concat(DuplicateCheck.Run(index))
            .Concat(FailedWrittenCheck.Run(index))
            .Concat(UnexpectedValueCheck.Run(index))
            .Concat(DivergenceCheck.Run(index))
            .Concat(OffsetMismatchCheck.Run(index))
            .Concat(ScanCheck.Run(history))
            .Concat(LeaderCheck.Run(history))
            .Concat(liveness)
            .ToList();
        var sorted = Sort(anomalies);
        return new CheckResult(sorted, Statistics(index, sorted), recoveries);
    }

    /// <summary>Same input, same order: by kind, then time, then message (which carries ids and offsets).</summary>
    private static List<Anomaly> Sort(List<Anomaly> anomalies)
    {
        var rank = AnomalyKinds.All.Select((kind, i) => (kind, i)).ToDictionary(p => p.kind, p => p.i, StringComparer.Ordinal);
        return
        [
            .. anomalies
                .Select(a => (Anomaly: a, Message: a.Message))
                .OrderBy(p => rank[p.Anomaly.Kind])
                .ThenBy(p => p.Anomaly.AtMs ?? long.MinValue)
                .ThenBy(p => p.Message, StringComparer.Ordinal)
                .Select(p => p.Anomaly),
        ];
    }

    private static CheckStatistics Statistics(HistoryIndex index, List<Anomaly> anomalies)
    {
        var history = index.History;
        var topics = index.Topics.ToDictionary(t => t.Name, StringComparer.Ordinal);
        int ok = 0, failed = 0, unknown = 0, unknownWritten = 0;
        foreach (var p in history.Publishes)
        {
            switch (p.Outcome)
            {
                case PublishOutcome.Ok: ok++; break;
                case PublishOutcome.Failed: failed++; break;
                default:
                    unknown++;
                    if (topics[p.Topic].SightingsOf.ContainsKey(p.Id))
                    {
                        unknownWritten++;
                    }

                    break;
            }
        }

        var readsByNode = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var read in history.Reads)
        {
            readsByNode[read.Node] = readsByNode.GetValueOrDefault(read.Node) + 1;
        }

        var byKind = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var kind in AnomalyKinds.All)
        {
            byKind[kind] = 0;
        }

        foreach (var anomaly in anomalies)
        {
            byKind[anomaly.Kind]++;
        }

        var span = history.Span();
        return new CheckStatistics(
            new PublishStatistics(
                history.Publishes.Count, ok, failed, unknown, unknownWritten, unknown - unknownWritten,
                index.Topics.Sum(t => t.PublishesById.Count)),
            history.Reads.Count,
            readsByNode,
            [.. index.Topics.Select(t => t.Name)],
            history.Statuses.Count,
            history.Events.Count,
            history.Events.Count(e => string.Equals(e.Kind, EventKinds.Heal, StringComparison.OrdinalIgnoreCase)),
            span?.StartMs,
            span?.EndMs,
            byKind);
    }
}
