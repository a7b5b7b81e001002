using System.Text;

namespace Wiber.Client.Tests;

public sealed class RoundTripTests
{
    [Fact]
    public async Task Publish_subscribe_history_and_admin_requests_round_trip()
    {
        using var deadline = Fixtures.Deadline(30);
        var ct = deadline.Token;
        await using var cluster = await Fixtures.StartClusterAsync();
        await using var client = await WiberClient.ConnectAsync(Fixtures.Options(cluster), ct);

        Assert.True(await client.CreateTopicAsync("chat", "7d", "Team chat", ct));
        // docs/protocol.md says a repeat with the same settings is "OK chat exists" (false); the node
        // currently answers ERR TOPIC_EXISTS for any repeat. Either is accepted here.
        try
        {
            Assert.False(await client.CreateTopicAsync("chat", "7d", "Team chat", ct));
        }
        catch (WiberServerException ex)
        {
            Assert.Equal("TOPIC_EXISTS", ex.Code);
        }

        for (var i = 0; i < 5; i++)
        {
            var result = await client.PublishAsync("chat", $"hello {i}", cancellationToken: ct);
            Assert.Equal(PublishOutcome.Ok, result.Outcome);
            Assert.Equal(i, result.Offset);
            Assert.False(result.Duplicate);
        }

        // A retry with the same id is answered with the original offset.
        var first = await client.PublishAsync("chat", "once", "fixed-id-1", ct);
        var again = await client.PublishAsync("chat", "once", "fixed-id-1", ct);
        Assert.Equal(PublishOutcome.Ok, again.Outcome);
        Assert.True(again.Duplicate);
        Assert.Equal(first.Offset, again.Offset);

        // A message that looks like options still round-trips.
        Assert.Equal(PublishOutcome.Ok, (await client.PublishAsync("chat", "id=42 is the answer", cancellationToken: ct)).Outcome);

        var received = new List<ReceivedMessage>();
        await foreach (var message in client.SubscribeAsync("chat", SubscribeFrom.Offset(0), cancellationToken: ct))
        {
            received.Add(message);
            if (received.Count == 7)
            {
                break;
            }
        }

        Assert.Equal(Enumerable.Range(0, 7).Select(i => (long)i), received.Select(m => m.Offset));
        Assert.Equal("hello 0", received[0].Text);
        Assert.Equal("once", received[5].Text);
        Assert.Equal("id=42 is the answer", received[6].Text);
        Assert.Matches(@"^\d+\.\d+$", received[0].HybridTimestamp);
        Assert.Null(received[0].ProducerTimeMs);

        var history = await client.HistoryAsync("chat", HistoryQuery.Last(3), linearizable: true, ct);
        Assert.Equal([4L, 5L, 6L], history.Messages.Select(m => m.Offset));
        Assert.Equal(7, history.NextOffset);
        var since = await client.HistoryAsync("chat", HistoryQuery.Window(DateTimeOffset.UtcNow.AddMinutes(-5), null), cancellationToken: ct);
        Assert.Equal(7, since.Messages.Count);

        var topics = await client.TopicsAsync(ct);
        var chat = Assert.Single(topics);
        Assert.Equal(new TopicInfo("chat", 7, "7d", "Team chat"), chat);

        await client.AckAsync("g1", "chat", 3, ct);
        await foreach (var message in client.SubscribeAsync("chat", group: "g1", cancellationToken: ct))
        {
            Assert.Equal(4, message.Offset);
            break;
        }

        var leader = await cluster.WaitForLeaderAsync(TimeSpan.FromSeconds(5));
        var status = await client.StatusAsync(cluster.Server(leader), ct);
        Assert.Equal("leader", status.Role);
        Assert.Equal($"n{leader + 1}", status.Id);
        Assert.Equal(status.Id, status.Leader);
        Assert.True(status.Term >= 1);
        Assert.True(status.CommitIndex >= 7);
        Assert.Equal(2, status.Peers.Count);
        Assert.All(status.Peers, p => Assert.NotNull(p.MatchIndex));
        Assert.StartsWith("always", status.Fsync, StringComparison.Ordinal);

        var rtt = await client.PingAsync(cluster.Server((leader + 1) % 3), ct);
        Assert.True(rtt > TimeSpan.Zero && rtt < TimeSpan.FromSeconds(3));
    }

    [Fact]
    public async Task Binary_and_long_payloads_round_trip_byte_for_byte()
    {
        using var deadline = Fixtures.Deadline(30);
        var ct = deadline.Token;
        await using var cluster = await Fixtures.StartClusterAsync();
        await using var client = await WiberClient.ConnectAsync(Fixtures.Options(cluster), ct);

        byte[][] payloads =
        [
            [0, 1, 2, 13, 10, 255, 254, (byte)'\n', (byte)'\r'],
            [],
            Encoding.UTF8.GetBytes("line1\nline2\r\n"),
            Encoding.UTF8.GetBytes(new string('x', 10_000)), // longer than the cluster's 4 KiB line limit: PUBB
            [.. Enumerable.Range(0, 100_000).Select(i => (byte)(i * 7))],
            Encoding.UTF8.GetBytes("plain text ünïcode"),
        ];
        for (var i = 0; i < payloads.Length; i++)
        {
            var result = await client.PublishAsync("bin", payloads[i], cancellationToken: ct);
            Assert.True(result.Outcome == PublishOutcome.Ok, result.Error);
            Assert.Equal(i, result.Offset);
        }

        var history = await client.HistoryAsync("bin", HistoryQuery.Range(0, 100), cancellationToken: ct);
        Assert.Equal(payloads.Length, history.Messages.Count);
        for (var i = 0; i < payloads.Length; i++)
        {
            Assert.Equal(payloads[i], history.Messages[i].Payload.ToArray());
        }

        var received = new List<ReceivedMessage>();
        await foreach (var message in client.SubscribeAsync("bin", SubscribeFrom.Last(payloads.Length), cancellationToken: ct))
        {
            received.Add(message);
            if (received.Count == payloads.Length)
            {
                break;
            }
        }

        for (var i = 0; i < payloads.Length; i++)
        {
            Assert.Equal(payloads[i], received[i].Payload.ToArray());
        }
    }
}
