using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using Wiber.Checker.Timeline;

namespace Wiber.Checker;

/// <summary>
/// Draws a run as one self-contained SVG: the lab's events along the top, one lane per node with its
/// leader bands (colour and label per term) and fault spans, acknowledged publishes per second, anomaly
/// markers, a time axis and a legend. Built with LINQ to XML so every text is escaped, and written with
/// fixed settings and invariant numbers so the same input gives the same bytes on every machine.
/// Elements carry <c>id</c>/<c>class</c>/<c>data-*</c> attributes so tests (and people) can find them.
/// </summary>
public static class TimelineSvg
{
    public static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    private const double Left = 110;
    private const double RightMargin = 20;
    private const double EventsHeight = 40;
    private const double LaneHeight = 44;
    private const double ThroughputHeight = 64;
    private const double AnomaliesHeight = 28;

    public static string Render(History history, CheckResult result, TimelineOptions? options = null) =>
        ToText(Build(history, result, options));

    public static void Write(TextWriter writer, History history, CheckResult result, TimelineOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(Render(history, result, options));
    }

    /// <summary>The picture as an element, for callers that embed or inspect it.</summary>
    public static XElement Build(History history, CheckResult result, TimelineOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(result);
        options ??= TimelineOptions.Default;
        var width = Math.Max(400, options.Width);
        var (start, end) = history.Span() ?? (0, 1_000);
        var scale = new TimeScale(start, end, Left, width - Left - RightMargin);
        var nodes = Nodes(history);

        var eventsTop = 56.0;
        var lanesTop = eventsTop + EventsHeight;
        var throughputTop = lanesTop + (nodes.Count * LaneHeight) + 8;
        var anomaliesTop = throughputTop + ThroughputHeight + 8;
        var axisTop = anomaliesTop + AnomaliesHeight;
        var legendTop = axisTop + 30;
        var height = legendTop + 28;

        var root = new XElement(
            Svg + "svg",
            new XAttribute("width", N(width)),
            new XAttribute("height", N(height)),
            new XAttribute("viewBox", $"0 0 {N(width)} {N(height)}"),
            new XAttribute("font-family", "sans-serif"),
            new XAttribute("font-size", "11"),
            El("title", options.Title),
            Rect(0, 0, width, height, "#ffffff"),
            Header(options.Title, history, result, start, end),
            Grid(scale, lanesTop, axisTop),
            Events(history, scale, eventsTop, start),
            Lanes(history, nodes, scale, lanesTop, end),
            HealLines(result, scale, eventsTop, axisTop, start),
            ThroughputChart(history, scale, throughputTop),
            Anomalies(result, scale, anomaliesTop, start),
            Axis(scale, axisTop),
            Legend(legendTop));
        return root;
    }

    internal static string ToText(XElement svg)
    {
        var settings = new XmlWriterSettings
        {
            OmitXmlDeclaration = true,
            Indent = true,
            IndentChars = " ",
            NewLineChars = "\n",
            NewLineHandling = NewLineHandling.Replace,
        };
        var text = new StringBuilder();
        using (var writer = XmlWriter.Create(text, settings))
        {
            svg.WriteTo(writer);
        }

        return text.Append('\n').ToString();
    }

    private static List<string> Nodes(History history) =>
    [
        .. history.Statuses.Select(s => s.Node)
            .Concat(history.Reads.Select(r => r.Node))
            .Concat(history.Events.SelectMany(e => e.Nodes))
            .Distinct(StringComparer.Ordinal)
            .Order(NaturalOrder.Instance),
    ];

    private static XElement Header(string title, History history, CheckResult result, long start, long end)
    {
        var verdict = result.IsValid ? "VALID" : "INVALID";
        var subtitle = Inv($"{verdict}: {result.Errors} errors, {result.Warnings} warnings · {history.Publishes.Count} publishes, {history.Reads.Count} reads · span {TimeScale.Label(end - start)}");
        return new XElement(
            Svg + "g",
            new XAttribute("id", "header"),
            Text(12, 22, title, ("font-size", "16"), ("font-weight", "bold")),
            Text(12, 42, subtitle, ("fill", result.IsValid ? "#2ca02c" : Palette.Error), ("id", "verdict")));
    }

    private static XElement Grid(TimeScale scale, double top, double bottom) => new(
        Svg + "g",
        new XAttribute("id", "grid"),
        scale.Ticks().Select(t => Line(scale.X(scale.StartMs + t), top, scale.X(scale.StartMs + t), bottom, "#e8e8e8")));

    private static XElement Events(History history, TimeScale scale, double top, long start)
    {
        var group = new XElement(Svg + "g", new XAttribute("id", "events"), Text(8, top + 24, "events"));
        var i = 0;
        foreach (var e in history.Events.OrderBy(e => e.AtMs))
        {
            var x = scale.X(e.AtMs);
            var isHeal = string.Equals(e.Kind, EventKinds.Heal, StringComparison.OrdinalIgnoreCase);

            // Alternate two label rows so neighbouring events stay legible.
            var labelY = top + (i++ % 2 == 0 ? 14 : 28);
            group.Add(new XElement(
                Svg + "g",
                new XAttribute("class", "event"),
                new XAttribute("data-kind", e.Kind),
                El("title", Inv($"{e.Kind} {string.Join(",", e.Nodes)} at {TimeScale.Label(e.AtMs - start)}{(e.Detail is null ? "" : ": " + e.Detail)}")),
                Line(x, top + 30, x, top + EventsHeight, isHeal ? Palette.Heal : "#333333"),
                Text(x + 2, labelY, e.Nodes.Count == 0 ? e.Kind : $"{e.Kind} {string.Join(",", e.Nodes)}", ("font-size", "10"))));
        }

        return group;
    }

    private static XElement Lanes(History history, List<string> nodes, TimeScale scale, double top, long end)
    {
        var leaders = LeaderSpans.Build(history.Statuses);
        var faults = FaultSpans.Build(history.Events, nodes, end);
        var group = new XElement(Svg + "g", new XAttribute("id", "lanes"));
        for (var i = 0; i < nodes.Count; i++)
        {
            var node = nodes[i];
            var y = top + (i * LaneHeight);
            var lane = new XElement(
                Svg + "g",
                new XAttribute("class", "lane"),
                new XAttribute("data-node", node),
                Rect(0, y, scale.Right + RightMargin, LaneHeight, i % 2 == 0 ? "#fafafa" : "#f1f1f1"),
                Text(8, y + 26, node, ("font-weight", "bold"), ("class", "lane-label")));

            foreach (var span in leaders.Where(s => s.Node == node))
            {
                var x = scale.X(span.StartMs);
                var w = Math.Max(2, scale.X(span.EndMs) - x);
                lane.Add(new XElement(
                    Svg + "g",
                    new XAttribute("class", "leader"),
                    new XAttribute("data-term", span.Term.ToString(CultureInfo.InvariantCulture)),
                    El("title", Inv($"{node} leader of term {span.Term} from {TimeScale.Label(span.StartMs - scale.StartMs)} to {TimeScale.Label(span.EndMs - scale.StartMs)}")),
                    Rect(x, y + 4, w, 13, Palette.Term(span.Term)),
                    w >= 22 ? Text(x + 3, y + 14, Inv($"t{span.Term}"), ("fill", "#ffffff"), ("font-size", "10")) : null));
            }

            foreach (var span in faults.Where(s => s.Node == node))
            {
                var x = scale.X(span.StartMs);
                var w = Math.Max(2, scale.X(span.EndMs) - x);
                lane.Add(new XElement(
                    Svg + "g",
                    new XAttribute("class", "fault"),
                    new XAttribute("data-category", span.Category),
                    El("title", Inv($"{span.Detail} ({TimeScale.Label(span.StartMs - scale.StartMs)} – {TimeScale.Label(span.EndMs - scale.StartMs)})")),
                    Rect(x, y + 21, w, 19, Palette.Fault(span.Category), ("fill-opacity", "0.75")),
                    w >= 48 ? Text(x + 3, y + 34, span.Category, ("fill", "#ffffff"), ("font-size", "10")) : null));
            }

            group.Add(lane);
        }

        return group;
    }

    private static XElement HealLines(CheckResult result, TimeScale scale, double top, double bottom, long start)
    {
        var group = new XElement(Svg + "g", new XAttribute("id", "heals"));
        foreach (var r in result.Recoveries)
        {
            var x = scale.X(r.HealAtMs);
            var label = r.RecoveryMs is { } ms ? Inv($"+{ms}ms") : r.Status.ToString().ToLowerInvariant();
            group.Add(new XElement(
                Svg + "g",
                new XAttribute("class", "heal"),
                El("title", Inv($"heal at {TimeScale.Label(r.HealAtMs - start)}: {label} ({r.Status.ToString().ToLowerInvariant()})")),
                Line(x, top + 30, x, bottom, Palette.Heal, ("stroke-dasharray", "4 3")),
                Text(x + 2, bottom - 4, label, ("fill", r.Status == RecoveryStatus.Recovered ? Palette.Heal : Palette.Error), ("font-size", "10"), ("class", "recovery"))));
        }

        return group;
    }

    private static XElement ThroughputChart(History history, TimeScale scale, double top)
    {
        var (bucketMs, counts) = Throughput.Build(history.Publishes, scale.StartMs, scale.EndMs);
        var max = counts.Length == 0 ? 0 : counts.Max();
        var perSecond = 1000.0 / bucketMs;
        var group = new XElement(
            Svg + "g",
            new XAttribute("id", "throughput"),
            Text(8, top + 24, "acks/s"),
            Text(8, top + 38, Inv($"max {max * perSecond:0.#}"), ("font-size", "10"), ("fill", "#666666")),
            Line(scale.Left, top + ThroughputHeight, scale.Right, top + ThroughputHeight, "#999999"));
        var barArea = ThroughputHeight - 8;
        for (var i = 0; i < counts.Length; i++)
        {
            if (counts[i] == 0)
            {
                continue;
            }

            var from = scale.StartMs + (i * bucketMs);
            var x = scale.X(from);
            var w = Math.Max(1, scale.X(from + bucketMs) - x - 0.5);
            var h = counts[i] * barArea / max;
            group.Add(new XElement(
                Svg + "rect",
                new XAttribute("class", "bar"),
                new XAttribute("x", N(x)),
                new XAttribute("y", N(top + ThroughputHeight - h)),
                new XAttribute("width", N(w)),
                new XAttribute("height", N(h)),
                new XAttribute("fill", Palette.Bar),
                El("title", Inv($"{TimeScale.Label(from - scale.StartMs)}: {counts[i] * perSecond:0.#} acks/s"))));
        }

        return group;
    }

    private static XElement Anomalies(CheckResult result, TimeScale scale, double top, long start)
    {
        var group = new XElement(
            Svg + "g",
            new XAttribute("id", "anomalies"),
            Text(8, top + 18, Inv($"anomalies ({result.Anomalies.Count})")));

        // One marker per kind and pixel column: a run that lost 10⁵ messages must still draw quickly.
        var markers = result.Anomalies
            .Where(a => a.AtMs is not null)
            .GroupBy(a => (a.Kind, X: Math.Round(scale.X(a.AtMs!.Value))))
            .OrderBy(g => g.Key.X)
            .ThenBy(g => g.Key.Kind, StringComparer.Ordinal);
        foreach (var marker in markers)
        {
            var first = marker.First();
            var count = marker.Count();
            var y = top + 14;
            group.Add(new XElement(
                Svg + "g",
                new XAttribute("class", "anomaly"),
                new XAttribute("data-kind", marker.Key.Kind),
                El("title", Inv($"{(count > 1 ? $"{count}× " : "")}{first.Kind} at {TimeScale.Label(first.AtMs!.Value - start)}: {first.Message}")),
                new XElement(
                    Svg + "path",
                    new XAttribute("d", $"M {N(marker.Key.X)} {N(y - 6)} L {N(marker.Key.X + 5)} {N(y)} L {N(marker.Key.X)} {N(y + 6)} L {N(marker.Key.X - 5)} {N(y)} Z"),
                    new XAttribute("fill", first.Severity == AnomalySeverity.Error ? Palette.Error : Palette.Warning))));
        }

        return group;
    }

    private static XElement Axis(TimeScale scale, double top)
    {
        var group = new XElement(Svg + "g", new XAttribute("id", "axis"), Line(scale.Left, top, scale.Right, top, "#333333"));
        foreach (var t in scale.Ticks())
        {
            var x = scale.X(scale.StartMs + t);
            group.Add(Line(x, top, x, top + 5, "#333333"));
            group.Add(Text(x, top + 17, TimeScale.Label(t), ("text-anchor", "middle"), ("class", "tick")));
        }

        return group;
    }

    private static XElement Legend(double top)
    {
        var group = new XElement(Svg + "g", new XAttribute("id", "legend"));
        var x = Left;
        void Item(string label, string colour)
        {
            group.Add(Rect(x, top + 4, 12, 12, colour));
            group.Add(Text(x + 16, top + 14, label));
            x += 24 + (label.Length * 6.5);
        }

        Item("leader (colour per term)", Palette.Term(1));
        foreach (var category in FaultSpans.Categories)
        {
            Item(category, Palette.Fault(category));
        }

        Item("heal", Palette.Heal);
        Item("error", Palette.Error);
        Item("warning", Palette.Warning);
        return group;
    }

    private static XElement El(string name, string text) => new(Svg + name, text);

    private static XElement Rect(double x, double y, double w, double h, string fill, params (string Name, string Value)[] extra) => new(
        Svg + "rect",
        new XAttribute("x", N(x)),
        new XAttribute("y", N(y)),
        new XAttribute("width", N(w)),
        new XAttribute("height", N(h)),
        new XAttribute("fill", fill),
        extra.Select(a => new XAttribute(a.Name, a.Value)));

    private static XElement Line(double x1, double y1, double x2, double y2, string stroke, params (string Name, string Value)[] extra) => new(
        Svg + "line",
        new XAttribute("x1", N(x1)),
        new XAttribute("y1", N(y1)),
        new XAttribute("x2", N(x2)),
        new XAttribute("y2", N(y2)),
        new XAttribute("stroke", stroke),
        extra.Select(a => new XAttribute(a.Name, a.Value)));

    private static XElement Text(double x, double y, string text, params (string Name, string Value)[] extra) => new(
        Svg + "text",
        new XAttribute("x", N(x)),
        new XAttribute("y", N(y)),
        extra.Select(a => new XAttribute(a.Name, a.Value)),
        text);

    private static string N(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
