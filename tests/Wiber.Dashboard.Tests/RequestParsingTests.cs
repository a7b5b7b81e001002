using System.Text;
using Wiber.Lab.Dashboard.Requests;
using Wiber.Lab.State;
using Wiber.Lab.Topology;

namespace Wiber.Lab.Dashboard.Tests;

/// <summary>The API's request parsing: pure, strict, and every refusal names the field.</summary>
public sealed class RequestParsingTests
{
    private static byte[] B(string json) => Encoding.UTF8.GetBytes(json);

    private static RequestException Refused(Action parse, string? field, string mentions)
    {
        var ex = Assert.Throws<RequestException>(parse);
        Assert.Equal(field, ex.Field);
        Assert.Contains(mentions, ex.Message, StringComparison.Ordinal);
        return ex;
    }

    [Fact]
    public void Partition_Groups_AsArraysOrBlockadeStrings()
    {
        var request = PartitionRequest.Parse(B("""{"groups": [["n1"], ["n2", "n3"]], "one_way": true}"""));
        Assert.Equal(["n1", "n2,n3"], request.Groups);
        Assert.True(request.OneWay);
        Assert.False(request.Reset);
        Assert.Null(request.Links);

        Assert.Equal(["n1,n2", "n3"], PartitionRequest.Parse(B("""{"groups": ["n1,n2", "n3"], "reset": true}""")).Groups);
    }

    [Fact]
    public void Partition_Links_AreDirected()
    {
        var request = PartitionRequest.Parse(B("""{"links": [{"from": "n1", "to": "n2"}, {"to": "n1", "from": "n3"}]}"""));
        Assert.Equal([new Link("n1", "n2"), new Link("n3", "n1")], request.Links);
        Assert.Null(request.Groups);
        Assert.Equal("n1-/->n2, n3-/->n1", PartitionRequest.Describe(request.Links!));
    }

    [Fact]
    public void Partition_MalformedRequests_NameTheField()
    {
        Refused(() => PartitionRequest.Parse(B("""{"groups": [["n1"]""")), null, "request body is not valid JSON");
        Refused(() => PartitionRequest.Parse(B("""[["n1"]]""")), null, "must be a JSON object, was an array");
        Refused(() => PartitionRequest.Parse(B("""{"groups": [["n1"]]} {}""")), null, "request body is not valid JSON");
        Refused(() => PartitionRequest.Parse(B("{}")), "groups", "groups: required");
        Refused(() => PartitionRequest.Parse(B("")), "groups", "groups: required");
        Refused(() => PartitionRequest.Parse(B("""{"groups": "n1"}""")), "groups", "groups: must be an array of groups");
        Refused(() => PartitionRequest.Parse(B("""{"groups": [["n1"], 5]}""")), "groups[1]", "was the number 5");
        Refused(() => PartitionRequest.Parse(B("""{"groups": [["n1", 2]]}""")), "groups[0][1]", "must be a node id");
        Refused(() => PartitionRequest.Parse(B("""{"groups": [[]]}""")), "groups[0]", "at least one node id");
        Refused(() => PartitionRequest.Parse(B("""{"groups": [["n1,n2"]]}""")), "groups[0][0]", "is not a node id");
        Refused(() => PartitionRequest.Parse(B("""{"groups": [["n1"]], "oneway": true}""")), "oneway", "unknown field 'oneway'");
        Refused(() => PartitionRequest.Parse(B("""{"groups": [["n1"]], "one_way": "yes"}""")), "one_way", "must be true or false");
        Refused(() => PartitionRequest.Parse(B("""{"groups": [["n1"]], "links": []}""")), "links", "either groups or links");
        Refused(() => PartitionRequest.Parse(B("""{"links": []}""")), "links", "at least one link");
        Refused(() => PartitionRequest.Parse(B("""{"links": [{"from": "n1"}]}""")), "links[0].to", "required");
        Refused(() => PartitionRequest.Parse(B("""{"links": [{"from": "n1", "to": "n2", "via": "n3"}]}""")), "links[0].via", "unknown field 'via'");
        Refused(() => PartitionRequest.Parse(B("""{"links": ["n1:n2"]}""")), "links[0]", "must be an object");
        Refused(() => PartitionRequest.Parse(B("""{"links": [{"from": "n1", "to": "n2"}], "one_way": true}""")), "one_way", "applies to groups");
    }

    [Fact]
    public void Partition_LeavesWhatOnlyTheLabKnows_ToTheLab()
    {
        // Unknown ids and overlapping groups are the lab's to refuse (under its lock, in the CLI's words).
        Assert.Equal(["n9", "n1,n9"], PartitionRequest.Parse(B("""{"groups": [["n9"], ["n1", "n9"]]}""")).Groups);
        Assert.Empty(PartitionRequest.Parse(B("""{"groups": []}""")).Groups!);
    }

    [Fact]
    public void Start_TakesTheOptionsOfLabUp_WithTheCliRanges()
    {
        var defaults = StartRequest.Parse([]);
        Assert.Equal(3, defaults.Nodes);
        Assert.Equal(LabTimings.Default, defaults.Timings);
        Assert.Equal("process", defaults.Backend);

        var options = StartRequest.Parse(B("""{"nodes": 5, "fast": true, "fsync": "never", "port_base": 0, "toxiproxy": "http://127.0.0.1:8474"}"""));
        Assert.Equal(5, options.Nodes);
        Assert.Equal(LabTimings.Fast, options.Timings);
        Assert.Equal("never", options.Fsync);
        Assert.Equal(new Uri("http://127.0.0.1:8474"), options.Toxiproxy);

        Assert.Equal("--nodes must be 1..9, was 12", Assert.Throws<LabException>(() => StartRequest.Parse(B("""{"nodes": 12}"""))).Message);
        Assert.Equal("--port-base must be 0..65000, was 70000", Assert.Throws<LabException>(() => StartRequest.Parse(B("""{"port_base": 70000}"""))).Message);
        Assert.Contains("is not a URL like", Assert.Throws<LabException>(() => StartRequest.Parse(B("""{"toxiproxy": "localhost:8474"}"""))).Message, StringComparison.Ordinal);
        Refused(() => StartRequest.Parse(B("""{"nodes": "three"}""")), "nodes", "must be a whole number");
        Refused(() => StartRequest.Parse(B("""{"nodes": 2.5}""")), "nodes", "must be a whole number");
        Refused(() => StartRequest.Parse(B("""{"node": 3}""")), "node", "unknown field 'node'");
    }

    [Fact]
    public void Slow_Flaky_Skew_ReadDurationsAsTheCliDoes()
    {
        var slow = SlowRequest.Parse(B("""{"target": "n1:n2", "latency": "200ms", "jitter": 50, "bandwidth": 64}"""));
        Assert.Equal(new SlowRequest("n1:n2", TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(50), 64), slow);
        Refused(() => SlowRequest.Parse(B("""{"latency": "200ms"}""")), "target", "target: required");
        Refused(() => SlowRequest.Parse(B("""{"target": "n1", "latency": "fast"}""")), "latency", "latency: 'fast' is not a duration");
        Refused(() => SlowRequest.Parse(B("""{"target": "n1", "latency": "-5ms"}""")), "latency", "0 or more");
        Refused(() => SlowRequest.Parse(B("""{"target": "n1", "latency": true}""")), "latency", "must be a duration");

        Assert.Equal(new FlakyRequest("n3", "reset", 1.0, null), FlakyRequest.Parse(B("""{"target": "n3"}""")));
        Assert.Equal(new FlakyRequest("all", "limit", 0.3, 1000), FlakyRequest.Parse(B("""{"target": "all", "kind": "limit", "probability": 0.3, "bytes": 1000}""")));

        Assert.Equal(TimeSpan.FromMilliseconds(-2000), SkewRequest.Parse(B("""{"offset": "-2s"}""")));
        Assert.Equal(TimeSpan.Zero, SkewRequest.Parse(B("""{"offset": "0"}""")));
        Refused(() => SkewRequest.Parse(B("{}")), "offset", "offset: required");
    }

    [Fact]
    public void Publish_Defaults_Bounds_AndNumberedMessages()
    {
        var one = PublishRequest.Parse(B("""{"topic": "chat", "message": "hi"}"""));
        Assert.Equal(new PublishRequest("chat", "hi", null, 1, PublishRequest.DefaultWait, Background: false), one);
        Assert.True(PublishRequest.Parse(B("""{"topic": "chat", "message": "hi", "background": true}""")).Background);
        Assert.Equal("hi", one.MessageText(1));
        Assert.Null(one.MessageId(1));

        var burst = PublishRequest.Parse(B("""{"topic": "load", "message": "m {i}", "id": "run-1", "count": 3, "wait_ms": 0}"""));
        Assert.Equal(["m 1", "m 2", "m 3"], Enumerable.Range(1, 3).Select(burst.MessageText));
        Assert.Equal(["run-1-1", "run-1-2", "run-1-3"], Enumerable.Range(1, 3).Select(burst.MessageId));
        Assert.Equal(TimeSpan.Zero, burst.Wait);

        Assert.Equal("", PublishRequest.Parse(B("""{"topic": "t", "message": ""}""")).Message);
        Refused(() => PublishRequest.Parse(B("""{"message": "hi"}""")), "topic", "topic: required");
        Refused(() => PublishRequest.Parse(B("""{"topic": "t"}""")), "message", "message: required");
        Refused(() => PublishRequest.Parse(B("""{"topic": "t", "message": "x", "count": 0}""")), "count", "count: must be 1..10000, was 0");
        Refused(() => PublishRequest.Parse(B("""{"topic": "t", "message": "x", "wait_ms": 61000}""")), "wait_ms", "wait_ms: must be 0..60000");
    }

    [Fact]
    public void JsonRequest_NullMeansAbsent_AndBlankBodiesAreEmptyObjects()
    {
        var json = JsonRequest.Parse(B("""{"a": null, "b": "x"}"""), "a", "b");
        Assert.False(json.Has("a"));
        Assert.Null(json.String("a"));
        Assert.Equal("x", json.String("b"));
        Assert.False(JsonRequest.Parse(B("  \n "), "a").Has("a"));
    }
}
