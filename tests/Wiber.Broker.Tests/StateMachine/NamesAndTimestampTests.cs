using Wiber.Broker.StateMachine;

namespace Wiber.Broker.Tests.StateMachine;

public sealed class NamesAndTimestampTests
{
    [Theory]
    [InlineData("chat", true)]
    [InlineData("a.b_c-D9", true)]
    [InlineData("", false)]
    [InlineData("has space", false)]
    [InlineData("ünï", false)]
    [InlineData("slash/no", false)]
    [InlineData(null, false)]
    public void Topic_names_are_1_to_200_of_a_small_alphabet(string? name, bool valid)
    {
        Assert.Equal(valid, Names.IsValidTopic(name));
        Assert.Equal(valid, Names.DescribeInvalidTopic(name) is null);
    }

    [Fact]
    public void Topic_length_limit_is_200()
    {
        Assert.True(Names.IsValidTopic(new string('a', 200)));
        Assert.False(Names.IsValidTopic(new string('a', 201)));
        Assert.Contains("more than 200", Names.DescribeInvalidTopic(new string('a', 201)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("abc-123", true)]
    [InlineData("!~{}", true)]
    [InlineData("a b", false)]
    [InlineData("tab\t", false)]
    [InlineData("é", false)]
    [InlineData("", false)]
    public void Message_ids_are_printable_ascii_without_spaces(string id, bool valid)
    {
        Assert.Equal(valid, Names.IsValidMessageId(id));
        Assert.True(Names.IsValidMessageId(new string('x', 128)));
        Assert.False(Names.IsValidMessageId(new string('x', 129)));
    }

    [Fact]
    public void Descriptions_reject_control_characters_and_lone_surrogates()
    {
        Assert.True(Names.IsValidDescription("Orders 𝄞 ✓"));
        Assert.False(Names.IsValidDescription("a\nb"));
        Assert.False(Names.IsValidDescription("\uD834"));
        Assert.False(Names.IsValidDescription(new string('x', 1025)));
    }

    [Fact]
    public void Hybrid_timestamp_packs_ms_above_a_16_bit_counter()
    {
        var timestamp = HybridTimestamp.Create(1_700_000_000_123, 7);

        Assert.Equal((1_700_000_000_123UL << 16) | 7, timestamp);
        Assert.Equal(1_700_000_000_123, HybridTimestamp.UnixMs(timestamp));
        Assert.Equal(7, HybridTimestamp.Logical(timestamp));
        Assert.True(HybridTimestamp.Create(5, ushort.MaxValue) < HybridTimestamp.Create(6, 0));
        Assert.Equal("1700000000123.7", HybridTimestamp.Format(timestamp));
        Assert.Equal(HybridTimestamp.Create(0, 0), HybridTimestamp.FirstOf(-5));
        Assert.Throws<ArgumentOutOfRangeException>(() => HybridTimestamp.Create(HybridTimestamp.MaxUnixMs + 1, 0));
    }
}
