namespace Wiber.Lab.Dashboard.Requests;

/// <summary>
/// <c>POST /cluster/publish</c>: <c>{"topic": "dashboard", "message": "hello", "id": "page-1", "count": 1, "wait_ms": 5000, "background": false}</c>.
/// Publishes through the lab's client proxies (to the leader) and then watches every node for the message
/// (the last one, with <see cref="Count"/> &gt; 1) for up to <see cref="Wait"/> (default 5 s, at most 60 s;
/// 0 does not watch). With a count, as <c>wiber pub --count</c>: <c>{i}</c> in the message is replaced by the
/// message's number (1..N) and the ids are <c>&lt;id&gt;-1</c> … <c>&lt;id&gt;-N</c>. With
/// <see cref="Background"/>, the answer comes at the acknowledgement and the watching goes on behind it,
/// reported only as <c>arrival</c> events of <c>GET /cluster/live</c> (what the page does: a request held
/// open for a node that is down would hold one of the browser's few connections).
/// </summary>
public sealed record PublishRequest(string Topic, string Message, string? Id, int Count, TimeSpan Wait, bool Background = false)
{
    public static readonly string[] Fields = ["topic", "message", "id", "count", "wait_ms", "background"];

    public static readonly TimeSpan DefaultWait = TimeSpan.FromSeconds(5);

    public static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(60);

    public const int MaxCount = 10_000;

    public static PublishRequest Parse(ReadOnlySpan<byte> body)
    {
        var json = JsonRequest.Parse(body, Fields);

        // Topic names and ids are checked by the client, as for 'wiber pub' (an ArgumentException naming them).
        var topic = json.RequiredString("topic", "\"dashboard\"");
        var message = json.String("message") ?? throw new RequestException("message", "message: required, e.g. \"hello\"");
        var id = json.String("id");
        var count = json.Integer("count") ?? 1;
        if (count is < 1 or > MaxCount)
        {
            throw new RequestException("count", $"count: must be 1..{MaxCount}, was {count}");
        }

        var waitMs = json.Integer("wait_ms") ?? (long)DefaultWait.TotalMilliseconds;
        if (waitMs < 0 || waitMs > MaxWait.TotalMilliseconds)
        {
            throw new RequestException("wait_ms", $"wait_ms: must be 0..{MaxWait.TotalMilliseconds:0}, was {waitMs}");
        }

        return new PublishRequest(topic, message, id, (int)count, TimeSpan.FromMilliseconds(waitMs), json.Bool("background") ?? false);
    }

    /// <summary>The text of message number <paramref name="i"/> (1-based) of the request.</summary>
    public string MessageText(int i) => Count == 1 ? Message : Message.Replace("{i}", i.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);

    /// <summary>The id of message number <paramref name="i"/>: the given id (numbered with a count), or null for the client's own.</summary>
    public string? MessageId(int i) => Id is null ? null : Count == 1 ? Id : $"{Id}-{i.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
}
