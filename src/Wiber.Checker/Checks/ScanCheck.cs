namespace Wiber.Checker.Checks;

/// <summary>
/// Within one scan (one contiguous read of one topic from one node) offsets must rise by exactly one:
/// a jump is a gap (the node skipped committed messages), a step back or a repeat is non-monotonic.
/// Reads are taken in history order, which is delivery order.
/// </summary>
internal static class ScanCheck
{
    public static IEnumerable<Anomaly> Run(History history)
    {
        var last = new Dictionary<(string Node, string Topic, string Scan), long>();
        foreach (var read in history.Reads)
        {
            if (read.Scan is not { } scan)
            {
                continue;
            }

            var key = (read.Node, read.Topic, scan);
            if (last.TryGetValue(key, out var previous))
            {
                if (read.Offset <= previous)
                {
                    yield return new NonMonotonicAnomaly(read.Node, read.Topic, scan, previous, read.Offset, read.AtMs);
                }
                else if (read.Offset > previous + 1)
                {
                    yield return new GapAnomaly(read.Node, read.Topic, scan, previous, read.Offset, read.AtMs);
                }
            }

            last[key] = read.Offset;
        }
    }
}
