using System.Globalization;
using Wiber.Client;

namespace Wiber.Cli.Commands.Status;

/// <summary><c>wiber status</c>: the STATUS of every server, as a table or JSON lines.</summary>
internal sealed record StatusCommand : ICliCommand
{
    public async Task<int> RunAsync(CliContext context, CancellationToken cancellationToken)
    {
        await using var client = context.CreateForQueries();
        var rows = await Task.WhenAll(context.Settings.Servers.Select(server => QueryAsync(client, server, cancellationToken))).ConfigureAwait(false);
        if (context.Json)
        {
            foreach (var row in rows)
            {
                context.WriteJson(row);
            }
        }
        else
        {
            WriteTable(context.Out, rows);
        }

        if (rows.All(r => r.Error is not null))
        {
            context.WriteError($"cluster unavailable: none of {string.Join(", ", context.Settings.Servers)} answered");
            return ExitCodes.Unavailable;
        }
        return ExitCodes.Ok;
    }

    private static async Task<StatusRowJson> QueryAsync(WiberClient client, string server, CancellationToken cancellationToken)
    {
        try
        {
            var s = await client.StatusAsync(server, cancellationToken).ConfigureAwait(false);
            return new StatusRowJson(server, s.Id, s.Role, s.Term, s.Leader, s.CommitIndex, s.AppliedIndex, s.LastIndex, s.Fsync, null);
        }
        catch (WiberException ex)
        {
            return new StatusRowJson(server, null, null, null, null, null, null, null, null, ex.Message.ReplaceLineEndings(" "));
        }
    }

    private static void WriteTable(TextWriter output, IReadOnlyList<StatusRowJson> rows)
    {
        string[] header = ["NODE", "SERVER", "ROLE", "TERM", "LEADER", "COMMIT", "APPLIED", "FSYNC"];
        var cells = rows.Select(r => r.Error is null
            ? new[] { r.Node ?? "-", r.Server, r.Role ?? "-", Num(r.Term), r.Leader ?? "-", Num(r.Commit), Num(r.Applied), r.Fsync ?? "-" }
            : new[] { "?", r.Server, "unreachable", "-", "-", "-", "-", r.Error }).ToList();
        var widths = header.Select((h, i) => Math.Max(h.Length, cells.Count == 0 ? 0 : cells.Max(c => i == header.Length - 1 ? 0 : c[i].Length))).ToArray();
        output.WriteLine(Line(header, widths));
        foreach (var row in cells)
        {
            output.WriteLine(Line(row, widths));
        }
    }

    private static string Line(string[] cells, int[] widths) =>
        string.Join("  ", cells.Select((c, i) => i == cells.Length - 1 ? c : c.PadRight(widths[i]))).TrimEnd();

    private static string Num(long? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "-";
}

/// <summary>The JSON line of one server. Field names are a contract (docs/cli.md).</summary>
internal sealed record StatusRowJson(string Server, string? Node, string? Role, long? Term, string? Leader, long? Commit, long? Applied, long? LastIndex, string? Fsync, string? Error);
