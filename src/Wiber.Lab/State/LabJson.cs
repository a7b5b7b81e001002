using System.Text.Json;
using System.Text.Json.Serialization;

namespace Wiber.Lab.State;

/// <summary>The one JSON style of the lab's files (snake_case, like the CLI's <c>--json</c>).</summary>
public static class LabJson
{
    public static JsonSerializerOptions Options { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DictionaryKeyPolicy = null,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        WriteIndented = false,
    };

    public static JsonSerializerOptions Indented { get; } = new(Options) { WriteIndented = true };
}
