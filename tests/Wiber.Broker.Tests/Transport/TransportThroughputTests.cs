using System.Diagnostics;

namespace Wiber.Broker.Tests.Transport;

/// <summary>A measurement, not a gate: prints small-Append throughput between two loopback transports.</summary>
public sealed class TransportThroughputTests
{
    [Fact]
    public async Task Small_appends_stream_between_two_transports_without_loss()
    {
        // Production liveness settings: a GC pause on a busy machine must not look like a silent drop mid-measurement.
        var options = TestNodes.FastOptions with { KeepaliveInterval = TimeSpan.FromMilliseconds(500), IdleTimeout = TimeSpan.FromSeconds(5) };
        await using var nodes = TestNodes.Create(2, options).StartAll();
        await nodes.AllConnected();
        const int count = 300_000;
        var messages = Enumerable.Range(0, count).Select(i => RandomMessages.Append(1, 2, (ulong)i, payloadBytes: 64)).ToArray();

        var clock = Stopwatch.StartNew();
        var receiving = TestNodes.ReceiveAsync(nodes[2].Incoming, count, TimeSpan.FromSeconds(60));
        foreach (var message in messages)
        {
            nodes[1].Send(message);
        }
        List<Wiber.Raft.Message> received;
        try
        {
            received = await receiving;
        }
        catch
        {
            Console.WriteLine($"{nodes.Logs[1]}\n{nodes.Logs[2]}\n{nodes.Link(1, 2)}\n{nodes.Link(2, 1)}");
            throw;
        }
        clock.Stop();

        Assert.Equal((ulong)(count - 1), received[^1].Index);
        var link = nodes.Link(1, 2);
        var rate = count / clock.Elapsed.TotalSeconds;
        var line = $"transport throughput: {count} Append messages (64-byte entry) in {clock.Elapsed.TotalMilliseconds:0} ms = {rate:0} msg/s, " +
            $"{link.BytesSent / clock.Elapsed.TotalSeconds / (1 << 20):0.0} MiB/s on the wire, {(double)link.BytesSent / count:0} bytes/message";
        TestContext.Current.TestOutputHelper?.WriteLine(line);
        Console.WriteLine(line);
        Assert.Equal(0, link.DroppedQueueFull);
        Assert.Equal(0, nodes[2].GetStatus().IncomingDropped);
    }
}
