using System.Text.Json;

namespace Wiber.Chaos.Client;

/// <summary>
/// Request bodies and tolerant response parsing: unknown keys (such as the real server's <c>"Logger":{}</c>)
/// are ignored, a null array is empty, and a non-integer attribute is truncated rather than rejected.
/// </summary>
internal static class ClientJson
{
    public static byte[] ProxyConfig(ProxyConfig config) => Write(json => WriteProxyConfig(json, config));

    public static byte[] Populate(IEnumerable<ProxyConfig> proxies) => Write(json =>
    {
        json.WriteStartArray();
        foreach (var proxy in proxies)
        {
            WriteProxyConfig(json, proxy);
        }
        json.WriteEndArray();
    });

    public static byte[] ProxyUpdate(ProxyUpdate update) => Write(json =>
    {
        json.WriteStartObject();
        if (update.Listen is not null)
        {
            json.WriteString("listen", update.Listen);
        }
        if (update.Upstream is not null)
        {
            json.WriteString("upstream", update.Upstream);
        }
        if (update.Enabled is { } enabled)
        {
            json.WriteBoolean("enabled", enabled);
        }
        json.WriteEndObject();
    });

    public static byte[] ToxicConfig(ToxicConfig toxic) => Write(json =>
    {
        json.WriteStartObject();
        if (toxic.Name is not null)
        {
            json.WriteString("name", toxic.Name);
        }
        json.WriteString("type", toxic.Type);
        json.WriteString("stream", toxic.Stream);
        json.WriteNumber("toxicity", toxic.Toxicity);
        if (toxic.Attributes is not null)
        {
            WriteAttributes(json, toxic.Attributes);
        }
        json.WriteEndObject();
    });

    public static byte[] ToxicUpdate(ToxicUpdate update) => Write(json =>
    {
        json.WriteStartObject();
        if (update.Attributes is not null)
        {
            WriteAttributes(json, update.Attributes);
        }
        if (update.Toxicity is { } toxicity)
        {
            json.WriteNumber("toxicity", toxicity);
        }
        json.WriteEndObject();
    });

    public static Proxy ReadProxy(JsonElement json)
    {
        var toxics = json.TryGetProperty("toxics", out var list) && list.ValueKind == JsonValueKind.Array
            ? list.EnumerateArray().Select(ReadToxic).ToList()
            : [];
        return new Proxy(Text(json, "name"), Text(json, "listen"), Text(json, "upstream"),
            json.TryGetProperty("enabled", out var enabled) && enabled.ValueKind == JsonValueKind.True, toxics);
    }

    public static Toxic ReadToxic(JsonElement json)
    {
        var attributes = new Dictionary<string, long>(StringComparer.Ordinal);
        if (json.TryGetProperty("attributes", out var attrs) && attrs.ValueKind == JsonValueKind.Object)
        {
            foreach (var attribute in attrs.EnumerateObject())
            {
                if (attribute.Value.ValueKind != JsonValueKind.Number)
                {
                    continue;
                }
                attributes[attribute.Name] = attribute.Value.TryGetInt64(out var whole) ? whole : (long)attribute.Value.GetDouble();
            }
        }
        var toxicity = json.TryGetProperty("toxicity", out var t) && t.ValueKind == JsonValueKind.Number ? t.GetSingle() : 1f;
        return new Toxic(Text(json, "name"), Text(json, "type"), Text(json, "stream"), toxicity, attributes);
    }

    private static string Text(JsonElement json, string name) =>
        json.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : "";

    private static void WriteProxyConfig(Utf8JsonWriter json, ProxyConfig config)
    {
        json.WriteStartObject();
        json.WriteString("name", config.Name);
        json.WriteString("listen", config.Listen);
        json.WriteString("upstream", config.Upstream);
        json.WriteBoolean("enabled", config.Enabled);
        json.WriteEndObject();
    }

    private static void WriteAttributes(Utf8JsonWriter json, IReadOnlyDictionary<string, long> attributes)
    {
        json.WriteStartObject("attributes");
        foreach (var (key, value) in attributes)
        {
            json.WriteNumber(key, value);
        }
        json.WriteEndObject();
    }

    private static byte[] Write(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            write(json);
        }
        return buffer.ToArray();
    }
}
