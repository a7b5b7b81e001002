using System.Net;
using System.Net.Sockets;

namespace Wiber.Client.Tests;

public sealed class BadInputTests
{
    [Theory]
    [InlineData("localhost")]
    [InlineData("localhost:")]
    [InlineData("localhost:70000")]
    [InlineData(":7001")]
    [InlineData("a:b:7001")]
    [InlineData("host :7001")]
    public async Task A_malformed_server_address_is_an_ArgumentException_naming_Servers(string server)
    {
        var options = new WiberClientOptions { Servers = ["127.0.0.1:7001", server] };
        var ex = await Assert.ThrowsAsync<ArgumentException>(() => WiberClient.ConnectAsync(options, TestContext.Current.CancellationToken));
        Assert.Equal(nameof(WiberClientOptions.Servers), ex.ParamName);
        Assert.Contains(server, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validation_names_the_bad_field()
    {
        Assert.Equal("Servers", Assert.Throws<ArgumentException>(() => new WiberClientOptions().Validate()).ParamName);
        Assert.Equal("MaxInFlight", Assert.Throws<ArgumentException>(() => new WiberClientOptions { Servers = ["h:1"], MaxInFlight = 0 }.Validate()).ParamName);
        Assert.Equal("FailoverDeadline", Assert.Throws<ArgumentException>(() => new WiberClientOptions { Servers = ["h:1"], FailoverDeadline = TimeSpan.Zero }.Validate()).ParamName);
        Assert.Equal("ConnectTimeout", Assert.Throws<ArgumentException>(() => new WiberClientOptions { Servers = ["h:1"], ConnectTimeout = TimeSpan.FromSeconds(-1) }.Validate()).ParamName);
        new WiberClientOptions { Servers = ["[::1]:7001", "example.org:1"] }.Validate();
    }

    [Fact]
    public async Task An_unreachable_cluster_is_a_WiberUnavailableException_that_says_so()
    {
        var ports = FreePorts(2);
        var options = new WiberClientOptions
        {
            Servers = [.. ports.Select(p => $"127.0.0.1:{p}")],
            ConnectTimeout = TimeSpan.FromMilliseconds(300),
            FailoverDeadline = TimeSpan.FromMilliseconds(600),
        };
        var ex = await Assert.ThrowsAsync<WiberUnavailableException>(() => WiberClient.ConnectAsync(options, TestContext.Current.CancellationToken));
        Assert.Contains("could be reached", ex.Message, StringComparison.Ordinal);
        Assert.Contains($"127.0.0.1:{ports[0]}", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_payload_over_the_limit_is_Failed_with_the_servers_error_and_the_client_keeps_working()
    {
        using var deadline = Fixtures.Deadline(30);
        var ct = deadline.Token;
        await using var cluster = await Fixtures.StartClusterAsync();
        await using var client = await WiberClient.ConnectAsync(Fixtures.Options(cluster), ct);

        var result = await client.PublishAsync("big", new byte[(1024 * 1024) + 1], "too-big-1", ct);
        Assert.Equal(PublishOutcome.Failed, result.Outcome);
        Assert.StartsWith("ERR PAYLOAD_TOO_LARGE", result.Error, StringComparison.Ordinal);
        Assert.Equal("too-big-1", result.MessageId);
        Assert.Equal(1, result.Attempts);

        var ok = await client.PublishAsync("big", new byte[1024 * 1024], cancellationToken: ct);
        Assert.Equal(PublishOutcome.Ok, ok.Outcome);
        Assert.Equal(0, ok.Offset);

        await Assert.ThrowsAsync<ArgumentException>(() => client.PublishAsync("bad topic\nPUB x y", "z", cancellationToken: ct));
        await Assert.ThrowsAsync<ArgumentException>(() => client.PublishAsync("t", "z", "has space", ct));
    }

    private static int[] FreePorts(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ =>
        {
            var l = new TcpListener(IPAddress.Loopback, 0);
            l.Start();
            return l;
        }).ToArray();
        var ports = listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToArray();
        foreach (var l in listeners)
        {
            l.Stop();
        }

        return ports;
    }
}
