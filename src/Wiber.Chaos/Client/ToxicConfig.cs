namespace Wiber.Chaos.Client;

/// <summary>
/// A toxic to add. A null <paramref name="Name"/> lets the server name it <c>&lt;type&gt;_&lt;stream&gt;</c>;
/// <paramref name="Toxicity"/> is the chance (per connection) that it applies. The factories use toxiproxy's
/// attribute names and units.
/// </summary>
public sealed record ToxicConfig(
    string Type,
    string? Name = null,
    string Stream = ToxicStreams.Downstream,
    float Toxicity = 1f,
    IReadOnlyDictionary<string, long>? Attributes = null)
{
    /// <summary>Delays every chunk by <paramref name="latency"/> ms ± <paramref name="jitter"/> ms.</summary>
    public static ToxicConfig Latency(long latency, long jitter = 0, string stream = ToxicStreams.Downstream, string? name = null, float toxicity = 1f) =>
        new("latency", name, stream, toxicity, new Dictionary<string, long> { ["latency"] = latency, ["jitter"] = jitter });

    /// <summary>Limits throughput to <paramref name="rate"/> KB/s (1 KB = 1000 bytes); 0 stalls the stream.</summary>
    public static ToxicConfig Bandwidth(long rate, string stream = ToxicStreams.Downstream, string? name = null, float toxicity = 1f) =>
        new("bandwidth", name, stream, toxicity, new Dictionary<string, long> { ["rate"] = rate });

    /// <summary>Delays the close of the connection by <paramref name="delay"/> ms after the source ends.</summary>
    public static ToxicConfig SlowClose(long delay, string stream = ToxicStreams.Downstream, string? name = null, float toxicity = 1f) =>
        new("slow_close", name, stream, toxicity, new Dictionary<string, long> { ["delay"] = delay });

    /// <summary>
    /// Drops all data; closes the connection after <paramref name="timeout"/> ms without data, or never when 0
    /// (a silent partition). Removing the toxic closes the connections it held.
    /// </summary>
    public static ToxicConfig Timeout(long timeout, string stream = ToxicStreams.Downstream, string? name = null, float toxicity = 1f) =>
        new("timeout", name, stream, toxicity, new Dictionary<string, long> { ["timeout"] = timeout });

    /// <summary>Resets (TCP RST) the connection <paramref name="timeout"/> ms after the first data arrives.</summary>
    public static ToxicConfig ResetPeer(long timeout = 0, string stream = ToxicStreams.Downstream, string? name = null, float toxicity = 1f) =>
        new("reset_peer", name, stream, toxicity, new Dictionary<string, long> { ["timeout"] = timeout });

    /// <summary>Slices data into pieces of about <paramref name="averageSize"/> ± <paramref name="sizeVariation"/> bytes, <paramref name="delay"/> µs apart.</summary>
    public static ToxicConfig Slicer(long averageSize, long sizeVariation = 0, long delay = 0, string stream = ToxicStreams.Downstream, string? name = null, float toxicity = 1f) =>
        new("slicer", name, stream, toxicity, new Dictionary<string, long> { ["average_size"] = averageSize, ["size_variation"] = sizeVariation, ["delay"] = delay });

    /// <summary>Closes the connection once <paramref name="bytes"/> bytes have passed in this direction.</summary>
    public static ToxicConfig LimitData(long bytes, string stream = ToxicStreams.Downstream, string? name = null, float toxicity = 1f) =>
        new("limit_data", name, stream, toxicity, new Dictionary<string, long> { ["bytes"] = bytes });
}
