namespace Wiber.Lab.Dashboard.Requests;

/// <summary>
/// <c>POST /cluster/slow</c>, as <c>wiber lab slow</c>: <c>{"target": "n2" | "n1:n2" | "all", "latency": "200ms", "jitter": "50ms", "bandwidth": 64}</c>.
/// Durations as the CLI writes them, or numbers of milliseconds; bandwidth in KB/s.
/// </summary>
public sealed record SlowRequest(string Target, TimeSpan? Latency, TimeSpan? Jitter, long? Bandwidth)
{
    public static readonly string[] Fields = ["target", "latency", "jitter", "bandwidth"];

    public static SlowRequest Parse(ReadOnlySpan<byte> body)
    {
        var json = JsonRequest.Parse(body, Fields);
        return new SlowRequest(json.RequiredString("target", "\"n2\", \"n1:n2\" or \"all\""), json.Duration("latency"), json.Duration("jitter"), json.Integer("bandwidth"));
    }
}

/// <summary>
/// <c>POST /cluster/flaky</c>, as <c>wiber lab flaky</c>: <c>{"target": "n3", "kind": "reset" | "slicer" | "limit", "probability": 0.3, "bytes": 10000}</c>
/// (kind defaults to reset, probability to 1).
/// </summary>
public sealed record FlakyRequest(string Target, string Kind, double Probability, long? Bytes)
{
    public static readonly string[] Fields = ["target", "kind", "probability", "bytes"];

    public static FlakyRequest Parse(ReadOnlySpan<byte> body)
    {
        var json = JsonRequest.Parse(body, Fields);
        return new FlakyRequest(json.RequiredString("target", "\"n3\", \"n1:n2\" or \"all\""), json.String("kind") ?? "reset", json.Number("probability") ?? 1.0, json.Integer("bytes"));
    }
}

/// <summary><c>POST /cluster/node/{id}/skew</c>, as <c>wiber lab skew</c>: <c>{"offset": "+500ms"}</c> (<c>"0"</c> removes the skew).</summary>
public static class SkewRequest
{
    public static readonly string[] Fields = ["offset"];

    public static TimeSpan Parse(ReadOnlySpan<byte> body)
    {
        var json = JsonRequest.Parse(body, Fields);
        return json.Duration("offset", allowNegative: true) ?? throw new RequestException("offset", "offset: required, e.g. \"+500ms\", \"-2s\" or \"0\"");
    }
}
