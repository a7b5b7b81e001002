using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text;
using Wiber.Client;
using Wiber.Lab;
using Wiber.Lab.State;

namespace Wiber.Cli.Commands.Bench.Measures;

/// <summary>
/// Failover time on a lab: the leader is SIGKILLed (<c>wiber lab kill</c>'s code path), and the time until
/// the first acknowledged publish sent after the kill is measured two ways:
/// <list type="bullet">
/// <item>probe: every surviving node is sent <c>PUB … redirect=1</c> over its client address every 20 ms
/// (a new connection after any error), so the first <c>OK</c> is the first moment a new leader accepts writes;</item>
/// <item>client: a <see cref="WiberClient"/> publishing one at a time throughout; the time from the kill to its first
/// acknowledgement received after the process was gone is what an application sees (leader discovery and back-off included).</item>
/// </list>
/// After each round the killed node is started again and the lab settles before the next.
/// </summary>
internal static class Failover
{
    private static readonly TimeSpan ProbeEvery = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan GiveUp = TimeSpan.FromSeconds(20);

    public static async Task<FailoverRoundJson> RoundAsync(LabController lab, int round, Action<string>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lab);
        var state = lab.Directory.Load();
        var leader = await lab.WaitForLeaderAsync(state, TimeSpan.FromSeconds(15), cancellationToken).ConfigureAwait(false)
            ?? throw new LabException(LabErrorKind.Failed, "no leader before the kill");
        var survivors = state.Nodes.Where(n => n.Id != leader).ToList();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var killAt = long.MaxValue;
        var firstOk = new TaskCompletionSource<(long At, string Node)>(TaskCreationOptions.RunContinuationsAsynchronously);
        var probes = survivors.Select(n => ProbeAsync(n, () => Volatile.Read(ref killAt), firstOk, round, stop.Token)).ToList();

        // The application's view: one publish at a time through Wiber.Client.
        var acks = new List<long>();
        var options = new WiberClientOptions
        {
            Servers = state.ClientServers,
            ConnectTimeout = TimeSpan.FromMilliseconds(500),
            RequestTimeout = TimeSpan.FromSeconds(1),
            FailoverDeadline = TimeSpan.FromSeconds(30),
            MaxInFlight = 1,
        };
        await using var client = await WiberClient.ConnectAsync(options, cancellationToken).ConfigureAwait(false);
        var clientLoop = Task.Run(
            async () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    try
                    {
                        var r = await client.PublishAsync("failover", "x", cancellationToken: stop.Token).ConfigureAwait(false);
                        if (r.Outcome == PublishOutcome.Ok)
                        {
                            lock (acks)
                            {
                                acks.Add(Stopwatch.GetTimestamp());
                            }
                        }
                    }
                    catch (OperationCanceledException)
                    {
                        return;
                    }
                }
            },
            CancellationToken.None);

        await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken).ConfigureAwait(false);   // steady state first
        progress?.Invoke($"round {round}: killing leader {leader}");
        Volatile.Write(ref killAt, Stopwatch.GetTimestamp());
        await lab.NodeAsync("kill", leader, cancellationToken).ConfigureAwait(false);
        var killed = Stopwatch.GetTimestamp();   // the process is gone: an acknowledgement from now on is the new leader's
        double? probeMs = null;
        string? newLeader = null;
        var winner = await Task.WhenAny(firstOk.Task, Task.Delay(GiveUp, cancellationToken)).ConfigureAwait(false);
        if (winner == firstOk.Task)
        {
            var (at, node) = await firstOk.Task.ConfigureAwait(false);
            probeMs = Stopwatch.GetElapsedTime(killAt, at).TotalMilliseconds;
            newLeader = node;
        }

        // Let the client get through too, then measure its longest gap around the kill.
        var clientDeadline = Stopwatch.StartNew();
        while (clientDeadline.Elapsed < GiveUp && !AckAfter(acks, killed))
        {
            await Task.Delay(20, cancellationToken).ConfigureAwait(false);
        }

        await Task.Delay(200, cancellationToken).ConfigureAwait(false);
        await stop.CancelAsync().ConfigureAwait(false);
        await clientLoop.ConfigureAwait(false);
        await Task.WhenAll(probes).ConfigureAwait(false);
        double? clientMs = null;
        lock (acks)
        {
            var after = acks.Where(a => a >= killed).DefaultIfEmpty(long.MaxValue).Min();
            if (after != long.MaxValue)
            {
                clientMs = Stopwatch.GetElapsedTime(killAt, after).TotalMilliseconds;
            }
        }

        progress?.Invoke($"round {round}: restarting {leader}");
        await lab.NodeAsync("start", leader, cancellationToken).ConfigureAwait(false);
        await Task.Delay(TimeSpan.FromSeconds(3), cancellationToken).ConfigureAwait(false);   // catch up, settle
        return new FailoverRoundJson(round, leader, newLeader, probeMs is { } p ? Math.Round(p, 1) : null, clientMs is { } c ? Math.Round(c, 1) : null);
    }

    private static bool AckAfter(List<long> acks, long at)
    {
        lock (acks)
        {
            return acks.Count > 0 && acks[^1] >= at;
        }
    }

    private static async Task ProbeAsync(LabNode node, Func<long> killAt, TaskCompletionSource<(long, string)> firstOk, int round, CancellationToken cancellationToken)
    {
        long n = 0;
        while (!cancellationToken.IsCancellationRequested && !firstOk.Task.IsCompleted)
        {
            try
            {
                using var tcp = new TcpClient { NoDelay = true };
                using (var connect = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
                {
                    connect.CancelAfter(TimeSpan.FromMilliseconds(500));
                    await tcp.ConnectAsync(node.Host, node.ClientProxyPort, connect.Token).ConfigureAwait(false);
                }

                var stream = tcp.GetStream();
                using var reader = new StreamReader(stream, Encoding.ASCII);
                while (!cancellationToken.IsCancellationRequested && !firstOk.Task.IsCompleted)
                {
                    var sent = Stopwatch.GetTimestamp();
                    var id = string.Create(CultureInfo.InvariantCulture, $"probe-{round}-{node.Id}-{++n}-{Guid.NewGuid():N}");
                    await stream.WriteAsync(Encoding.ASCII.GetBytes($"PUB failover-probe id={id} redirect=1 x\r\n"), cancellationToken).ConfigureAwait(false);
                    using var answer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                    answer.CancelAfter(TimeSpan.FromSeconds(1));
                    var line = await reader.ReadLineAsync(answer.Token).ConfigureAwait(false);
                    if (line is null)
                    {
                        break;
                    }

                    if (line.StartsWith("OK ", StringComparison.Ordinal) && sent > killAt())
                    {
                        firstOk.TrySetResult((Stopwatch.GetTimestamp(), node.Id));
                        return;
                    }

                    await Task.Delay(ProbeEvery, cancellationToken).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException)
            {
                // reconnect after the pause
            }

            try
            {
                await Task.Delay(ProbeEvery, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}

/// <summary>One failover round: old and new leader, time to the first probe acknowledgement and to the client's first acknowledgement after the kill.</summary>
internal sealed record FailoverRoundJson(int Round, string KilledLeader, string? NewLeader, double? ProbeMs, double? ClientMs);
