using System.Globalization;
using System.Text;
using Wiber.Broker.Hosting;

namespace Wiber.Broker.Admin;

/// <summary>Prometheus text exposition format (version 0.0.4), written by hand: a few dozen lines, no dependency.</summary>
public sealed class PrometheusWriter
{
    private readonly StringBuilder _text = new();
    private readonly string _node;

    public PrometheusWriter(string node) => _node = node;

    public PrometheusWriter Counter(string name, string help, double value) => Metric(name, help, "counter", value);

    public PrometheusWriter Gauge(string name, string help, double value) => Metric(name, help, "gauge", value);

    public PrometheusWriter Gauges(string name, string help, IEnumerable<(string Label, string LabelValue, double Value)> series)
    {
        Header(name, help, "gauge");
        foreach (var (label, labelValue, value) in series)
        {
            _text.Append(CultureInfo.InvariantCulture, $"{name}{{node=\"{_node}\",{label}=\"{Escape(labelValue)}\"}} {Format(value)}\n");
        }
        return this;
    }

    public PrometheusWriter Histogram(string name, string help, LatencyHistogram histogram)
    {
        ArgumentNullException.ThrowIfNull(histogram);
        Header(name, help, "histogram");
        var cumulative = histogram.CumulativeCounts();
        for (var i = 0; i < LatencyHistogram.BoundsMs.Length; i++)
        {
            var le = (LatencyHistogram.BoundsMs[i] / 1000).ToString("0.#####", CultureInfo.InvariantCulture);
            _text.Append(CultureInfo.InvariantCulture, $"{name}_bucket{{node=\"{_node}\",le=\"{le}\"}} {cumulative[i]}\n");
        }
        _text.Append(CultureInfo.InvariantCulture, $"{name}_bucket{{node=\"{_node}\",le=\"+Inf\"}} {cumulative[^1]}\n");
        _text.Append(CultureInfo.InvariantCulture, $"{name}_sum{{node=\"{_node}\"}} {Format(histogram.SumSeconds)}\n");
        _text.Append(CultureInfo.InvariantCulture, $"{name}_count{{node=\"{_node}\"}} {histogram.Count}\n");
        return this;
    }

    public override string ToString() => _text.ToString();

    private PrometheusWriter Metric(string name, string help, string type, double value)
    {
        Header(name, help, type);
        _text.Append(CultureInfo.InvariantCulture, $"{name}{{node=\"{_node}\"}} {Format(value)}\n");
        return this;
    }

    private void Header(string name, string help, string type)
    {
        _text.Append(CultureInfo.InvariantCulture, $"# HELP {name} {help}\n# TYPE {name} {type}\n");
    }

    private static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string Escape(string value) => value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal);
}
