using Wiber.Broker.Transport;
using Wiber.Raft;

namespace Wiber.Broker.Tests.Transport;

/// <summary>Healthy-path behaviour over real loopback sockets.</summary>
public sealed class PeerTransportTests
{
    [Fact]
    public async Task Two_transports_exchange_thousands_of_messages_in_order()
    {
        await using var nodes = TestNodes.Create(2).StartAll();
        await nodes.AllConnected();
        const int count = 5000;

        for (var i = 0UL; i < count; i++)
        {
            nodes[1].Send(RandomMessages.Append(1, 2, i));
            nodes[2].Send(RandomMessages.Append(2, 1, i));
        }

        var at2 = await TestNodes.ReceiveAsync(nodes[2].Incoming, count);
        var at1 = await TestNodes.ReceiveAsync(nodes[1].Incoming, count);
        Assert.Equal(Enumerable.Range(0, count).Select(i => (ulong)i), at2.Select(m => m.Index));
        Assert.Equal(Enumerable.Range(0, count).Select(i => (ulong)i), at1.Select(m => m.Index));
        Assert.All(at2, m => Assert.Equal((1UL, 2UL), (m.From, m.To)));
        RandomMessages.AssertSame(RandomMessages.Append(1, 2, 17), at2[17]);

        await Eventually.True(() => nodes.Link(1, 2).MessagesSent == count, "sent counter");
        var link = nodes.Link(1, 2);
        Assert.Equal(count, nodes.Link(2, 1).MessagesReceived);
        Assert.Equal(link.BytesSent, nodes.Link(2, 1).BytesReceived);
        Assert.Equal((0L, 0, 0L), (link.DroppedQueueFull, link.QueuedMessages, link.QueuedBytes));
    }

    [Fact]
    public async Task Three_transports_keep_each_link_in_order()
    {
        await using var nodes = TestNodes.Create(3).StartAll();
        await nodes.AllConnected();
        const int perLink = 2000;
        ulong[] ids = [1, 2, 3];

        // Interleave all six links so each writer sees concurrent traffic.
        for (var i = 0UL; i < perLink; i++)
        {
            foreach (var from in ids)
            {
                foreach (var to in ids.Where(t => t != from))
                {
                    nodes[from].Send(RandomMessages.Append(from, to, i));
                }
            }
        }

        foreach (var to in ids)
        {
            var received = await TestNodes.ReceiveAsync(nodes[to].Incoming, perLink * 2);
            foreach (var from in ids.Where(f => f != to))
            {
                var indexes = received.Where(m => m.From == from).Select(m => m.Index);
                Assert.Equal(Enumerable.Range(0, perLink).Select(i => (ulong)i), indexes);
            }
        }
    }

    [Fact]
    public async Task Every_message_type_with_entries_and_a_snapshot_arrives_intact()
    {
        await using var nodes = TestNodes.Create(2).StartAll();
        await nodes.AllConnected();
        var random = new Random(5);
        var sent = Enumerable.Range(0, 300).Select(_ => RandomMessages.Next(random) with { From = 1, To = 2 }).ToList();
        var snapshot = new Message
        {
            Type = MessageType.Snapshot, From = 1, To = 2, Term = 4,
            Snapshot = new Snapshot(new SnapshotMetadata(900, 4, [1, 2, 3]), new byte[3 << 20]),
        };
        sent.Add(snapshot);

        foreach (var message in sent)
        {
            nodes[1].Send(message);
        }

        var received = await TestNodes.ReceiveAsync(nodes[2].Incoming, sent.Count);
        for (var i = 0; i < sent.Count; i++)
        {
            RandomMessages.AssertSame(sent[i], received[i]);
        }
        await Eventually.True(() => Drain(nodes[1]).Contains(new PeerReport(2, PeerReportKind.SnapshotSent)), "snapshot reported sent");
    }

    [Fact]
    public async Task Messages_to_an_unknown_node_are_dropped_and_counted()
    {
        await using var nodes = TestNodes.Create(2).StartAll();
        nodes[1].Send(RandomMessages.Append(1, 7, 0));
        Assert.Equal(1, nodes[1].GetStatus().DroppedNoRoute);
    }

    internal static List<PeerReport> Drain(PeerTransport transport)
    {
        var reports = new List<PeerReport>();
        while (transport.Reports.TryRead(out var report))
        {
            reports.Add(report);
        }
        return reports;
    }
}
