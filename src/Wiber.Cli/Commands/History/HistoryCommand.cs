using System.CommandLine;
using Wiber.Client;

namespace Wiber.Cli.Commands.History;

/// <summary><c>wiber history &lt;topic&gt; [--last N | --from offset [--limit N] | --since t [--until t]] [--linearizable]</c>.</summary>
internal sealed record HistoryCommand(string Topic, HistoryQuery Query, bool Linearizable) : ICliCommand
{
    public const int DefaultLast = 10;

    public static HistoryCommand Create(ParseResult parseResult)
    {
        var limit = parseResult.GetValue(HistoryCommandDefinition.Limit);
        var since = parseResult.GetValue(HistoryCommandDefinition.Since);
        var until = parseResult.GetValue(HistoryCommandDefinition.Until);
        var query = parseResult.GetValue(HistoryCommandDefinition.From) is { } from ? HistoryQuery.Range(from, limit ?? HistoryCommandDefinition.MaxCount)
            : since is not null || until is not null ? HistoryQuery.Window(Time(since, "--since"), Time(until, "--until"), limit ?? HistoryCommandDefinition.MaxCount)
            : HistoryQuery.Last(parseResult.GetValue(HistoryCommandDefinition.Last) ?? DefaultLast);
        return new HistoryCommand(parseResult.GetRequiredValue(HistoryCommandDefinition.Topic), query, parseResult.GetValue(HistoryCommandDefinition.Linearizable));
    }

    private static DateTimeOffset? Time(string? text, string option) => text is null ? null
        : TimeArgument.TryParse(text, DateTimeOffset.UtcNow, out var value) ? value
        : throw new UsageException($"{option}: '{text}' is not a time ({TimeArgument.Forms})");

    public async Task<int> RunAsync(CliContext context, CancellationToken cancellationToken)
    {
        await using var client = await context.ConnectAsync(cancellationToken).ConfigureAwait(false);
        var page = await client.HistoryAsync(Topic, Query, Linearizable, cancellationToken).ConfigureAwait(false);
        foreach (var message in page.Messages)
        {
            HistoryOutput.Write(context, message);
        }

        return ExitCodes.Ok;
    }
}
