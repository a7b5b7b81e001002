using System.Globalization;
using Wiber.Cli.Output;
using Wiber.Client;

namespace Wiber.Cli.Commands.Status;

/// <summary>
/// <c>wiber status</c>: the STATUS of every server, as a table or JSON lines. Lag and clock offset are the
/// leader's view of each follower (entries behind its last index; the follower's clock minus the leader's),
/// so they are filled in only when a leader answered.
/// </summary>
internal sealed record StatusCommand : ICliCommand
{
    public async Task<int> RunAsync(CliContext context, CancellationToken cancellationToken)
    {
        await using var client = context.CreateForQueries();
        var answers = await Task.WhenAll(context.Settings.Servers.Select(server => QueryAsync(client, server, cancellationToken))).ConfigureAwait(false);
        var leader = answers.Select(a => a.Status).Where(s => s?.Role == "leader").MaxBy(s => s!.Term);
        var rows = answers.Select(a => Row(a.Server, a.Status, a.Error, leader)).ToList();
        if (context.Json)
        {
            foreach (var row in rows)
            {
                context.WriteJson(row);
            }
        }
        else
        {
            WriteTable(context, rows);
        }

        if (rows.All(r => r.Error is not null))
        {
            context.WriteError($"cluster unavailable: none of {string.Join(", ", context.Settings.Servers)} answered");
            return ExitCodes.Unavailable;
        }

        return ExitCodes.Ok;
    }

    private static async Task<(string Server, NodeStatus? Status, string? Error)> QueryAsync(WiberClient client, string server, CancellationToken cancellationToken)
    {
        try
        {
            return (server, await client.StatusAsync(server, cancellationToken).ConfigureAwait(false), null);
        }
        catch (WiberException ex)
        {
            return (server, null, ex.Message.ReplaceLineEndings(" "));
        }
    }

    private static StatusRowJson Row(string server, NodeStatus? s, string? error, NodeStatus? leader)
    {
        if (s is null)
        {
            return new StatusRowJson(server, null, null, null, null, null, null, null, null, null, null, error);
        }

        var seenByLeader = leader?.Peers.FirstOrDefault(p => p.Id == s.Id);
        var isLeader = leader is not null && leader.Id == s.Id;
        long? lag = isLeader ? 0 : seenByLeader?.Lag;
        double? clock = isLeader ? 0 : seenByLeader?.ClockOffsetMs;
        return new StatusRowJson(server, s.Id, s.Role, s.Term, s.Leader, s.CommitIndex, s.AppliedIndex, s.LastIndex, lag, clock, s.Fsync, null);
    }

    private static void WriteTable(CliContext context, IReadOnlyList<StatusRowJson> rows)
    {
        var table = new Table("NODE", "SERVER", "ROLE", "TERM", "LEADER", "COMMIT", "LAG", "CLOCK", "FSYNC", "ERROR");
        foreach (var r in rows)
        {
            if (r.Error is null)
            {
                var role = r.Role switch { "leader" => Style.Green, "candidate" or "pre-candidate" => Style.Yellow, _ => Style.None };
                var lagStyle = r.Lag > 0 ? Style.Yellow : Style.None;
                table.Add(
                    (r.Node ?? "-", Style.None),
                    (r.Server, Style.None),
                    (r.Role ?? "-", role),
                    (Num(r.Term), Style.None),
                    (r.Leader ?? "-", Style.None),
                    (Num(r.Commit), Style.None),
                    (Num(r.Lag), lagStyle),
                    (r.ClockOffsetMs is { } ms ? string.Create(CultureInfo.InvariantCulture, $"{ms:+0.0;-0.0;0} ms") : "-", Style.None),
                    (r.Fsync?.Split(':')[0] ?? "-", Style.None),
                    ("", Style.None));
            }
            else
            {
                table.Add(("?", Style.None), (r.Server, Style.None), ("unreachable", Style.Red), ("-", Style.None), ("-", Style.None), ("-", Style.None), ("-", Style.None), ("-", Style.None), ("-", Style.None), (r.Error, Style.Red));
            }
        }

        table.Write(context.Out, context.Console.UseColor);
    }

    private static string Num(long? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "-";
}

/// <summary>The JSON line of one server. Field names are a contract (docs/cli.md).</summary>
internal sealed record StatusRowJson(
    string Server,
    string? Node,
    string? Role,
    long? Term,
    string? Leader,
    long? Commit,
    long? Applied,
    long? LastIndex,
    long? Lag,
    double? ClockOffsetMs,
    string? Fsync,
    string? Error);
