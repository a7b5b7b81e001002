using Wiber.Broker.Configuration;

namespace Wiber.Broker.Tests.Configuration;

public sealed class TextFormatTests
{
    [Theory]
    [InlineData("150ms", 150)]
    [InlineData("2s", 2_000)]
    [InlineData("1m", 60_000)]
    [InlineData("1h", 3_600_000)]
    [InlineData(" 5MS ", 5)]
    [InlineData("0s", 0)]
    public void Durations_have_a_whole_number_and_a_unit(string text, long ms)
    {
        Assert.True(DurationText.TryParse(text, out var duration));
        Assert.Equal(TimeSpan.FromMilliseconds(ms), duration);
    }

    [Theory]
    [InlineData("")]
    [InlineData("100")]
    [InlineData("1.5s")]
    [InlineData("-1s")]
    [InlineData("abc")]
    [InlineData("ms")]
    [InlineData("2 weeks")]
    [InlineData("99999999999999999h")]
    public void Anything_else_is_not_a_duration(string text) =>
        Assert.False(DurationText.TryParse(text, out _));

    [Theory]
    [InlineData(150, "150ms")]
    [InlineData(1_000, "1s")]
    [InlineData(90_000, "90s")]
    [InlineData(120_000, "2m")]
    [InlineData(0, "0ms")]
    public void Durations_format_in_the_largest_whole_unit(long ms, string expected) =>
        Assert.Equal(expected, DurationText.Format(TimeSpan.FromMilliseconds(ms)));

    [Theory]
    [InlineData("65536", 65_536)]
    [InlineData("64KiB", 65_536)]
    [InlineData("1 MiB", 1 << 20)]
    [InlineData("2gib", 2L << 30)]
    public void Byte_sizes_are_bytes_or_binary_units(string text, long bytes)
    {
        Assert.True(ByteSizeText.TryParse(text, out var parsed));
        Assert.Equal(bytes, parsed);
        Assert.True(ByteSizeText.TryParse(ByteSizeText.Format(parsed), out var roundTrip));
        Assert.Equal(bytes, roundTrip);
    }

    [Theory]
    [InlineData("1MB")]
    [InlineData("1.5MiB")]
    [InlineData("-1")]
    [InlineData("KiB")]
    [InlineData("99999999999GiB")]
    public void Decimal_units_and_garbage_are_not_sizes(string text) =>
        Assert.False(ByteSizeText.TryParse(text, out _));

    [Theory]
    [InlineData("127.0.0.1:7001", "127.0.0.1", 7001)]
    [InlineData("toxiproxy:18012", "toxiproxy", 18012)]
    [InlineData("[::1]:7001", "::1", 7001)]
    public void Addresses_are_host_colon_port(string text, string host, int port)
    {
        Assert.True(HostPort.TryParse(text, out var address));
        Assert.Equal(new HostPort(host, port), address);
        Assert.Equal(text, address.ToString());
    }

    [Theory]
    [InlineData("localhost")]
    [InlineData(":7001")]
    [InlineData("host:")]
    [InlineData("host:0")]
    [InlineData("host:65536")]
    [InlineData("::1:7001")]
    [InlineData("a b:1")]
    public void Bad_addresses_are_refused(string text) =>
        Assert.False(HostPort.TryParse(text, out _));
}
