using System.Net.Http;
using System.Text;

namespace Wiber.Broker.Tests.Node;

/// <summary>A real 3-node cluster over loopback sockets: publish, subscribe, fail over, catch up.</summary>
public sealed class BrokerNodeTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Message(string line) => line.Split(' ', 6)[5];

    [Fact]
    public async Task Publishes_via_leader_and_follower_reach_subscribers_on_every_node_in_one_order()
    {
        await using var cluster = new LocalCluster();
        await cluster.StartAllAsync();
        var leader = await cluster.WaitForLeaderAsync(Timeout);
        var follower = (leader + 1) % 3;

        var subscribers = new List<LineClient>();
        for (var i = 0; i < 3; i++)
        {
            var sub = await cluster.ConnectAsync(i);
            Assert.StartsWith("OK chat 0", await sub.RequestAsync("SUB chat from=0"), StringComparison.Ordinal);
            subscribers.Add(sub);
        }
        await using var viaLeader = await cluster.ConnectAsync(leader);
        await using var viaFollower = await cluster.ConnectAsync(follower);
        var expected = new List<string>();
        for (var i = 0; i < 50; i++)
        {
            var (client, text) = i % 2 == 0 ? (viaLeader, $"leader-{i}") : (viaFollower, $"follower-{i}");
            var reply = await client.RequestAsync($"PUB chat {text}");
            Assert.Equal($"OK chat {i}", reply);
            expected.Add(text);
        }
        foreach (var sub in subscribers)
        {
            var seen = new List<string>();
            for (var i = 0; i < 50; i++)
            {
                var line = await sub.ReadLineAsync();
                Assert.NotNull(line);
                Assert.StartsWith($"MSG chat {i} ", line, StringComparison.Ordinal);
                seen.Add(Message(line));
            }
            Assert.Equal(expected, seen);
            await sub.DisposeAsync();
        }
    }

    [Fact]
    public async Task Killing_the_leader_keeps_every_acknowledged_message_and_a_retried_id_is_not_duplicated()
    {
        await using var cluster = new LocalCluster();
        await cluster.StartAllAsync();
        var leader = await cluster.WaitForLeaderAsync(Timeout);
        await using (var client = await cluster.ConnectAsync(leader))
        {
            for (var i = 0; i < 30; i++)
            {
                Assert.Equal($"OK orders {i}", await client.RequestAsync($"PUB orders id=o{i} order-{i}"));
            }
        }
        await cluster.StopAsync(leader);
        var next = await cluster.WaitForLeaderAsync(Timeout);
        Assert.NotEqual(leader, next);

        var survivor = (next + 1) % 3 == leader ? (next + 2) % 3 : (next + 1) % 3;
        await using var retry = await cluster.ConnectAsync(survivor);
        // A producer that never saw its ack for o29 retries it after the failover: same offset, marked duplicate.
        Assert.Equal("OK orders 29 duplicate", await retry.RequestAsync("PUB orders id=o29 order-29"));
        Assert.Equal("OK orders 30", await retry.RequestAsync("PUB orders id=o30 order-30"));
        var history = await retry.HistoryAsync("HISTORY orders from=0 limit=100");
        Assert.Equal("HISTORY orders END 31 31", history[^1]);
        Assert.Equal(Enumerable.Range(0, 31).Select(i => $"order-{i}"), history.SkipLast(1).Select(Message));

        // The old leader restarts from its disk and catches up.
        await cluster.StartAsync(leader);
        await using var old = await cluster.ConnectAsync(leader);
        await Eventually(async () => (await old.HistoryAsync("HISTORY orders 1"))[^1] == "HISTORY orders END 1 31", "restarted node caught up");
    }

    [Fact]
    public async Task A_follower_far_behind_catches_up_through_a_snapshot()
    {
        await using var cluster = new LocalCluster(snapshotEvery: 50);
        await cluster.StartAllAsync();
        var leader = await cluster.WaitForLeaderAsync(Timeout);
        var lagging = (leader + 1) % 3;
        await cluster.StopAsync(lagging);
        await using (var client = await cluster.ConnectAsync(leader))
        {
            for (var i = 0; i < 300; i++)
            {
                Assert.Equal($"OK t {i}", await client.RequestAsync($"PUB t m{i}"));
            }
        }
        await cluster.StartAsync(lagging);
        await using var caughtUp = await cluster.ConnectAsync(lagging);
        await Eventually(async () => (await caughtUp.HistoryAsync("HISTORY t 1"))[^1] == "HISTORY t END 1 300", "lagging node caught up");
        using var http = new HttpClient();
        var metrics = await http.GetStringAsync(new Uri($"http://127.0.0.1:{cluster.AdminPorts[lagging]}/metrics"), Ct);
        var installed = metrics.Split('\n').Single(l => l.StartsWith($"wiber_raft_snapshots_installed_total{{node=\"n{lagging + 1}\"}}", StringComparison.Ordinal));
        Assert.NotEqual("0", installed.Split(' ')[1]);
    }

    [Fact]
    public async Task A_consumer_group_resumes_after_its_last_ack()
    {
        await using var cluster = new LocalCluster();
        await cluster.StartAllAsync();
        var leader = await cluster.WaitForLeaderAsync(Timeout);
        await using var producer = await cluster.ConnectAsync(leader);
        for (var i = 0; i < 5; i++)
        {
            await producer.RequestAsync($"PUB jobs job{i}");
        }
        Assert.Equal("OK jobs 2 acked", await producer.RequestAsync("ACK workers jobs 2"));
        await using var consumer = await cluster.ConnectAsync((leader + 1) % 3);
        await Eventually(async () => (await consumer.HistoryAsync("HISTORY jobs 1"))[^1] == "HISTORY jobs END 1 5", "follower applied");
        Assert.StartsWith("OK jobs 3", await consumer.RequestAsync("SUB jobs group=workers"), StringComparison.Ordinal);
        Assert.StartsWith("MSG jobs 3 ", await consumer.ReadLineAsync(), StringComparison.Ordinal);
        Assert.StartsWith("MSG jobs 4 ", await consumer.ReadLineAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Limits_and_garbage_get_errors_and_the_node_keeps_serving()
    {
        await using var cluster = new LocalCluster();
        await cluster.StartAllAsync();
        var leader = await cluster.WaitForLeaderAsync(Timeout);
        await using var client = await cluster.ConnectAsync(leader);
        Assert.StartsWith("ERR LINE_TOO_LONG", await client.RequestAsync("PUB chat " + new string('x', 5000)), StringComparison.Ordinal);
        Assert.StartsWith("ERR BAD_COMMAND", await client.RequestAsync("FROB chat"), StringComparison.Ordinal);
        Assert.Equal("PONG", await client.RequestAsync("PING"));

        // Thousands of random and mutated lines on fresh connections: the node answers PING afterwards.
        var random = new Random(7);
        var seeds = new[] { "PUB chat hi", "SUB chat from=0", "HISTORY chat 5", "PUBB chat 3", "ACK g chat 1", "CREATE t" };
        for (var connection = 0; connection < 20; connection++)
        {
            await using var fuzz = await cluster.ConnectAsync(random.Next(3));
            var bytes = new List<byte>();
            for (var i = 0; i < 200; i++)
            {
                var line = Encoding.UTF8.GetBytes(seeds[random.Next(seeds.Length)]);
                for (var m = random.Next(4); m > 0; m--)
                {
                    line[random.Next(line.Length)] = (byte)random.Next(256);
                }
                bytes.AddRange(line);
                bytes.Add((byte)'\n');
            }
            try
            {
                await fuzz.SendRawAsync([.. bytes]);
            }
            catch (IOException)
            {
                // The node may close a connection that sent something unframeable: that is allowed.
            }
        }
        await using var after = await cluster.ConnectAsync(leader);
        Assert.Equal("PONG", await after.RequestAsync("PING"));
    }

    [Fact]
    public async Task Create_is_idempotent_and_history_pages_continue_where_they_stopped()
    {
        await using var cluster = new LocalCluster();
        await cluster.StartAllAsync();
        var leader = await cluster.WaitForLeaderAsync(Timeout);
        await using var client = await cluster.ConnectAsync(leader);
        Assert.Equal("OK logs created", await client.RequestAsync("CREATE logs"));
        Assert.Equal("OK logs exists", await client.RequestAsync("CREATE logs"));
        for (var i = 0; i < 5; i++)
        {
            await client.RequestAsync($"PUB logs line{i}");
        }
        var page = await client.HistoryAsync("HISTORY logs from=0 limit=2");
        Assert.Equal("HISTORY logs END 2 2", page[^1]);
        page = await client.HistoryAsync("HISTORY logs from=2 limit=2");
        Assert.Equal("HISTORY logs END 2 4", page[^1]);
        page = await client.HistoryAsync("HISTORY logs from=4 limit=2");
        Assert.Equal("HISTORY logs END 1 5", page[^1]);
    }

    [Fact]
    public async Task Delete_removes_a_topic_everywhere_and_a_new_publish_starts_it_again_at_zero()
    {
        await using var cluster = new LocalCluster();
        await cluster.StartAllAsync();
        var leader = await cluster.WaitForLeaderAsync(Timeout);
        await using var client = await cluster.ConnectAsync(leader);
        await client.RequestAsync("PUB doomed one");
        await client.RequestAsync("PUB doomed two");
        Assert.Equal("OK doomed deleted", await client.RequestAsync("DELETE doomed"));
        Assert.StartsWith("ERR UNKNOWN_TOPIC", await client.RequestAsync("DELETE doomed"), StringComparison.Ordinal);
        Assert.StartsWith("ERR UNKNOWN_TOPIC", (await client.HistoryAsync("HISTORY doomed from=0"))[^1], StringComparison.Ordinal);
        Assert.Equal("OK doomed 0", await client.RequestAsync("PUB doomed again"));

        var follower = (leader + 1) % 3;
        await using var onFollower = await cluster.ConnectAsync(follower);
        Assert.StartsWith("ERR NOT_LEADER", await onFollower.RequestAsync("DELETE doomed"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Connection_and_subscription_limits_are_enforced_with_stable_errors()
    {
        await using var cluster = new LocalCluster(maxConnections: 2, maxSubscriptions: 2);
        await cluster.StartAllAsync();
        var leader = await cluster.WaitForLeaderAsync(Timeout);
        await using var first = await cluster.ConnectAsync(leader);
        Assert.Equal("PONG", await first.RequestAsync("PING"));
        Assert.StartsWith("OK a ", await first.RequestAsync("SUB a"), StringComparison.Ordinal);
        Assert.StartsWith("OK b ", await first.RequestAsync("SUB b"), StringComparison.Ordinal);
        Assert.StartsWith("ERR TOO_MANY_SUBSCRIPTIONS", await first.RequestAsync("SUB c"), StringComparison.Ordinal);
        await using var second = await cluster.ConnectAsync(leader);
        Assert.Equal("PONG", await second.RequestAsync("PING"));
        await using var third = await cluster.ConnectAsync(leader);
        Assert.StartsWith("ERR TOO_MANY_CONNECTIONS", await third.ReadLineAsync(), StringComparison.Ordinal);
        Assert.Null(await third.ReadLineAsync());
    }

    [Fact]
    public async Task A_subscriber_that_stops_reading_is_dropped_as_a_slow_consumer()
    {
        await using var cluster = new LocalCluster(subscriberBuffer: 100);
        await cluster.StartAllAsync();
        var leader = await cluster.WaitForLeaderAsync(Timeout);
        await using var slow = await cluster.ConnectAsync(leader);
        Assert.StartsWith("OK big", await slow.RequestAsync("SUB big"), StringComparison.Ordinal);
        // The subscriber now reads nothing while 4 MB are published to its topic.
        await using var producer = await cluster.ConnectAsync(leader);
        var payload = new string('p', 2000);
        for (var i = 0; i < 2000; i++)
        {
            await producer.SendAsync($"PUB big {payload}");
        }
        for (var i = 0; i < 2000; i++)
        {
            Assert.StartsWith("OK big", await producer.ReadLineAsync(), StringComparison.Ordinal);
        }
        using var http = new HttpClient();
        await Eventually(async () =>
            (await http.GetStringAsync(new Uri($"http://127.0.0.1:{cluster.AdminPorts[leader]}/metrics"), Ct))
                .Contains($"wiber_slow_consumers_dropped_total{{node=\"n{leader + 1}\"}} 1", StringComparison.Ordinal),
            "slow consumer dropped");
    }

    [Fact]
    public async Task Admin_endpoint_reports_health_status_and_metrics()
    {
        await using var cluster = new LocalCluster();
        await cluster.StartAllAsync();
        var leader = await cluster.WaitForLeaderAsync(Timeout);
        using var http = new HttpClient();
        var admin = cluster.AdminPorts[leader];
        Assert.Equal("live\n", await http.GetStringAsync(new Uri($"http://127.0.0.1:{admin}/health/live"), Ct));
        await Eventually(async () => (await http.GetAsync(new Uri($"http://127.0.0.1:{admin}/health/ready"), Ct)).IsSuccessStatusCode, "ready");
        var status = await http.GetStringAsync(new Uri($"http://127.0.0.1:{admin}/status"), Ct);
        Assert.Contains("\"role\":\"leader\"", status, StringComparison.Ordinal);
        Assert.Contains("\"fsync\":\"always", status, StringComparison.Ordinal);
        var metrics = await http.GetStringAsync(new Uri($"http://127.0.0.1:{admin}/metrics"), Ct);
        Assert.Contains("wiber_publish_commit_seconds_bucket", metrics, StringComparison.Ordinal);
        var skew = await http.PostAsync(new Uri($"http://127.0.0.1:{admin}/admin/clock-skew?offset_ms=500"), null, Ct);
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, skew.StatusCode);
    }

    private static async Task Eventually(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("timed out waiting until " + what);
            }
            await Task.Delay(50);
        }
    }
}
