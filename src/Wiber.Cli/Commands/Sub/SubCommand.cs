using System.CommandLine;
using Wiber.Cli.Commands.History;
using Wiber.Client;

namespace Wiber.Cli.Commands.Sub;

/// <summary>
/// <c>wiber sub &lt;topic&gt;</c>. With <c>--group</c>, what has been printed is acknowledged in the background
/// (at most every 200 ms) and once more on exit, so a restart resumes after the last printed message and at
/// most a fraction of a second of messages is delivered again after a crash (at-least-once).
/// </summary>
internal sealed record SubCommand(string Topic, SubscribeFrom? From, string? Group, long? Count) : ICliCommand
{
    private static readonly TimeSpan AckInterval = TimeSpan.FromMilliseconds(200);

    public static SubCommand Create(ParseResult parseResult)
    {
        var group = parseResult.GetValue(SubCommandDefinition.Group);
        SubscribeFrom? from = parseResult.GetValue(SubCommandDefinition.From) is { } offset ? SubscribeFrom.Offset(offset)
            : parseResult.GetValue(SubCommandDefinition.Last) is { } last ? SubscribeFrom.Last(last)
            : parseResult.GetValue(SubCommandDefinition.New) ? SubscribeFrom.New
            : null;
        return new SubCommand(parseResult.GetRequiredValue(SubCommandDefinition.Topic), from, group, parseResult.GetValue(SubCommandDefinition.Count));
    }

    public async Task<int> RunAsync(CliContext context, CancellationToken cancellationToken)
    {
        await using var client = await context.ConnectAsync(cancellationToken).ConfigureAwait(false);
        var acks = Group is null ? null : new GroupAcknowledger(client, Group, Topic, AckInterval);
        long printed = 0;
        try
        {
            await foreach (var message in client.SubscribeAsync(Topic, From, Group, cancellationToken).ConfigureAwait(false))
            {
                HistoryOutput.Write(context, message);
                acks?.Printed(message.Offset);
                if (++printed == Count)
                {
                    break;
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Ctrl+C: a normal way to stop following. Acknowledge what was printed, then exit 0.
        }
        finally
        {
            await context.Out.FlushAsync(CancellationToken.None).ConfigureAwait(false);
            if (acks is not null)
            {
                await acks.DisposeAsync().ConfigureAwait(false);
            }
        }

        return ExitCodes.Ok;
    }
}
