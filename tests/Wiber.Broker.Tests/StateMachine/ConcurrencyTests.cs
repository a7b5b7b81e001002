using System.Diagnostics;
using Wiber.Broker.StateMachine;
using static Wiber.Broker.Tests.StateMachine.StateTestKit;

namespace Wiber.Broker.Tests.StateMachine;

/// <summary>
/// The threading contract: one thread applies while others query. Readers must always see a consistent
/// topic (contiguous offsets from the reported start) and never an exception. Also prints what the lock
/// costs, for the record (no timing assertion: shared CI machines are too noisy for that).
/// </summary>
public sealed class ConcurrencyTests(ITestOutputHelper output)
{
    private const int Publishes = 200_000;

    [Fact]
    public async Task Readers_see_consistent_views_while_apply_continues()
    {
        var state = new BrokerState(new BrokerStateOptions { DefaultRetention = new RetentionPolicy(0, 0, 5_000) });
        var commands = Enumerable.Range(0, Publishes).Select(i => Pub("t", "payload", id: $"id{i}", atMs: i / 10)).ToArray();
        using var stop = new CancellationTokenSource();
        var reads = 0L;

        var readers = Enumerable.Range(0, 2).Select(_ => Task.Run(
            () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    var read = state.Last("t", 100);
                    for (var i = 1; i < read.Messages.Count; i++)
                    {
                        Assert.Equal(read.Messages[i - 1].Offset + 1, read.Messages[i].Offset);
                    }
                    Assert.True(read.Messages.Count == 0 || read.Messages[^1].Offset == read.NextOffset - 1);
                    state.Topics();
                    Interlocked.Increment(ref reads);
                }
            },
            TestContext.Current.CancellationToken)).ToArray();

        var watch = Stopwatch.StartNew();
        for (var i = 0; i < commands.Length; i++)
        {
            state.Apply((ulong)i + 1, 1, commands[i]);
        }
        var contended = watch.Elapsed;
        await stop.CancelAsync();
        await Task.WhenAll(readers);

        var alone = new BrokerState(new BrokerStateOptions { DefaultRetention = new RetentionPolicy(0, 0, 5_000) });
        watch.Restart();
        for (var i = 0; i < commands.Length; i++)
        {
            alone.Apply((ulong)i + 1, 1, commands[i]);
        }
        var uncontended = watch.Elapsed;

        Assert.Equal(SnapshotBytes(alone), SnapshotBytes(state));
        output.WriteLine(
            $"{Publishes} publishes: {Publishes / uncontended.TotalSeconds:N0}/s alone, " +
            $"{Publishes / contended.TotalSeconds:N0}/s with 2 readers doing {reads:N0} Last(100)+Topics() reads");
    }
}
