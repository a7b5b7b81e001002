namespace Wiber.Checker.Timeline;

/// <summary>A fault in force on one node between two events of the lab's log.</summary>
internal sealed record FaultSpan(string Node, string Category, long StartMs, long EndMs, string Detail);

/// <summary>
/// Pairs the lab's events into spans per node: kill/stop/down until start/restart/up, pause until resume, and
/// partition/slow/flaky/skew until heal. An event with no nodes applies to every node. A span still
/// open at the end of the history runs to the end.
/// </summary>
internal static class FaultSpans
{
    public const string Down = "down";
    public const string Paused = "paused";

    /// <summary>The categories in legend order.</summary>
    public static IReadOnlyList<string> Categories { get; } =
        [Down, Paused, EventKinds.Partition, EventKinds.Slow, EventKinds.Flaky, EventKinds.Skew];

    private static readonly string[] Healed = [EventKinds.Partition, EventKinds.Slow, EventKinds.Flaky, EventKinds.Skew];

    public static IReadOnlyList<FaultSpan> Build(IEnumerable<EventRecord> events, IReadOnlyList<string> nodes, long endMs)
    {
        var open = new Dictionary<(string Node, string Category), (long StartMs, string Detail)>();
        var spans = new List<FaultSpan>();
        foreach (var e in events.OrderBy(e => e.AtMs))
        {
            var targets = e.Nodes.Count == 0 ? nodes : e.Nodes;
            var kind = e.Kind.ToLowerInvariant();
            foreach (var node in targets)
            {
                switch (kind)
                {
                    case EventKinds.Kill or EventKinds.Stop or EventKinds.Down:
                        Open(node, Down, e);
                        break;
                    case EventKinds.Start or EventKinds.Restart or EventKinds.Up:
                        Close(node, Down, e.AtMs);
                        break;
                    case EventKinds.Pause:
                        Open(node, Paused, e);
                        break;
                    case EventKinds.Resume:
                        Close(node, Paused, e.AtMs);
                        break;
                    case EventKinds.Partition or EventKinds.Slow or EventKinds.Flaky or EventKinds.Skew:
                        Open(node, kind, e);
                        break;
                    case EventKinds.Heal:
                        foreach (var category in Healed)
                        {
                            Close(node, category, e.AtMs);
                        }

                        break;
                    default:
                        break;
                }
            }
        }

        foreach (var ((node, category), (start, detail)) in open)
        {
            spans.Add(new FaultSpan(node, category, start, endMs, detail));
        }

        return [.. spans.OrderBy(s => s.StartMs).ThenBy(s => s.Node, StringComparer.Ordinal).ThenBy(s => s.Category, StringComparer.Ordinal)];

        void Open(string node, string category, EventRecord e) =>
            open.TryAdd((node, category), (e.AtMs, string.IsNullOrEmpty(e.Detail) ? e.Kind : $"{e.Kind}: {e.Detail}"));

        void Close(string node, string category, long atMs)
        {
            if (open.Remove((node, category), out var started))
            {
                spans.Add(new FaultSpan(node, category, started.StartMs, atMs, started.Detail));
            }
        }
    }
}
