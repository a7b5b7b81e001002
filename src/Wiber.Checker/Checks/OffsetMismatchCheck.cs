using Wiber.Checker.Analysis;

namespace Wiber.Checker.Checks;

/// <summary>Acknowledged ids that were read, but never at the offset the acknowledgement promised.</summary>
internal static class OffsetMismatchCheck
{
    public static IEnumerable<Anomaly> Run(HistoryIndex index)
    {
        foreach (var topic in index.Topics)
        {
            foreach (var (id, attempts) in topic.PublishesById)
            {
                if (!topic.SightingsOf.TryGetValue(id, out var sightings))
                {
                    continue;
                }

                foreach (var ack in Acks.DistinctOffsets(attempts))
                {
                    var offset = ack.Offset!.Value;
                    if (!sightings.Contains(offset))
                    {
                        yield return new OffsetMismatchAnomaly(
                            topic.Name, id, ack.Process, offset, sightings.Offsets(), topic.ValueRead(offset), ack.CompleteAtMs);
                    }
                }
            }
        }
    }
}
