using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;

namespace Wiber.Client.Tests;

public sealed class FailoverTests
{
    [Fact]
    public async Task Ten_thousand_idempotent_publishes_survive_two_leader_kills_with_no_loss_and_no_duplicate()
    {
        using var deadline = Fixtures.Deadline(50);
        var ct = deadline.Token;
        await using var cluster = await Fixtures.StartClusterAsync();
        await using var client = await WiberClient.ConnectAsync(Fixtures.Options(cluster), ct);
        const int Total = 10_000;
        const int Publishers = 8;
        const int PerPublisherInFlight = 8;
        var results = new ConcurrentBag<PublishResult>();
        var done = 0;
        var clock = Stopwatch.StartNew();

        var publishers = Enumerable.Range(0, Publishers).Select(p => Task.Run(
            async () =>
            {
                var mine = Enumerable.Range(0, Total).Where(i => i % Publishers == p).ToArray();
                foreach (var batch in mine.Chunk(PerPublisherInFlight))
                {
                    var answers = await Task.WhenAll(batch.Select(i => client.PublishAsync("load", $"m-{i}", $"id-{i}", ct)));
                    foreach (var answer in answers)
                    {
                        results.Add(answer);
                    }

                    Interlocked.Add(ref done, answers.Length);
                }
            },
            ct)).ToArray();

        var kills = new List<string>();
        foreach (var threshold in new[] { Total / 4, Total * 3 / 5 })
        {
            await Fixtures.WaitUntilAsync(() => Volatile.Read(ref done) >= threshold, TimeSpan.FromSeconds(30), $"{threshold} publishes", ct);
            var leader = await cluster.WaitForLeaderAsync(TimeSpan.FromSeconds(10));
            await cluster.StopAsync(leader);
            kills.Add($"n{leader + 1} after {Volatile.Read(ref done)} answers at {clock.ElapsedMilliseconds} ms");
            await cluster.WaitForLeaderAsync(TimeSpan.FromSeconds(10));
            await cluster.StartAsync(leader);
        }

        await Task.WhenAll(publishers);
        var publishTime = clock.Elapsed;

        var log = await Fixtures.ReadAllAsync(client, "load", ct);
        var byId = log.GroupBy(m => m.Text).ToDictionary(g => g.Key, g => g.Select(m => m.Offset).ToList());
        var duplicates = byId.Count(kv => kv.Value.Count > 1);
        var ok = results.Where(r => r.Outcome == PublishOutcome.Ok).ToList();
        var unknown = results.Count(r => r.Outcome == PublishOutcome.Unknown);
        var failed = results.Where(r => r.Outcome == PublishOutcome.Failed).ToList();
        var retried = results.Count(r => r.Attempts > 1);
        var dupAnswers = ok.Count(r => r.Duplicate);
        var okMissing = ok.Count(r => !byId.TryGetValue("m-" + r.MessageId[3..], out var offsets) || offsets.Count != 1 || offsets[0] != r.Offset);

        var report = new StringBuilder()
            .AppendLine($"failover: {Total} publishes by {Publishers}x{PerPublisherInFlight} in flight, kills: {string.Join("; ", kills)}")
            .AppendLine($"failover: ok={ok.Count} unknown={unknown} failed={failed.Count} retried={retried} answered-duplicate={dupAnswers}")
            .AppendLine($"failover: log={log.Count} distinct-ids={byId.Count} duplicate-ids={duplicates} ok-not-exactly-once={okMissing} publish-time={publishTime.TotalSeconds:0.00}s total={clock.Elapsed.TotalSeconds:0.00}s")
            .ToString();
        TestContext.Current.TestOutputHelper?.WriteLine(report);
        await File.WriteAllTextAsync(Path.Combine(AppContext.BaseDirectory, "failover-report.txt"), report, ct);

        Assert.Equal(Total, results.Count);
        Assert.True(failed.Count == 0, "Failed publishes: " + string.Join(" | ", failed.Take(3).Select(f => f.Error)));
        Assert.Equal(0, duplicates);
        Assert.Equal(0, okMissing);
        Assert.Equal(Enumerable.Range(0, log.Count).Select(i => (long)i), log.Select(m => m.Offset));
        Assert.Equal(2, kills.Count);
    }

    [Fact]
    public async Task A_subscription_resumes_on_another_node_without_gap_or_duplicate_when_its_node_is_killed()
    {
        using var deadline = Fixtures.Deadline(40);
        var ct = deadline.Token;
        await using var cluster = await Fixtures.StartClusterAsync();
        var leader = await cluster.WaitForLeaderAsync(TimeSpan.FromSeconds(10));
        var follower = (leader + 1) % 3;
        var other = (leader + 2) % 3;
        await using var publisher = await WiberClient.ConnectAsync(Fixtures.Options(cluster), ct);
        await using var subscriber = await WiberClient.ConnectAsync(
            Fixtures.Options(cluster, [cluster.Server(follower), cluster.Server(other), cluster.Server(leader)]), ct);
        Assert.True(await publisher.CreateTopicAsync("feed", cancellationToken: ct));
        const int Total = 600;

        var offsets = new List<long>();
        var count = 0;
        var reading = Task.Run(
            async () =>
            {
                await foreach (var message in subscriber.SubscribeAsync("feed", SubscribeFrom.Offset(0), cancellationToken: ct))
                {
                    Assert.Equal($"f-{message.Offset}", message.Text);
                    offsets.Add(message.Offset);
                    Interlocked.Increment(ref count);
                    if (offsets.Count == Total)
                    {
                        break;
                    }
                }
            },
            ct);

        async Task PublishRangeAsync(int from, int to)
        {
            for (var i = from; i < to; i++)
            {
                var result = await publisher.PublishAsync("feed", $"f-{i}", $"feed-{i}", ct);
                Assert.Equal(PublishOutcome.Ok, result.Outcome);
                Assert.Equal(i, result.Offset);
            }
        }

        await PublishRangeAsync(0, 200);
        await Fixtures.WaitUntilAsync(() => Volatile.Read(ref count) >= 100, TimeSpan.FromSeconds(10), "100 deliveries", ct);
        var deliveredBeforeKill = Volatile.Read(ref count);
        await cluster.StopAsync(follower);
        await PublishRangeAsync(200, Total);
        await reading.WaitAsync(TimeSpan.FromSeconds(20), ct);

        TestContext.Current.TestOutputHelper?.WriteLine($"resume: killed n{follower + 1} after {deliveredBeforeKill} deliveries; received {offsets.Count}");
        Assert.True(deliveredBeforeKill < Total);
        Assert.Equal(Enumerable.Range(0, Total).Select(i => (long)i), offsets);
    }
}
