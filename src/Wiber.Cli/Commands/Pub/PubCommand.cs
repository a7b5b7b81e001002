using System.CommandLine;
using Wiber.Client;

namespace Wiber.Cli.Commands.Pub;

/// <summary><c>wiber pub &lt;topic&gt; [message] [--id id]</c>.</summary>
internal sealed record PubCommand(string Topic, string? Message, string? Id) : ICliCommand
{
    public static PubCommand Create(ParseResult parseResult) => new(
        parseResult.GetRequiredValue(PubCommandDefinition.Topic),
        parseResult.GetValue(PubCommandDefinition.Message),
        parseResult.GetValue(PubCommandDefinition.Id));

    public async Task<int> RunAsync(CliContext context, CancellationToken cancellationToken)
    {
        if (Message is null && !context.Console.InputRedirected)
        {
            throw new UsageException("give a message, or pipe messages on stdin (one per line) (see 'wiber pub --help')");
        }

        await using var client = await context.ConnectAsync(cancellationToken).ConfigureAwait(false);
        if (Message is not null)
        {
            return await PublishOneAsync(context, client, Message, Id, cancellationToken).ConfigureAwait(false);
        }

        var line = 0;
        while (await context.Console.In.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } text)
        {
            line++;
            var id = Id is null ? null : FormattableString.Invariant($"{Id}-{line}");
            var code = await PublishOneAsync(context, client, text, id, cancellationToken).ConfigureAwait(false);
            if (code != ExitCodes.Ok)
            {
                return code;   // stop at the first message not acknowledged: later lines are not sent
            }
        }

        return ExitCodes.Ok;
    }

    private async Task<int> PublishOneAsync(CliContext context, WiberClient client, string text, string? id, CancellationToken cancellationToken)
    {
        var result = await client.PublishAsync(Topic, text, id, cancellationToken).ConfigureAwait(false);
        if (context.Json)
        {
            context.WriteJson(PubResultJson.From(result));
        }
        else if (result.Outcome == PublishOutcome.Ok)
        {
            context.Out.WriteLine(FormattableString.Invariant($"{result.Topic} {result.Offset}{(result.Duplicate ? " duplicate" : "")}"));
        }

        switch (result.Outcome)
        {
            case PublishOutcome.Ok:
                return ExitCodes.Ok;
            case PublishOutcome.Failed:
                context.WriteError($"publish failed (message {result.MessageId} was not written): {result.Error ?? "no leader reachable"}");
                return ExitCodes.PublishFailed;
            default:
                context.WriteError($"publish outcome unknown (message {result.MessageId} may or may not be written; read the topic to find out): {result.Error ?? "no answer"}");
                return ExitCodes.PublishUnknown;
        }
    }
}

/// <summary>The JSON of one publish. Field names are a contract (docs/cli.md).</summary>
internal sealed record PubResultJson(string Outcome, string Topic, long? Offset, bool Duplicate, string MessageId, int Attempts, string? Error)
{
    public static PubResultJson From(PublishResult r) => new(
        r.Outcome switch { PublishOutcome.Ok => "ok", PublishOutcome.Failed => "failed", _ => "unknown" },
        r.Topic,
        r.Offset,
        r.Duplicate,
        r.MessageId,
        r.Attempts,
        r.Error);
}
