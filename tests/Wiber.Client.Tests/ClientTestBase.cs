namespace Wiber.Client.Tests;

internal static class Fixtures
{
    public static WiberClientOptions Options(LocalCluster cluster, IReadOnlyList<string>? servers = null) => new()
    {
        Servers = servers ?? cluster.Servers,
        ConnectTimeout = TimeSpan.FromSeconds(1),
        RequestTimeout = TimeSpan.FromSeconds(3),
        FailoverDeadline = TimeSpan.FromSeconds(15),
        MaxInFlight = 64,
    };

    public static async Task<LocalCluster> StartClusterAsync()
    {
        var cluster = new LocalCluster();
        await cluster.StartAllAsync();
        await cluster.WaitForLeaderAsync(TimeSpan.FromSeconds(10));
        return cluster;
    }

    /// <summary>A token for the whole test: xUnit's, cut off after <paramref name="seconds"/>.</summary>
    public static CancellationTokenSource Deadline(int seconds)
    {
        var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cts.CancelAfter(TimeSpan.FromSeconds(seconds));
        return cts;
    }

    /// <summary>Waits until <paramref name="condition"/> holds, polling, failing after <paramref name="timeout"/>.</summary>
    public static async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout, string what, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("timed out waiting for " + what);
            }

            await Task.Delay(10, cancellationToken);
        }
    }

    /// <summary>Every message of a topic, read with HISTORY from=0 in pages of 1000.</summary>
    public static async Task<List<ReceivedMessage>> ReadAllAsync(WiberClient client, string topic, CancellationToken cancellationToken)
    {
        var all = new List<ReceivedMessage>();
        long from = 0;
        while (true)
        {
            var page = await client.HistoryAsync(topic, HistoryQuery.Range(from, 1000), linearizable: true, cancellationToken);
            all.AddRange(page.Messages);
            if (page.Messages.Count == 0 && page.NextOffset <= from)
            {
                return all;
            }

            from = page.NextOffset;
        }
    }
}
