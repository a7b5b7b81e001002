using System.Globalization;
using Wiber.Client;

namespace Wiber.Cli.Commands.Ping;

/// <summary><c>wiber ping</c>: PING → PONG to every server.</summary>
internal sealed record PingCommand : ICliCommand
{
    public async Task<int> RunAsync(CliContext context, CancellationToken cancellationToken)
    {
        await using var client = context.CreateForQueries();
        var rows = await Task.WhenAll(context.Settings.Servers.Select(server => PingAsync(client, server, cancellationToken))).ConfigureAwait(false);
        foreach (var row in rows)
        {
            if (context.Json)
            {
                context.WriteJson(row);
            }
            else
            {
                context.Out.WriteLine(row.Ok
                    ? string.Create(CultureInfo.InvariantCulture, $"{row.Server}  pong  {row.RttMs:0.000} ms")
                    : $"{row.Server}  unreachable  {row.Error}");
            }
        }

        if (!rows.All(r => r.Ok))
        {
            var silent = rows.Where(r => !r.Ok).Select(r => r.Server);
            context.WriteError($"cluster unavailable: {string.Join(", ", silent)} did not answer");
            return ExitCodes.Unavailable;
        }
        return ExitCodes.Ok;
    }

    private static async Task<PingRowJson> PingAsync(WiberClient client, string server, CancellationToken cancellationToken)
    {
        try
        {
            var rtt = await client.PingAsync(server, cancellationToken).ConfigureAwait(false);
            return new PingRowJson(server, true, Math.Round(rtt.TotalMilliseconds, 3), null);
        }
        catch (WiberException ex)
        {
            return new PingRowJson(server, false, null, ex.Message.ReplaceLineEndings(" "));
        }
    }
}

/// <summary>The JSON line of one server. Field names are a contract (docs/cli.md).</summary>
internal sealed record PingRowJson(string Server, bool Ok, double? RttMs, string? Error);
