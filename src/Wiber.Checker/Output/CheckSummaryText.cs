using System.Globalization;
using System.Text;

namespace Wiber.Checker;

/// <summary>
/// The verdict for people: a few lines with the counts, the first anomalies of each kind and the
/// recovery time of each heal. Times are relative to the start of the history.
/// </summary>
public static class CheckSummaryText
{
    public const int DefaultAnomaliesPerKind = 3;

    public static string Format(CheckResult result, int anomaliesPerKind = DefaultAnomaliesPerKind)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        Write(writer, result, anomaliesPerKind);
        return writer.ToString();
    }

    public static void Write(TextWriter writer, CheckResult result, int anomaliesPerKind = DefaultAnomaliesPerKind)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(result);
        var s = result.Statistics;
        var p = s.Publishes;
        var line = new StringBuilder();
        writer.WriteLine(Inv($"verdict: {(result.IsValid ? "VALID" : "INVALID")} ({result.Errors} {Plural(result.Errors, "error")}, {result.Warnings} {Plural(result.Warnings, "warning")})"));
        writer.WriteLine(Inv($"publishes: {p.Total} (ok {p.Ok}, failed {p.Failed}, unknown {p.Unknown}: {p.UnknownWritten} written, {p.UnknownNotWritten} not seen); {p.DistinctIds} ids; topics: {(s.Topics.Count == 0 ? "none" : string.Join(", ", s.Topics))}"));
        writer.WriteLine(Inv($"reads: {s.Reads} ({(s.ReadsByNode.Count == 0 ? "none" : string.Join(", ", s.ReadsByNode.Select(kv => Inv($"{kv.Key} {kv.Value}"))))}); status polls: {s.StatusPolls}; events: {s.Events}; span: {(((s.EndMs - s.StartMs) ?? 0) / 1000.0):0.000}s"));

        foreach (var group in result.Anomalies.GroupBy(a => a.Kind))
        {
            var count = group.Count();
            writer.WriteLine(Inv($"{group.Key} ({count}, {(group.First().Severity == AnomalySeverity.Error ? "error" : "warning")}):"));
            foreach (var anomaly in group.Take(anomaliesPerKind))
            {
                writer.WriteLine(Inv($"  {(anomaly.AtMs is { } at && s.StartMs is { } start ? Seconds(at - start) : "?")}  {anomaly.Message}"));
            }

            if (count > anomaliesPerKind)
            {
                writer.WriteLine(Inv($"  … and {count - anomaliesPerKind} more"));
            }
        }

        foreach (var r in result.Recoveries)
        {
            line.Clear();
            line.Append(Inv($"heal at {Seconds(r.HealAtMs - (s.StartMs ?? r.HealAtMs))}: "));
            line.Append(r.RecoveryMs is { } ms ? Inv($"{ms} ms ({StatusText(r.Status)})") : StatusText(r.Status));
            if (r.AckAfterMs is { } ack)
            {
                line.Append(Inv($"; first ack after {ack} ms ('{r.FirstAckId}')"));
            }

            if (r.CommitAfterMs is { } commit)
            {
                line.Append(Inv($"; commit index {r.FirstCommitIndex} on {r.FirstCommitNode} after {commit} ms"));
            }

            writer.WriteLine(line.ToString());
        }
    }

    private static string StatusText(RecoveryStatus status) => status switch
    {
        RecoveryStatus.Recovered => "recovered",
        RecoveryStatus.Late => "LATE",
        RecoveryStatus.None => "NO RECOVERY",
        _ => "not observed: history ends too soon",
    };

    private static string Seconds(long ms) => Inv($"+{ms / 1000.0:0.000}s");

    private static string Plural(int n, string word) => n == 1 ? word : word + "s";

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
