using System.CommandLine;
using System.Globalization;
using System.Text;
using Wiber.Client;

namespace Wiber.Cli.Commands.History;

/// <summary><c>wiber history &lt;topic&gt; [--last N | --from offset [--limit N]] [--linearizable]</c>.</summary>
internal sealed record HistoryCommand(string Topic, int? Last, long? From, int? Limit, bool Linearizable) : ICliCommand
{
    public const int DefaultLast = 10;

    public static HistoryCommand Create(ParseResult parseResult) => new(
        parseResult.GetRequiredValue(HistoryCommandDefinition.Topic),
        parseResult.GetValue(HistoryCommandDefinition.Last),
        parseResult.GetValue(HistoryCommandDefinition.From),
        parseResult.GetValue(HistoryCommandDefinition.Limit),
        parseResult.GetValue(HistoryCommandDefinition.Linearizable));

    public HistoryQuery Query => From is { } from
        ? HistoryQuery.Range(from, Limit ?? HistoryCommandDefinition.MaxCount)
        : HistoryQuery.Last(Last ?? DefaultLast);

    public async Task<int> RunAsync(CliContext context, CancellationToken cancellationToken)
    {
        await using var client = await context.ConnectAsync(cancellationToken).ConfigureAwait(false);
        var page = await client.HistoryAsync(Topic, Query, Linearizable, cancellationToken).ConfigureAwait(false);
        foreach (var message in page.Messages)
        {
            var json = HistoryMessageJson.From(message);
            if (context.Json)
            {
                context.WriteJson(json);
            }
            else
            {
                context.Out.WriteLine(FormattableString.Invariant($"{message.Offset}\t{json.Time}\t{(json.Encoding == "utf-8" ? json.Payload : "base64:" + json.Payload)}"));
            }
        }

        return ExitCodes.Ok;
    }
}

/// <summary>The JSON line of one message. Field names are a contract (docs/cli.md).</summary>
internal sealed record HistoryMessageJson(string Topic, long Offset, string HybridTs, string? Time, long? ProducerTimeMs, string Encoding, string Payload)
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static HistoryMessageJson From(ReceivedMessage m)
    {
        string encoding;
        string payload;
        try
        {
            payload = StrictUtf8.GetString(m.Payload.Span);
            encoding = "utf-8";
        }
        catch (DecoderFallbackException)
        {
            payload = Convert.ToBase64String(m.Payload.Span);
            encoding = "base64";
        }

        return new HistoryMessageJson(m.Topic, m.Offset, m.HybridTimestamp, WallTime(m.HybridTimestamp), m.ProducerTimeMs, encoding, payload);
    }

    /// <summary>The wall-clock part of a hybrid timestamp (<c>&lt;unix ms&gt;.&lt;logical&gt;</c>) as ISO 8601 UTC.</summary>
    private static string? WallTime(string hybrid)
    {
        var dot = hybrid.IndexOf('.', StringComparison.Ordinal);
        var wall = dot < 0 ? hybrid : hybrid[..dot];
        return long.TryParse(wall, NumberStyles.None, CultureInfo.InvariantCulture, out var ms) && ms <= 253402300799999
            ? DateTimeOffset.FromUnixTimeMilliseconds(ms).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture)
            : null;
    }
}
