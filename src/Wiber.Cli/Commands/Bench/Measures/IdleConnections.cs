using System.Net.Sockets;
using System.Text;
using Wiber.Cli.Commands.Bench.Harness;

namespace Wiber.Cli.Commands.Bench.Measures;

/// <summary>
/// Memory of idle nodes and of idle client connections: the resident set (VmRSS from /proc) of every node
/// once the cluster is idle, then <c>count</c> TCP connections opened straight to the leader's client port
/// (each says PING and gets PONG, so the node has fully set the connection up), a pause, and the leader's
/// RSS again: the difference divided by the count is the cost of one idle connection.
/// </summary>
internal static class IdleConnections
{
    public static async Task<IdleJson> MeasureAsync(BenchCluster cluster, int count, TimeSpan settle, Action<string>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        await Task.Delay(settle, cancellationToken).ConfigureAwait(false);
        var leaderId = await BenchCluster.WaitForLeaderAsync(cluster.Nodes, TimeSpan.FromSeconds(15), cancellationToken).ConfigureAwait(false);
        var leader = cluster.Nodes.First(n => n.Id == leaderId);

        // CPU an idle node uses (heartbeats, timers, thread-pool spinning), over the settle period.
        var cpuBefore = cluster.Nodes.Select(n => n.Pid is { } pid ? ProcessStats.CpuSeconds(pid) : null).ToArray();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await Task.Delay(settle, cancellationToken).ConfigureAwait(false);
        var seconds = clock.Elapsed.TotalSeconds;
        var idle = cluster.Nodes.Select((n, i) =>
        {
            var after = n.Pid is { } pid ? ProcessStats.CpuSeconds(pid) : null;
            double? cpuPercent = after is { } a && cpuBefore[i] is { } b ? Math.Round((a - b) / seconds * 100, 1) : null;
            return new IdleNodeJson(n.Id, n.Id == leaderId ? "leader" : "follower", Mb(n.Pid is { } p ? ProcessStats.ResidentBytes(p) : null), cpuPercent);
        }).ToList();
        var before = leader.Pid is { } p0 ? ProcessStats.ResidentBytes(p0) : null;

        progress?.Invoke($"opening {count} idle connections to {leader.Id}");
        var sockets = new List<Socket>(count);
        try
        {
            var answer = new byte[64];
            for (var i = 0; i < count; i++)
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                sockets.Add(socket);
                await socket.ConnectAsync(leader.Host, leader.ClientPort, cancellationToken).ConfigureAwait(false);
                await socket.SendAsync("PING\r\n"u8.ToArray(), cancellationToken).ConfigureAwait(false);
                var read = await socket.ReceiveAsync(answer, cancellationToken).ConfigureAwait(false);
                if (read == 0 || !Encoding.ASCII.GetString(answer, 0, read).StartsWith("PONG", StringComparison.Ordinal))
                {
                    throw new IOException($"connection {i + 1} to {leader.Id} was not answered with PONG: '{Encoding.ASCII.GetString(answer, 0, read).Trim()}'");
                }
            }

            await Task.Delay(settle, cancellationToken).ConfigureAwait(false);
            var after = leader.Pid is { } p1 ? ProcessStats.ResidentBytes(p1) : null;
            double? perConnectionKb = before is { } b && after is { } a ? Math.Round((a - b) / 1024.0 / count, 1) : null;
            return new IdleJson(cluster.Kind, idle, leader.Id, count, Mb(before), Mb(after), perConnectionKb);
        }
        finally
        {
            foreach (var socket in sockets)
            {
                socket.Dispose();
            }
        }
    }

    private static double? Mb(long? bytes) => bytes is { } b ? Math.Round(b / (1024.0 * 1024.0), 1) : null;
}

/// <summary><c>wiber bench idle --json</c>: idle RSS per node, the leader's RSS before and after the connections, and the cost of one.</summary>
internal sealed record IdleJson(string Cluster, IReadOnlyList<IdleNodeJson> IdleNodes, string Leader, int Connections, double? LeaderRssBeforeMb, double? LeaderRssAfterMb, double? PerConnectionKb);

internal sealed record IdleNodeJson(string Node, string Role, double? RssMb, double? CpuPercent);
