using Wiber.Checker.Analysis;

namespace Wiber.Checker.Checks;

/// <summary>Values read from a topic that no publish to that topic carried.</summary>
internal static class UnexpectedValueCheck
{
    public static IEnumerable<Anomaly> Run(HistoryIndex index)
    {
        foreach (var topic in index.Topics)
        {
            foreach (var (value, sightings) in topic.SightingsOf)
            {
                if (!topic.PublishesById.ContainsKey(value))
                {
                    yield return new UnexpectedValueAnomaly(
                        topic.Name, value, sightings.Offsets(), sightings.Nodes(), sightings.All.Min(s => s.AtMs));
                }
            }
        }
    }
}
