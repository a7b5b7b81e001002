using System.Buffers;
using System.Net;
using Microsoft.Extensions.Logging;
using Wiber.Broker.Transport;
using Wiber.Raft;

namespace Wiber.Broker.Tests.Transport;

/// <summary>Peers that are down, restart, black-hole traffic, belong elsewhere or speak garbage: all normal events.</summary>
public sealed class PeerTransportFailureTests
{
    [Fact]
    public async Task A_peer_that_is_down_at_start_is_connected_once_it_comes_up()
    {
        await using var nodes = TestNodes.Create(2);
        nodes.Start(1);
        await Eventually.True(() => nodes.Logs[1].Count(LogLevel.Warning, "cannot reach peer 2") == 1, "unreachable logged");
        await Eventually.True(() => PeerTransportTests.Drain(nodes[1]).Contains(new PeerReport(2, PeerReportKind.Unreachable)), "unreachable reported");

        nodes.Start(2);
        await Eventually.True(() => nodes.Link(1, 2).Connected, "1 connected to 2");
        nodes[1].Send(RandomMessages.Append(1, 2, 42));
        var received = await TestNodes.ReceiveAsync(nodes[2].Incoming, 1);
        Assert.Equal(42UL, received[0].Index);
        Assert.Equal(1, nodes.Logs[1].Count(LogLevel.Warning, "cannot reach peer 2")); // once, however many retries
    }

    [Fact]
    public async Task After_the_listener_restarts_on_the_same_port_the_sender_reconnects_and_traffic_resumes()
    {
        await using var nodes = TestNodes.Create(2).StartAll();
        await nodes.AllConnected();
        for (var i = 0UL; i < 100; i++)
        {
            nodes[1].Send(RandomMessages.Append(1, 2, i));
        }
        await TestNodes.ReceiveAsync(nodes[2].Incoming, 100);

        await nodes.StopAsync(2);
        await Eventually.True(() => !nodes.Link(1, 2).Connected, "1 noticed 2 is gone");
        nodes.Start(2);
        await Eventually.True(() => nodes.Link(1, 2).Connected && nodes.Link(1, 2).Reconnects == 1, "1 reconnected to 2");

        for (var i = 100UL; i < 200; i++)
        {
            nodes[1].Send(RandomMessages.Append(1, 2, i));
        }
        var after = await TestNodes.ReceiveAsync(nodes[2].Incoming, 100);
        Assert.Equal(Enumerable.Range(100, 100).Select(i => (ulong)i), after.Select(m => m.Index));
        Assert.Equal(1, nodes.Logs[1].Count(LogLevel.Warning, "lost connection to peer 2"));
        Assert.Equal(1, nodes.Logs[1].Count(LogLevel.Information, "reconnected to peer 2"));
    }

    [Fact]
    public async Task A_full_queue_drops_and_reports_while_the_peer_is_unreachable_and_stays_bounded()
    {
        var options = TestNodes.FastOptions with { SendQueueMessages = 100, SendQueueBytes = 16 << 10 };
        await using var nodes = TestNodes.Create(2, options);
        var sender = nodes.Start(1); // node 2 never starts
        const int attempts = 20_000;

        for (var i = 0UL; i < attempts; i++)
        {
            sender.Send(RandomMessages.Append(1, 2, i, payloadBytes: 200));
        }

        var link = nodes.Link(1, 2);
        Assert.False(link.Connected);
        Assert.InRange(link.QueuedBytes, 1, 16 << 10);
        Assert.InRange(link.QueuedMessages, 1, 100);
        Assert.Equal(attempts, link.DroppedQueueFull + link.QueuedMessages);
        var reports = PeerTransportTests.Drain(sender);
        Assert.Contains(new PeerReport(2, PeerReportKind.Unreachable), reports);
        Assert.InRange(reports.Count, 1, 20); // throttled: not one report per dropped message

        // Retrying for a while neither grows the queue nor repeats the warning.
        await Eventually.True(() => nodes.Logs[1].Count(LogLevel.Debug, "still unreachable") >= 3, "several reconnect attempts");
        Assert.Equal(link.QueuedBytes, nodes.Link(1, 2).QueuedBytes);
        Assert.Equal(1, nodes.Logs[1].Count(LogLevel.Warning, "peer 2"));
    }

    [Fact]
    public async Task A_snapshot_that_does_not_fit_is_dropped_and_reported_failed()
    {
        var options = TestNodes.FastOptions with { MaxFrameSize = 1 << 20 };
        await using var nodes = TestNodes.Create(2, options).StartAll();
        var tooBig = new Message
        {
            Type = MessageType.Snapshot, From = 1, To = 2, Term = 2,
            Snapshot = new Snapshot(new SnapshotMetadata(10, 2, [1, 2]), new byte[2 << 20]),
        };
        nodes[1].Send(tooBig);
        Assert.Equal(1, nodes.Link(1, 2).DroppedTooLarge);
        Assert.Contains(new PeerReport(2, PeerReportKind.SnapshotFailed), PeerTransportTests.Drain(nodes[1]));
    }

    [Fact]
    public async Task A_node_of_another_cluster_is_refused_with_one_log_line_per_connection()
    {
        await using var nodes = TestNodes.Create(2);
        var listener = nodes.Start(2);
        nodes.Start(1, cluster: "other-cluster");

        await Eventually.True(() => listener.GetStatus().RefusedConnections >= 3, "several refusals");
        Assert.False(nodes.Link(1, 2).Connected);
        Assert.DoesNotContain(listener.GetStatus().Peers, p => p.MessagesReceived > 0);
        Assert.True(nodes.Logs[2].Count(LogLevel.Warning, "wrong cluster 'other-cluster'") >= 3);
        // The dialer says why, once, not on every retry.
        Assert.Equal(1, nodes.Logs[1].Count(LogLevel.Warning, "peer refused us: wrong cluster"));
    }

    [Fact]
    public async Task An_unknown_node_is_refused_and_told_why()
    {
        await using var nodes = TestNodes.Create(2);
        var listener = nodes.Start(2);
        using var stranger = await RawPeer.ConnectAsync(nodes.Ports[2]);

        await stranger.HelloAsync(node: 99);
        var answer = await stranger.ReadUntilClosedAsync();

        Assert.Equal((byte)FrameType.HelloRejected, answer[4]);
        Assert.Contains("unknown node 99", System.Text.Encoding.UTF8.GetString(answer.AsSpan(Framing.HeaderSize)), StringComparison.Ordinal);
        Assert.Equal(1, listener.GetStatus().RefusedConnections);
        Assert.Equal(1, nodes.Logs[2].Count(LogLevel.Warning, "unknown node 99"));
    }

    [Fact]
    public async Task Garbage_before_the_handshake_closes_the_connection_and_the_listener_keeps_working()
    {
        await using var nodes = TestNodes.Create(2);
        var listener = nodes.Start(2);
        var random = new Random(8);
        for (var i = 0; i < 20; i++)
        {
            using var garbage = await RawPeer.ConnectAsync(nodes.Ports[2]);
            var bytes = new byte[random.Next(1, 4096)];
            random.NextBytes(bytes);
            await garbage.SendAsync(bytes);
            await garbage.ReadUntilClosedAsync();
        }
        using (var http = await RawPeer.ConnectAsync(nodes.Ports[2]))
        {
            await http.SendAsync("GET / HTTP/1.1\r\nHost: x\r\n\r\n"u8.ToArray());
            await http.ReadUntilClosedAsync();
        }
        await Eventually.True(() => listener.GetStatus().RefusedConnections >= 20, "garbage connections refused");

        nodes.Start(1);
        nodes[1].Send(RandomMessages.Append(1, 2, 5));
        Assert.Equal(5UL, (await TestNodes.ReceiveAsync(listener.Incoming, 1))[0].Index);
    }

    [Fact]
    public async Task Garbage_after_the_handshake_closes_the_connection_and_counts_a_protocol_error()
    {
        await using var nodes = TestNodes.Create(2);
        var listener = nodes.Start(2);
        using var peer = await RawPeer.ConnectAsync(nodes.Ports[2]);
        await peer.HelloAsync(node: 1);
        await peer.ReadFrameAsync(FrameType.HelloAccepted);

        await peer.SendFrameAsync(FrameType.Raft, [0xFF, 0xFF, 0xFF]);
        await peer.ReadUntilClosedAsync();

        await Eventually.True(() => listener.GetStatus().ProtocolErrors == 1, "protocol error counted");
        Assert.Equal(1, nodes.Logs[2].Count(LogLevel.Warning, "undecodable message"));
    }

    [Fact]
    public async Task A_message_claiming_another_sender_closes_the_connection()
    {
        await using var nodes = TestNodes.Create(3);
        var listener = nodes.Start(2);
        using var peer = await RawPeer.ConnectAsync(nodes.Ports[2]);
        await peer.HelloAsync(node: 1);
        await peer.ReadFrameAsync(FrameType.HelloAccepted);

        var forged = new ArrayBufferWriter<byte>();
        RaftMessageCodec.Encode(RandomMessages.Append(from: 3, to: 2, 0), forged);
        await peer.SendFrameAsync(FrameType.Raft, forged.WrittenSpan.ToArray());
        await peer.ReadUntilClosedAsync();

        Assert.Equal(1, listener.GetStatus().ProtocolErrors);
        Assert.False(listener.Incoming.TryRead(out _));
    }

    [Fact]
    public async Task A_silent_drop_through_a_proxy_is_detected_and_the_link_recovers_when_it_heals()
    {
        await using var nodes = TestNodes.Create(2);
        nodes.Start(2);
        await using var proxy = new BlackholeProxy(new IPEndPoint(IPAddress.Loopback, nodes.Ports[2]));
        nodes.Start(1, routes: new() { [2] = proxy.EndPoint });
        await Eventually.True(() => nodes.Link(1, 2).Connected, "connected through the proxy");

        proxy.Blackhole = true;
        nodes[1].Send(RandomMessages.Append(1, 2, 0)); // swallowed: never acknowledged
        await Eventually.True(() => !nodes.Link(1, 2).Connected, "the silent drop is noticed");
        // The link is marked down a moment before the reason is logged: wait for the line, then check it is one.
        await Eventually.True(() => nodes.Logs[1].Count(LogLevel.Warning, "no progress") > 0, "the reason is logged");
        Assert.Equal(1, nodes.Logs[1].Count(LogLevel.Warning, "no progress"));

        proxy.Blackhole = false;
        await Eventually.True(() => nodes.Link(1, 2).Connected, "reconnected after the partition heals");
        nodes[1].Send(RandomMessages.Append(1, 2, 1));
        var received = await TestNodes.ReceiveAsync(nodes[2].Incoming, 1);
        Assert.Equal(1UL, received[^1].Index);
    }

    [Fact]
    public async Task A_full_incoming_channel_drops_instead_of_blocking_the_socket()
    {
        var options = TestNodes.FastOptions with { IncomingCapacity = 10, IncomingFullWait = TimeSpan.FromMilliseconds(1) };
        await using var nodes = TestNodes.Create(2, options).StartAll();
        await nodes.AllConnected();

        for (var i = 0UL; i < 1000; i++)
        {
            nodes[1].Send(RandomMessages.Append(1, 2, i));
        }
        // Every frame is read off the socket: 10 fill the channel, the rest wait briefly and are dropped.
        await Eventually.True(() => nodes[2].GetStatus().IncomingDropped == 990, "990 messages dropped");
        Assert.Equal(1000, nodes.Link(2, 1).MessagesReceived);
        var kept = await TestNodes.ReceiveAsync(nodes[2].Incoming, 10);
        Assert.Equal(Enumerable.Range(0, 10).Select(i => (ulong)i), kept.Select(m => m.Index));
        Assert.True(nodes.Link(1, 2).Connected); // the link itself is unharmed
    }
}
