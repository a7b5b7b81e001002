using System.Xml.Linq;

namespace Wiber.Checker.Tests;

public sealed class TimelineTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    [Fact]
    public void The_svg_is_well_formed_with_a_lane_per_node_in_natural_order()
    {
        var (history, result) = Scenario();

        var svg = XDocument.Parse(TimelineSvg.Render(history, result)).Root!;

        Assert.Equal(Svg + "svg", svg.Name);
        Assert.Equal(["n1", "n2", "n3", "n10"], Lanes(svg).Select(l => (string)l.Attribute("data-node")!));
        Assert.Equal(["n1", "n2", "n3", "n10"], Lanes(svg).Select(l => l.Elements(Svg + "text").Single(t => (string?)t.Attribute("class") == "lane-label").Value));
    }

    [Fact]
    public void Lanes_show_leader_bands_per_term_and_fault_spans_from_the_event_log()
    {
        var (history, result) = Scenario();

        var svg = XDocument.Parse(TimelineSvg.Render(history, result)).Root!;

        var leaders = Lanes(svg).ToDictionary(
            l => (string)l.Attribute("data-node")!,
            l => l.Elements().Where(e => (string?)e.Attribute("class") == "leader").Select(e => (string)e.Attribute("data-term")!).ToList());
        Assert.Equal(["1"], leaders["n1"]);
        Assert.Equal(["2"], leaders["n2"]);
        Assert.Empty(leaders["n3"]);
        Assert.Contains(svg.Descendants(Svg + "text"), t => t.Value == "t2");

        var faults = Lanes(svg).SelectMany(l => l.Elements()
            .Where(e => (string?)e.Attribute("class") == "fault")
            .Select(e => ((string)l.Attribute("data-node")!, (string)e.Attribute("data-category")!)))
            .ToList();
        Assert.Equal([("n1", "partition"), ("n2", "paused"), ("n3", "down"), ("n10", "slow")], faults);
    }

    [Fact]
    public void Cluster_down_and_up_and_spans_left_open_are_drawn()
    {
        var b = new HistoryBuilder();
        b.At(0).Status("n1", NodeRole.Leader, 1, 0).Status("n2", NodeRole.Follower, 1, 0);
        b.At(1_000).Event("down", "n1", "n2").At(2_000).Event("up", "n1", "n2");
        b.At(3_000).Event("partition").At(4_000).Status("n1", NodeRole.Leader, 1, 0);
        var history = b.Build();

        var svg = XDocument.Parse(TimelineSvg.Render(history, HistoryChecker.Check(history))).Root!;

        foreach (var lane in Lanes(svg))
        {
            var categories = lane.Elements().Where(e => (string?)e.Attribute("class") == "fault").Select(e => (string)e.Attribute("data-category")!);
            Assert.Equal(["down", "partition"], categories);
        }

        var open = Lanes(svg).First().Elements().Single(e => (string?)e.Attribute("data-category") == "partition");
        Assert.Contains("(3s – 4s)", open.Element(Svg + "title")!.Value, StringComparison.Ordinal);
    }

    [Fact]
    public void It_draws_throughput_bars_heal_lines_with_recovery_and_anomaly_markers()
    {
        var (history, result) = Scenario();

        var svg = XDocument.Parse(TimelineSvg.Render(history, result)).Root!;

        var bars = Group(svg, "throughput").Elements(Svg + "rect").Where(r => (string?)r.Attribute("class") == "bar").ToList();
        Assert.Equal(2, bars.Count);
        Assert.Contains(bars, b => b.Element(Svg + "title")!.Value == "0s: 2 acks/s");
        var heal = Assert.Single(Group(svg, "heals").Elements());
        Assert.Contains(heal.Descendants(Svg + "text"), t => t.Value == "+1100ms");
        var markers = Group(svg, "anomalies").Elements().Where(e => (string?)e.Attribute("class") == "anomaly").ToList();
        Assert.Equal(["lost"], markers.Select(m => (string)m.Attribute("data-kind")!));
        Assert.Contains("'m1' acknowledged at offset 1", markers[0].Element(Svg + "title")!.Value, StringComparison.Ordinal);
        Assert.Contains("INVALID", Group(svg, "header").Value, StringComparison.Ordinal);
        Assert.Contains(Group(svg, "axis").Descendants(Svg + "text"), t => t.Value == "0s");
    }

    [Fact]
    public void Text_from_the_history_is_escaped_and_survives_parsing()
    {
        var nasty = "isolate <n1> & \"n2\" 'quoted' ]]>";
        var b = new HistoryBuilder();
        b.EventWithDetail("partition", nasty, "n1<x>");
        var history = b.Build();

        var text = TimelineSvg.Render(history, HistoryChecker.Check(history), new TimelineOptions { Title = "run <1> & co" });
        var svg = XDocument.Parse(text).Root!;

        Assert.Contains(svg.Descendants(Svg + "title"), t => t.Value.Contains(nasty, StringComparison.Ordinal));
        Assert.Equal("run <1> & co", svg.Element(Svg + "title")!.Value);
        Assert.Equal("n1<x>", (string)Assert.Single(Lanes(svg)).Attribute("data-node")!);
        Assert.DoesNotContain("<n1>", text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_input_gives_the_same_bytes_and_no_invalid_numbers()
    {
        var (history, result) = Scenario();

        var first = TimelineSvg.Render(history, result);
        var second = TimelineSvg.Render(history, HistoryChecker.Check(history));

        Assert.Equal(first, second);
        Assert.DoesNotContain("NaN", first, StringComparison.Ordinal);
        Assert.DoesNotContain("Infinity", first, StringComparison.Ordinal);
        Assert.DoesNotContain("\r", first, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_history_still_renders_a_valid_picture()
    {
        var history = new History([]);

        var svg = XDocument.Parse(TimelineSvg.Render(history, HistoryChecker.Check(history))).Root!;

        Assert.Empty(Lanes(svg));
        Assert.Contains("VALID", Group(svg, "header").Value, StringComparison.Ordinal);
    }

    [Fact]
    public void The_html_page_embeds_the_svg_and_summary_and_loads_nothing_from_outside()
    {
        var (history, result) = Scenario();

        var html = TimelineHtml.Render(history, result, new TimelineOptions { Title = "lab <run>" });

        Assert.StartsWith("<!DOCTYPE html>\n", html, StringComparison.Ordinal);
        Assert.Contains("<title>lab &lt;run&gt;</title>", html, StringComparison.Ordinal);
        Assert.Contains("<svg", html, StringComparison.Ordinal);
        Assert.Contains("<pre id=\"summary\">verdict: INVALID", html, StringComparison.Ordinal);
        Assert.Contains("&#39;m1&#39;", html, StringComparison.Ordinal);
        foreach (var external in new[] { "<script", "src=", "href=", "url(", "@import", "<link" })
        {
            Assert.DoesNotContain(external, html, StringComparison.OrdinalIgnoreCase);
        }

        Assert.Equal(["http://www.w3.org/2000/svg"], System.Text.RegularExpressions.Regex.Matches(html, "https?://[^\"' ]+").Select(m => m.Value).Distinct());
    }

    /// <summary>Four nodes (n10 sorts last), two terms, one of each fault, a heal and one lost message.</summary>
    private static (History History, CheckResult Result) Scenario()
    {
        var b = new HistoryBuilder();
        b.At(0).Status("n1", NodeRole.Leader, 1, 0).Status("n2", NodeRole.Follower, 1, 0).Status("n3", NodeRole.Follower, 1, 0).Status("n10", NodeRole.Follower, 1, 0);
        b.At(100).Ok("m0", 0).Ok("m1", 1);
        b.At(1_000).Event("partition", "n1").Event("pause", "n2").Event("kill", "n3").Event("slow", "n10");
        b.At(1_500).Status("n2", NodeRole.Leader, 2, 3).Status("n1", NodeRole.Unknown, 1, 2);
        b.At(2_000).Event("resume", "n2").Event("start", "n3");
        b.At(3_000).Event("heal");
        b.At(4_000).Ok("m2", 2, durationMs: 100);
        b.At(4_500).Status("n2", NodeRole.Leader, 2, 4);
        b.At(5_000).Scan("n1", "m0", "x", "m2").Scan("n2", "m0", "x", "m2").Unknown("x");
        var history = b.Build();
        return (history, HistoryChecker.Check(history));
    }

    private static IEnumerable<XElement> Lanes(XElement svg) => Group(svg, "lanes").Elements(Svg + "g");

    private static XElement Group(XElement svg, string id) => svg.Elements(Svg + "g").Single(g => (string?)g.Attribute("id") == id);
}
