using System.Globalization;
using System.Text;
using Wiber.Client;

namespace Wiber.Cli.Commands.History;

/// <summary>How <c>history</c> and <c>sub</c> print a message: a JSON line, or <c>offset	time	payload</c>.</summary>
internal static class HistoryOutput
{
    public static void Write(CliContext context, ReceivedMessage message)
    {
        var json = HistoryMessageJson.From(message);
        if (context.Json)
        {
            context.WriteJson(json);
            return;
        }

        var payload = json.Encoding == "utf-8" ? json.Payload : "base64:" + json.Payload;
        var offset = Output.StyleExtensions.Paint(Output.Style.Dim, message.Offset.ToString(CultureInfo.InvariantCulture), context.Console.UseColor);
        context.Out.WriteLine($"{offset}\t{json.Time}\t{payload}");
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
