using System.Globalization;

namespace Wiber.Cli.Commands.Bench.Harness;

/// <summary>The counters of a node's <c>GET /metrics</c> (Prometheus text) that the breakdown uses, by metric name.</summary>
internal sealed record NodeMetrics(IReadOnlyDictionary<string, double> Values)
{
    public double this[string name] => Values.TryGetValue(name, out var v) ? v : 0;

    public bool IsLeader => this["wiber_raft_is_leader"] >= 1;

    /// <summary>Parses <c>name{labels} value</c> lines (labels dropped; histogram buckets skipped).</summary>
    public static NodeMetrics Parse(string text)
    {
        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var raw in (text ?? "").Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line[0] == '#' || line.Contains("_bucket{", StringComparison.Ordinal))
            {
                continue;
            }

            var space = line.LastIndexOf(' ');
            if (space <= 0 || !double.TryParse(line[(space + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                continue;
            }

            var name = line[..space];
            var brace = name.IndexOf('{', StringComparison.Ordinal);
            if (brace >= 0)
            {
                name = name[..brace];
            }

            values[name] = values.TryGetValue(name, out var existing) && name == "wiber_replication_lag_entries" ? existing + value : value;
        }

        return new NodeMetrics(values);
    }

    public static async Task<NodeMetrics?> ScrapeAsync(HttpClient http, string host, int adminPort, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        try
        {
            var text = await http.GetStringAsync(new Uri(string.Create(CultureInfo.InvariantCulture, $"http://{host}:{adminPort}/metrics")), cancellationToken).ConfigureAwait(false);
            return Parse(text);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return null;
        }
    }
}
