using System.Text;
using System.Text.RegularExpressions;
using Wiber.Client;
using Wiber.Lab.Dashboard.Api;
using Wiber.Lab.Dashboard.Live;
using Wiber.Lab.Dashboard.Page;
using Wiber.Lab.Dashboard.Requests;
using Wiber.Lab.Dashboard.Views;
using Wiber.Lab.State;

namespace Wiber.Lab.Dashboard.Tests;

/// <summary>The pure parts behind the page: problem mapping, link matrix, timeline, event format, console tail, assets.</summary>
public sealed partial class ViewTests
{
    [Theory]
    [InlineData(LabErrorKind.Usage, 400, "usage")]
    [InlineData(LabErrorKind.UnknownNode, 404, "unknown_node")]
    [InlineData(LabErrorKind.NotRunning, 409, "not_running")]
    [InlineData(LabErrorKind.AlreadyRunning, 409, "already_running")]
    [InlineData(LabErrorKind.VersionMismatch, 409, "version_mismatch")]
    [InlineData(LabErrorKind.PortInUse, 409, "port_in_use")]
    [InlineData(LabErrorKind.Failed, 500, "failed")]
    public void Problem_MapsEveryLabError_KeepingTheLabsWords(LabErrorKind kind, int status, string name)
    {
        var problem = Problem.From(new LabException(kind, "the lab's own\nwords"));
        Assert.Equal(status, problem.Status);
        Assert.Equal(name, problem.Kind);
        Assert.Equal("the lab's own words", problem.Detail);
        Assert.Equal($"urn:wiber:problem:{name.Replace('_', '-')}", problem.Type);
    }

    [Fact]
    public void Problem_ForRequestsAndTheCluster()
    {
        var request = Problem.From(new RequestException("groups[1]", "groups[1]: must be …"));
        Assert.Equal((400, "invalid_request", "groups[1]"), (request.Status, request.Kind, request.Field));
        var argument = Problem.From(new ArgumentException("'a b' is not a valid name", "messageId"));
        Assert.Equal((400, "id"), (argument.Status, argument.Field));
        var unavailable = Problem.From(new WiberUnavailableException("no server answered"));
        Assert.Equal((503, "cluster unavailable: no server answered"), (unavailable.Status, unavailable.Detail));
        Assert.Equal(500, Problem.From(new InvalidOperationException("boom")).Status);
    }

    [Theory]
    [InlineData("127.0.0.1:8080", null, true, null)]
    [InlineData("localhost:8080", "http://localhost:8080", true, null)]
    [InlineData("[::1]:8080", null, true, null)]
    [InlineData("127.0.0.1:8080", "http://127.0.0.1:8080", true, null)]
    [InlineData("127.0.0.1:8080", "http://evil.example", true, "another site")]
    [InlineData("127.0.0.1:8080", "null", true, "another site")]
    [InlineData("evil.example:8080", "http://evil.example:8080", true, "loopback only")]
    [InlineData("labhost:8080", "http://labhost:8080", false, null)]
    [InlineData("labhost:8080", "http://evil.example", false, "another site")]
    [InlineData("", null, true, "valid Host")]
    public void RequestGuard_RefusesOtherSitesAndRebindingHosts(string host, string? origin, bool loopbackOnly, string? refusal)
    {
        var actual = RequestGuard.Refusal(host, origin, loopbackOnly);
        if (refusal is null)
        {
            Assert.Null(actual);
        }
        else
        {
            Assert.Contains(refusal, actual, StringComparison.Ordinal);
        }
    }

    private static LabState State(params LabFault[] faults) => new()
    {
        Version = 1,
        LabId = "lab-test",
        Backend = "process",
        CreatedAt = DateTimeOffset.UnixEpoch,
        Proxy = new LabProxy("http://127.0.0.1:1", null, null),
        Nodes = [.. new[] { "n1", "n2", "n3" }.Select(id => new LabNode
        {
            Id = id, Host = "127.0.0.1", ClientPort = 1, PeerPort = 2, AdminPort = 3, ClientProxyPort = 4,
            PeerProxyPorts = new Dictionary<string, int>(), DataDirectory = "/tmp/x", State = "running",
        })],
        Faults = faults,
    };

    [Fact]
    public void LinkMatrix_ShowsEachFaultOnTheDirectedLinksItsToxicsSitOn()
    {
        var state = State(
            new LabFault("partition", "partition n1 | n2,n3", DateTimeOffset.UnixEpoch, ["n1"], [new LabToxic("n1-to-n2", "a"), new LabToxic("n2-to-n1", "b")]),
            new LabFault("slow", "slow n2:n3: latency 200ms", DateTimeOffset.UnixEpoch, ["n2", "n3"], [new LabToxic("n2-to-n3", "c")]),
            new LabFault("flaky", "flaky n2:n3: reset p=0.5", DateTimeOffset.UnixEpoch, ["n2", "n3"], [new LabToxic("n2-to-n3", "d"), new LabToxic("n1-client", "e")]));
        var links = LinkView.All(state);
        Assert.Equal(6, links.Count);
        Assert.Equal(["n1>n2", "n1>n3", "n2>n1", "n2>n3", "n3>n1", "n3>n2"], links.Select(l => $"{l.From}>{l.To}"));
        var byName = links.ToDictionary(l => $"{l.From}>{l.To}");
        Assert.True(byName["n1>n2"].Cut && byName["n2>n1"].Cut);
        Assert.False(byName["n1>n3"].Cut || byName["n1>n3"].Slow || byName["n1>n3"].Flaky);
        Assert.True(byName["n2>n3"] is { Cut: false, Slow: true, Flaky: true });
        Assert.Equal(["slow n2:n3: latency 200ms", "flaky n2:n3: reset p=0.5"], byName["n2>n3"].Faults);
        Assert.All(LinkView.All(State()), l => Assert.False(l.Cut || l.Slow || l.Flaky));
    }

    [Fact]
    public void Timeline_ComputesThroughput_AndMarksLeaderChanges_Bounded()
    {
        var timeline = new Timeline(capacity: 4);
        Assert.Null(timeline.Add(1000, 10, "n1", 1).CommitsPerSecond);      // nothing to compare with yet
        var second = timeline.Add(1500, 60, "n1", 1);
        Assert.Equal(100, second.CommitsPerSecond);
        Assert.False(second.LeaderChanged);
        var gap = timeline.Add(2000, 50, null, 2);                          // the node with the highest commit died
        Assert.Equal(0, gap.CommitsPerSecond);
        Assert.False(gap.LeaderChanged);
        var next = timeline.Add(2500, 70, "n2", 2);
        Assert.Equal(40, next.CommitsPerSecond);
        Assert.True(next.LeaderChanged);
        Assert.True(timeline.Add(3000, 70, "n2", 3).LeaderChanged);          // same node, new term: a new leadership
        Assert.Equal([1500L, 2000, 2500, 3000], timeline.View().Samples.Select(s => s.AtMs));

        timeline.Reset();                                                     // a new lab: indexes start again
        var fresh = timeline.Add(3500, 2, "n3", 1);
        Assert.Null(fresh.CommitsPerSecond);
        Assert.True(fresh.LeaderChanged);                                     // its first leader is marked too
    }

    [Fact]
    public void ServerSentEvent_Format()
    {
        Assert.Equal("event: snapshot\ndata: {\"a\":1}\n\n", new SseMessage("snapshot", "{\"a\":1}").Format());
        Assert.Equal("event: x\ndata: one\ndata: two\n\n", new SseMessage("x", "one\r\ntwo").Format());
    }

    [Fact]
    public void ConsoleTail_FollowsAppends_BoundsItsMemory_AndRereadsAReplacedFile()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("wiber-tail-").FullName, "console.log");
        try
        {
            var tail = new ConsoleTail(path, keep: 3);
            Assert.Empty(tail.Poll());                                   // no file yet
            File.WriteAllText(path, "one\ntwo\nthr");
            Assert.Equal(["one", "two"], tail.Poll());                   // the partial line waits
            File.AppendAllText(path, "ee\nfour\r\nfive\n");
            Assert.Equal(["three", "four", "five"], tail.Poll());
            Assert.Empty(tail.Poll());
            Assert.Equal(["three", "four", "five"], tail.Recent);        // bounded to the last 3

            File.WriteAllText(path, "new\n");                             // replaced by a shorter file
            Assert.Equal(["new"], tail.Poll());

            File.WriteAllText(path, new string('x', ConsoleTail.Window + 10) + "\nlast\n");
            var big = new ConsoleTail(path);
            Assert.Equal(["last"], big.Poll());                          // starts within its window, at a line start

            File.WriteAllBytes(path, [.. Encoding.UTF8.GetBytes("caf"), 0xC3]);
            var split = new ConsoleTail(path);
            Assert.Empty(split.Poll());
            File.AppendAllBytes(path, [0xA9, (byte)'\n']);
            Assert.Equal(["café"], split.Poll());                        // a character cut between reads
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
        }
    }

    [Fact]
    public void PageAssets_AreEmbedded_AndEveryFileThePageLoadsIsThere()
    {
        var names = PageAssets.Names.ToHashSet(StringComparer.Ordinal);
        Assert.Contains("index.html", names);
        Assert.Contains("dashboard.css", names);
        Assert.Contains("dashboard.js", names);
        var assembly = typeof(PageAssets).Assembly;
        string Read(string name)
        {
            using var stream = assembly.GetManifestResourceStream("page/" + name)!;
            using var reader = new StreamReader(stream);
            return reader.ReadToEnd();
        }

        var html = Read("index.html");
        foreach (Match m in HtmlReference().Matches(html))
        {
            Assert.Contains(m.Groups["file"].Value, names);
        }

        foreach (var script in names.Where(n => n.EndsWith(".js", StringComparison.Ordinal)))
        {
            foreach (Match m in ImportReference().Matches(Read(script)))
            {
                Assert.True(names.Contains(m.Groups["file"].Value), $"{script} imports {m.Groups["file"].Value}, which is not embedded");
            }
        }

        Assert.DoesNotContain("http://", html.Replace("http://www.w3.org", "", StringComparison.Ordinal), StringComparison.Ordinal);   // no CDN
        Assert.DoesNotContain("https://", html, StringComparison.Ordinal);
        Assert.Equal("text/javascript; charset=utf-8", PageAssets.ContentType("x.js"));
    }

    [GeneratedRegex("(?:src|href)=\"(?<file>[a-z]+\\.(?:js|css))\"")]
    private static partial Regex HtmlReference();

    [GeneratedRegex("from '\\./(?<file>[a-z]+\\.js)'")]
    private static partial Regex ImportReference();
}
