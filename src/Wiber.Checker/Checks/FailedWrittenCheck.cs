using Wiber.Checker.Analysis;

namespace Wiber.Checker.Checks;

/// <summary>
/// A publish reported failed promised it was not written. If the same id was also sent with an ok or
/// unknown outcome (a retry), that attempt explains the message and the failed one is not blamed.
/// </summary>
internal static class FailedWrittenCheck
{
    public static IEnumerable<Anomaly> Run(HistoryIndex index)
    {
        foreach (var topic in index.Topics)
        {
            foreach (var (id, attempts) in topic.PublishesById)
            {
                if (attempts.TrueForAll(a => a.Outcome == PublishOutcome.Failed) && topic.SightingsOf.TryGetValue(id, out var sightings))
                {
                    var first = attempts[0];
                    yield return new FailedWrittenAnomaly(
                        topic.Name, id, first.Process, first.CompleteAtMs, first.Error, sightings.Offsets(), sightings.Nodes());
                }
            }
        }
    }
}
