namespace Wiber.Storage.Tests;

public sealed class FsyncPolicyTests
{
    [Theory]
    [InlineData("always", FsyncMode.Always, 0)]
    [InlineData(" ALWAYS ", FsyncMode.Always, 0)]
    [InlineData("never", FsyncMode.Never, 0)]
    [InlineData("interval:50", FsyncMode.Interval, 50)]
    [InlineData("Interval:1", FsyncMode.Interval, 1)]
    public void Parses_the_three_forms(string text, FsyncMode mode, int ms)
    {
        var policy = FsyncPolicy.Parse(text);
        Assert.Equal(mode, policy.Mode);
        Assert.Equal(TimeSpan.FromMilliseconds(ms), policy.Interval);
        Assert.Equal(policy, FsyncPolicy.Parse(policy.ToString()));
    }

    [Theory]
    [InlineData("", "expected 'always', 'interval:<ms>'")]
    [InlineData("sometimes", "invalid fsync policy 'sometimes'")]
    [InlineData("interval:", "whole number of milliseconds")]
    [InlineData("interval:-5", "whole number of milliseconds")]
    [InlineData("interval:0", "from 1 to 60000")]
    [InlineData("interval:5s", "whole number of milliseconds")]
    [InlineData("interval:999999", "from 1 to 60000")]
    public void Rejects_bad_input_with_a_message_saying_what_is_accepted(string text, string expected)
    {
        var error = Assert.Throws<FormatException>(() => FsyncPolicy.Parse(text));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Never_is_labelled_as_lab_only_in_status()
    {
        Assert.Contains("LAB SPEED RUNS ONLY", FsyncPolicy.Never.Describe(), StringComparison.Ordinal);
        Assert.Equal("interval:50", FsyncPolicy.Parse("interval:50").ToString());
    }
}
