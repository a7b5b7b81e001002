using Wiber.Checker.Analysis;

namespace Wiber.Checker.Checks;

/// <summary>
/// Acknowledged ids that no node ever returned. Lost when some node read the topic at or past the
/// acknowledged offset (so the message should have been seen); only unverified (a warning) when every
/// read stopped short of it. Ids read somewhere, but elsewhere, belong to <see cref="OffsetMismatchCheck"/>.
/// </summary>
internal static class LostCheck
{
    public static IEnumerable<Anomaly> Run(HistoryIndex index)
    {
        foreach (var topic in index.Topics)
        {
            var reach = topic.Reach;
            foreach (var (id, attempts) in topic.PublishesById)
            {
                if (topic.SightingsOf.ContainsKey(id))
                {
                    continue;
                }

                foreach (var ack in Acks.DistinctOffsets(attempts))
                {
                    var offset = ack.Offset!.Value;
                    if (reach >= offset)
                    {
                        yield return new LostAnomaly(
                            topic.Name, id, offset, ack.Process, ack.InvokeAtMs, ack.CompleteAtMs,
                            topic.ValueRead(offset), topic.NodesReaching(offset));
                    }
                    else
                    {
                        yield return new UnverifiedAnomaly(topic.Name, id, offset, ack.Process, ack.CompleteAtMs, reach);
                    }
                }
            }
        }
    }
}
