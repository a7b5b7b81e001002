using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Wiber.Lab.State;

namespace Wiber.Lab.Dashboard.Api;

/// <summary>The API's one JSON style: the lab's (snake_case, every field present, null when not applicable), as the CLI's <c>--json</c>.</summary>
public static class ApiJson
{
    /// <remarks>Quotes and apostrophes are written as they are (the answers are JSON, never pasted into HTML).</remarks>
    public static JsonSerializerOptions Options { get; } = new(LabJson.Options)
    {
        TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Serialize(object value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return JsonSerializer.Serialize(value, value.GetType(), Options);
    }
}
