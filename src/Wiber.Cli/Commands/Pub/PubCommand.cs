using System.CommandLine;
using System.Globalization;
using Wiber.Cli.Output;
using Wiber.Client;

namespace Wiber.Cli.Commands.Pub;

/// <summary><c>wiber pub &lt;topic&gt; [message] [--id id] [--count N [--rate R]]</c>.</summary>
internal sealed record PubCommand(string Topic, string? Message, string? Id, long? Count, double? Rate) : ICliCommand
{
    public static PubCommand Create(ParseResult parseResult) => new(
        parseResult.GetRequiredValue(PubCommandDefinition.Topic),
        parseResult.GetValue(PubCommandDefinition.Message),
        parseResult.GetValue(PubCommandDefinition.Id),
        parseResult.GetValue(PubCommandDefinition.Count),
        parseResult.GetValue(PubCommandDefinition.Rate));

    public async Task<int> RunAsync(CliContext context, CancellationToken cancellationToken)
    {
        if (Count is { } count)
        {
            return await RunLoadAsync(context, count, cancellationToken).ConfigureAwait(false);
        }

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

    private async Task<int> RunLoadAsync(CliContext context, long count, CancellationToken cancellationToken)
    {
        await using var client = await context.ConnectAsync(cancellationToken).ConfigureAwait(false);
        var progress = new ProgressLine(context.Console.Error, "published", context.Console.ShowProgress);
        var load = new PubLoad(client, Topic, Message ?? "message {i}", Id, count, Rate, context.Settings.ClientOptions.MaxInFlight);
        var result = await load.RunAsync(progress.Report, cancellationToken).ConfigureAwait(false);
        progress.Done();
        if (context.Json)
        {
            context.WriteJson(result);
        }
        else
        {
            context.Out.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"{result.Ok:N0} of {result.Count:N0} published to {Topic} (offsets {result.FirstOffset?.ToString(CultureInfo.InvariantCulture) ?? "-"}..{result.LastOffset?.ToString(CultureInfo.InvariantCulture) ?? "-"}) in {result.Seconds:0.00} s: {result.MessagesPerSecond:N0} msg/s, latency p50 {result.P50Ms:0.0} ms, p99 {result.P99Ms:0.0} ms"));
        }

        if (result.Unknown > 0)
        {
            context.WriteError($"{result.Unknown} publishes have an unknown outcome and {result.Failed} failed ({result.FirstError ?? "no answer"}); {(Id is null ? "read the topic to find out" : "run the same command again: the ids make it safe")}");
            return ExitCodes.PublishUnknown;
        }

        if (result.Failed > 0)
        {
            context.WriteError($"{result.Failed} publishes failed (not written): {result.FirstError ?? "no leader reachable"}");
            return ExitCodes.PublishFailed;
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
