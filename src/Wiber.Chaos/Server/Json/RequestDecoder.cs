using System.Globalization;
using System.Text.Json;
using Wiber.Chaos.Server.Proxies;
using Wiber.Chaos.Server.Toxics;

namespace Wiber.Chaos.Server.Json;

/// <summary>What POST /proxies/{p}/toxics asked for, before toxiproxy's checks run in its order.</summary>
internal sealed record ToxicRequest(string Name, string Type, string Stream, float Toxicity, JsonElement? Attributes);

/// <summary>
/// Request bodies decoded with Go's encoding/json semantics, which toxiproxy's clients rely on: only the first
/// JSON value is read (trailing bytes are ignored), keys match case-insensitively and the last one wins,
/// unknown keys are ignored, <c>null</c> leaves a field at its default, and integer fields take only integer
/// literals. Errors become 400 <c>bad request body: …</c> with Go-like texts.
/// </summary>
internal static class RequestDecoder
{
    /// <summary>POST /proxies and the proxy update: name, listen, upstream and enabled over the given defaults.</summary>
    public static ProxyInput Proxy(byte[] body, ProxyInput defaults)
    {
        var root = FirstValue(body);
        return root is null ? defaults : ProxyFields(root.Value, defaults, "Proxy", "toxiproxy.Proxy");
    }

    /// <summary>POST /populate: an array of proxies; a missing or null <c>enabled</c> means true.</summary>
    public static IReadOnlyList<ProxyInput> Populate(byte[] body)
    {
        var root = FirstValue(body);
        if (root is null)
        {
            return [];
        }
        if (root.Value.ValueKind != JsonValueKind.Array)
        {
            throw TypeError(root.Value, "Go value", "[]toxiproxy.Proxy");
        }
        var entries = new List<ProxyInput>();
        foreach (var item in root.Value.EnumerateArray())
        {
            var empty = new ProxyInput("", "", "", true);
            entries.Add(item.ValueKind == JsonValueKind.Null ? empty : ProxyFields(item, empty, "", "toxiproxy.Proxy"));
        }
        return entries;
    }

    /// <summary>POST /proxies/{p}/toxics: stream defaults to downstream and toxicity to 1, also when null.</summary>
    public static ToxicRequest ToxicCreate(byte[] body)
    {
        var request = new ToxicRequest("", "", "downstream", 1f, null);
        if (FirstValue(body) is not { } root)
        {
            return request;
        }
        RequireObject(root, "toxics.ToxicWrapper");
        foreach (var property in root.EnumerateObject())
        {
            var value = property.Value;
            request = Field(property.Name) switch
            {
                "name" => request with { Name = StringField(value, "ToxicWrapper.name") ?? request.Name },
                "type" => request with { Type = StringField(value, "ToxicWrapper.type") ?? request.Type },
                "stream" => request with { Stream = StringField(value, "ToxicWrapper.stream") ?? request.Stream },
                "toxicity" => request with { Toxicity = FloatField(value, "ToxicWrapper.toxicity") ?? request.Toxicity },
                "attributes" => request with { Attributes = AttributesObject(value, "ToxicWrapper.attributes") ?? request.Attributes },
                _ => request,
            };
        }
        return request;
    }

    /// <summary>POST|PATCH /proxies/{p}/toxics/{t}: optional partial attributes and toxicity.</summary>
    public static (JsonElement? Attributes, float? Toxicity) ToxicUpdate(byte[] body, ToxicType type)
    {
        JsonElement? attributes = null;
        float? toxicity = null;
        if (FirstValue(body) is not { } root)
        {
            return (null, null);
        }
        RequireObject(root, "struct { Attributes interface {}; Toxicity float32 }");
        foreach (var property in root.EnumerateObject())
        {
            switch (Field(property.Name))
            {
                case "attributes":
                    attributes = AttributesObject(property.Value, type.GoStruct + ".attributes") ?? attributes;
                    break;
                case "toxicity":
                    toxicity = FloatField(property.Value, ".toxicity") ?? toxicity;
                    break;
            }
        }
        return (attributes, toxicity);
    }

    /// <summary>
    /// Applies an attributes object over <paramref name="current"/>: known keys only, integer literals only,
    /// null keeps the value. Nothing is changed unless every value is good.
    /// </summary>
    public static long[] Attributes(ToxicType type, JsonElement? attributes, IReadOnlyList<long> current)
    {
        var values = current.ToArray();
        if (attributes is not { ValueKind: JsonValueKind.Object } obj)
        {
            return values;
        }
        foreach (var property in obj.EnumerateObject())
        {
            var index = type.IndexOf(property.Name);
            if (index < 0 || property.Value.ValueKind == JsonValueKind.Null)
            {
                continue;
            }
            var field = $"{type.GoStruct}.attributes.{type.Attributes[index]}";
            if (property.Value.ValueKind != JsonValueKind.Number)
            {
                throw TypeError(property.Value, "Go struct field " + field, type.AttributeGoType);
            }
            if (!property.Value.TryGetInt64(out values[index]))
            {
                throw ApiException.BadRequestBody($"json: cannot unmarshal number {property.Value.GetRawText()} into Go struct field {field} of type {type.AttributeGoType}");
            }
        }
        return values;
    }

    /// <summary>Go's Decoder.Decode: one value, trailing bytes ignored; null for a JSON null.</summary>
    private static JsonElement? FirstValue(byte[] body)
    {
        if (body.AsSpan().IndexOfAnyExcept(" \t\r\n"u8) < 0)
        {
            throw ApiException.BadRequestBody("EOF");
        }
        var reader = new Utf8JsonReader(body, new JsonReaderOptions { AllowMultipleValues = true });
        try
        {
            using var document = JsonDocument.ParseValue(ref reader);
            return document.RootElement.ValueKind == JsonValueKind.Null ? null : document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw ApiException.BadRequestBody(SyntaxError(body, e));
        }
    }

    private static ProxyInput ProxyFields(JsonElement obj, ProxyInput input, string goStruct, string goType)
    {
        RequireObject(obj, goType);
        foreach (var property in obj.EnumerateObject())
        {
            var value = property.Value;
            input = Field(property.Name) switch
            {
                "name" => input with { Name = StringField(value, goStruct + ".name") ?? input.Name },
                "listen" => input with { Listen = StringField(value, goStruct + ".listen") ?? input.Listen },
                "upstream" => input with { Upstream = StringField(value, goStruct + ".upstream") ?? input.Upstream },
                "enabled" => input with { Enabled = BoolField(value, goStruct + ".enabled") ?? input.Enabled },
                _ => input,
            };
        }
        return input;
    }

    /// <summary>Go matches keys to fields case-insensitively.</summary>
    private static string Field(string key) => key.ToLowerInvariant();

    private static void RequireObject(JsonElement value, string goType)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            throw TypeError(value, "Go value", goType);
        }
    }

    private static string? StringField(JsonElement value, string field) => value.ValueKind switch
    {
        JsonValueKind.Null => null,
        JsonValueKind.String => value.GetString(),
        _ => throw TypeError(value, "Go struct field " + field, "string"),
    };

    private static bool? BoolField(JsonElement value, string field) => value.ValueKind switch
    {
        JsonValueKind.Null => null,
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => throw TypeError(value, "Go struct field " + field, "bool"),
    };

    private static float? FloatField(JsonElement value, string field)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        if (value.ValueKind != JsonValueKind.Number)
        {
            throw TypeError(value, "Go struct field " + field, "float32");
        }
        var text = value.GetRawText();
        var parsed = float.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
        return float.IsFinite(parsed)
            ? parsed
            : throw ApiException.BadRequestBody($"json: cannot unmarshal number {text} into Go struct field {field} of type float32");
    }

    /// <summary>attributes must be an object or null; anything else fails before the type is even known.</summary>
    private static JsonElement? AttributesObject(JsonElement value, string field) => value.ValueKind switch
    {
        JsonValueKind.Null => null,
        JsonValueKind.Object => value,
        _ => throw TypeError(value, "Go struct field " + field, "toxics.Toxic"),
    };

    private static ApiException TypeError(JsonElement value, string target, string goType)
    {
        var kind = value.ValueKind switch
        {
            JsonValueKind.Object => "object",
            JsonValueKind.Array => "array",
            JsonValueKind.String => "string",
            JsonValueKind.Number => "number",
            _ => "bool",
        };
        return ApiException.BadRequestBody($"json: cannot unmarshal {kind} into {target} of type {goType}");
    }

    /// <summary>Go-style texts for malformed JSON: "unexpected EOF" when it stops short, else the bad character.</summary>
    private static string SyntaxError(byte[] body, JsonException error)
    {
        var offset = 0L;
        var line = error.LineNumber ?? 0;
        while (line > 0 && offset < body.Length)
        {
            if (body[offset++] == '\n')
            {
                line--;
            }
        }
        offset += error.BytePositionInLine ?? body.Length;
        while (offset < body.Length && body[offset] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
        {
            offset++;
        }
        if (offset >= body.Length)
        {
            return "unexpected EOF";
        }
        var c = body[offset];
        var shown = c is >= 0x20 and < 0x7f ? ((char)c).ToString() : $"\\x{c:x2}";
        return $"invalid character '{shown}' looking for beginning of value";
    }
}
