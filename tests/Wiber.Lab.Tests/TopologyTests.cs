using Wiber.Lab;
using Wiber.Lab.State;
using Wiber.Lab.Topology;

namespace Wiber.Lab.Tests;

/// <summary>Partition groups, link selection and durations: pure logic, every rule and every refusal.</summary>
public sealed class TopologyTests
{
    private static readonly string[] Three = ["n1", "n2", "n3"];
    private static readonly string[] Five = ["n1", "n2", "n3", "n4", "n5"];

    [Fact]
    public void IsolatingOneNode_CutsItFromEveryOtherNode_BothWays()
    {
        var plan = PartitionPlan.Create(Three, ["n1"], oneWay: false);
        Assert.Equal([["n1"], ["n2", "n3"]], plan.Groups.Select(g => g.ToArray()));
        Assert.Equal(
            ["n1->n2", "n1->n3", "n2->n1", "n3->n1"],
            plan.Cuts.Select(c => c.ToString()).Order(StringComparer.Ordinal));
        Assert.Equal("n1 | n2,n3", plan.Describe());
    }

    [Fact]
    public void SplittingFiveNodes_CutsEveryLinkBetweenTheHalves_AndNoneWithin()
    {
        var plan = PartitionPlan.Create(Five, ["n1,n2", "n3,n4,n5"], oneWay: false);
        Assert.Equal(2, plan.Groups.Count);
        Assert.Equal(2 * 2 * 3, plan.Cuts.Count);
        Assert.DoesNotContain(new Link("n1", "n2"), plan.Cuts);
        Assert.DoesNotContain(new Link("n4", "n5"), plan.Cuts);
        Assert.Contains(new Link("n5", "n1"), plan.Cuts);
    }

    [Fact]
    public void ThreeGroups_AreAllCutFromEachOther()
    {
        var plan = PartitionPlan.Create(Five, ["n1", "n2,n3"], oneWay: false);
        Assert.Equal(3, plan.Groups.Count);
        Assert.Equal(["n4", "n5"], plan.Groups[2]);
        Assert.Contains(new Link("n2", "n4"), plan.Cuts);
        Assert.Contains(new Link("n1", "n3"), plan.Cuts);
        Assert.DoesNotContain(new Link("n4", "n5"), plan.Cuts);
    }

    [Fact]
    public void OneWay_CutsOnlyTheFirstGroupsOutgoingLinks()
    {
        var plan = PartitionPlan.Create(Three, ["n1"], oneWay: true);
        Assert.Equal(["n1->n2", "n1->n3"], plan.Cuts.Select(c => c.ToString()).Order(StringComparer.Ordinal));
        Assert.Equal("n1 -/-> n2,n3", plan.Describe());
    }

    [Theory]
    [InlineData(LabErrorKind.Usage, "two groups", "n1", "n1,n2")]
    [InlineData(LabErrorKind.Usage, "named twice", "n1,n1")]
    [InlineData(LabErrorKind.UnknownNode, "unknown node 'n9'", "n9")]
    [InlineData(LabErrorKind.Usage, "empty node id", "n1,,n2")]
    [InlineData(LabErrorKind.Usage, "at least two groups", "n1,n2,n3")]
    [InlineData(LabErrorKind.Usage, "name at least one group")]
    public void BadGroups_AreRefusedWithAReason(LabErrorKind kind, string reason, params string[] groups)
    {
        var error = Assert.Throws<LabException>(() => PartitionPlan.Create(Three, groups, oneWay: false));
        Assert.Equal(kind, error.Kind);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LinkSelector_NodeMeansEveryLinkTouchingIt_PairMeansOneDirectedLink_AllMeansAll()
    {
        Assert.Equal(4, LinkSelector.Select(Three, "n2").Count);
        Assert.All(LinkSelector.Select(Three, "n2"), l => Assert.True(l.From == "n2" || l.To == "n2"));
        Assert.Equal([new Link("n1", "n3")], LinkSelector.Select(Three, "n1:n3"));
        Assert.Equal(6, LinkSelector.Select(Three, "all").Count);
    }

    [Theory]
    [InlineData("n7", LabErrorKind.UnknownNode)]
    [InlineData("n1:n9", LabErrorKind.UnknownNode)]
    [InlineData("n1:n1", LabErrorKind.Usage)]
    [InlineData("n1:n2:n3", LabErrorKind.Usage)]
    public void LinkSelector_RefusesWhatIsNotALinkOfThisLab(string target, LabErrorKind kind) =>
        Assert.Equal(kind, Assert.Throws<LabException>(() => LinkSelector.Select(Three, target)).Kind);

    [Theory]
    [InlineData("200ms", 200)]
    [InlineData("1.5s", 1500)]
    [InlineData("2m", 120_000)]
    [InlineData("0", 0)]
    public void Durations_Parse(string text, double ms) => Assert.Equal(ms, Durations.Parse(text, "--latency").TotalMilliseconds);

    [Theory]
    [InlineData("+500ms", 500)]
    [InlineData("-2s", -2000)]
    public void Offsets_MayBeNegative(string text, double ms) => Assert.Equal(ms, Durations.Parse(text, "offset", allowNegative: true).TotalMilliseconds);

    [Theory]
    [InlineData("fast")]
    [InlineData("200")]
    [InlineData("-5ms")]
    [InlineData("25h")]
    [InlineData("")]
    public void Durations_RefuseNonsense_NamingTheOption(string text)
    {
        var error = Assert.Throws<LabException>(() => Durations.Parse(text, "--latency"));
        Assert.Equal(LabErrorKind.Usage, error.Kind);
        Assert.StartsWith("--latency", error.Message, StringComparison.Ordinal);
    }
}
