using System.Globalization;
using System.Text.Json;

namespace Wiber.Lab.Dashboard.Requests;

/// <summary>
/// Reads a request body's JSON object field by field, strictly: every error names the field and what was
/// expected, and a field the request does not know is refused (a typo such as <c>oneway</c> must not be
/// silently ignored). Pure: it sees bytes, never the HTTP request.
/// </summary>
public sealed class JsonRequest
{
    private readonly JsonElement _root;

    private JsonRequest(JsonElement root) => _root = root;

    /// <summary>Parses a body; an empty body is an empty object (every field at its default).</summary>
    public static JsonRequest Parse(ReadOnlySpan<byte> body, params string[] knownFields)
    {
        ArgumentNullException.ThrowIfNull(knownFields);
        if (IsBlank(body))
        {
            return new JsonRequest(JsonDocument.Parse("{}").RootElement.Clone());
        }

        JsonElement root;
        try
        {
            var reader = new Utf8JsonReader(body, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });
            root = JsonElement.ParseValue(ref reader);
            reader.Read();   // anything after the value but white space throws
        }
        catch (JsonException ex)
        {
            throw new RequestException(null, $"request body is not valid JSON: {ex.Message}");
        }

        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new RequestException(null, $"request body must be a JSON object, was {Describe(root)}");
        }

        foreach (var property in root.EnumerateObject())
        {
            if (!knownFields.Contains(property.Name, StringComparer.Ordinal))
            {
                throw new RequestException(property.Name, $"unknown field '{property.Name}' (this request takes {string.Join(", ", knownFields)})");
            }
        }

        return new JsonRequest(root);
    }

    public bool Has(string field) => _root.TryGetProperty(field, out var value) && value.ValueKind != JsonValueKind.Null;

    public JsonElement? Element(string field) => _root.TryGetProperty(field, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    public string? String(string field) => Element(field) is not { } value ? null
        : value.ValueKind == JsonValueKind.String ? value.GetString()
        : throw Wrong(field, "a string", value);

    public string RequiredString(string field, string example) =>
        String(field) is { Length: > 0 } text ? text : throw new RequestException(field, $"{field}: required, e.g. {example}");

    public bool? Bool(string field) => Element(field) is not { } value ? null
        : value.ValueKind is JsonValueKind.True or JsonValueKind.False ? value.GetBoolean()
        : throw Wrong(field, "true or false", value);

    public long? Integer(string field) => Element(field) is not { } value ? null
        : value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number) ? number
        : throw Wrong(field, "a whole number", value);

    public double? Number(string field) => Element(field) is not { } value ? null
        : value.ValueKind == JsonValueKind.Number ? value.GetDouble()
        : throw Wrong(field, "a number", value);

    /// <summary>A duration as the CLI writes it (<c>"200ms"</c>, <c>"1.5s"</c>) or a number of milliseconds.</summary>
    public TimeSpan? Duration(string field, bool allowNegative = false)
    {
        if (Element(field) is not { } value)
        {
            return null;
        }

        var text = value.ValueKind switch
        {
            JsonValueKind.String => value.GetString()!,
            JsonValueKind.Number => value.GetDouble().ToString("0.###", CultureInfo.InvariantCulture) + "ms",
            _ => throw Wrong(field, "a duration such as \"200ms\" or a number of milliseconds", value),
        };
        try
        {
            return Durations.Parse(text, field, allowNegative);
        }
        catch (Wiber.Lab.State.LabException ex)
        {
            throw new RequestException(field, ex.Message);
        }
    }

    internal static RequestException Wrong(string field, string expected, JsonElement value) =>
        new(field, $"{field}: must be {expected}, was {Describe(value)}");

    internal static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => $"the string {Truncate(value.GetRawText())}",
        JsonValueKind.Number => $"the number {Truncate(value.GetRawText())}",
        JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        _ => "null",
    };

    private static string Truncate(string text) => text.Length <= 40 ? text : text[..37] + "...";

    private static bool IsBlank(ReadOnlySpan<byte> body)
    {
        foreach (var b in body)
        {
            if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
            {
                return false;
            }
        }

        return true;
    }
}
