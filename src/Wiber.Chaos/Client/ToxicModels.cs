namespace Wiber.Chaos.Client;

/// <summary>The two directions a toxic can act on.</summary>
public static class ToxicStreams
{
    /// <summary>Client to server bytes.</summary>
    public const string Upstream = "upstream";

    /// <summary>Server to client bytes (toxiproxy's default).</summary>
    public const string Downstream = "downstream";
}

/// <summary>Changes to a toxic: only what is non-null is sent; attributes not mentioned keep their values.</summary>
public sealed record ToxicUpdate(float? Toxicity = null, IReadOnlyDictionary<string, long>? Attributes = null);

/// <summary>A toxic as the server reports it; <paramref name="Attributes"/> holds every attribute of its type.</summary>
public sealed record Toxic(string Name, string Type, string Stream, float Toxicity, IReadOnlyDictionary<string, long> Attributes);
