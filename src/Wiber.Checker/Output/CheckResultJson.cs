using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Wiber.Checker;

/// <summary>
/// The machine-readable verdict: what <c>wiber lab check --json</c> prints and <c>Test-WiberHistory</c>
/// reads. Every field is always present (null when not applicable); names are snake_case, like the rest of
/// the project's JSON, and a contract kept in docs/checker.md and pinned by a test. Bump
/// <see cref="Version"/> on any breaking change (2: field names went from camelCase to snake_case).
/// </summary>
public static class CheckResultJson
{
    /// <summary>The <c>version</c> field of the document.</summary>
    public const int Version = 2;

    public static string Serialize(CheckResult result, bool indented = false)
    {
        using var buffer = new MemoryStream();
        Write(buffer, result, indented);
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>Writes the document as UTF-8 (no BOM) and a final line break.</summary>
    public static void Write(Stream stream, CheckResult result, bool indented = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(result);
        var options = new JsonWriterOptions
        {
            Indented = indented,
            NewLine = "\n",

            // The output is never embedded in HTML, so keep quotes and non-ASCII readable.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };
        using (var writer = new Utf8JsonWriter(stream, options))
        {
            JsonSerializer.Serialize(writer, CheckReportDocument.From(result), CheckResultJsonContext.Default.CheckReportDocument);
        }

        stream.WriteByte((byte)'\n');
    }

    public static void Write(TextWriter writer, CheckResult result, bool indented = false)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(Serialize(result, indented));
    }
}

/// <summary>The shape of the JSON document; kept apart from <see cref="CheckResult"/> so the contract is visible in one place.</summary>
internal sealed record CheckReportDocument(
    int Version,
    bool Valid,
    int Errors,
    int Warnings,
    CheckStatistics Statistics,
    IReadOnlyList<HealRecovery> Recoveries,
    IReadOnlyList<Anomaly> Anomalies)
{
    public static CheckReportDocument From(CheckResult result) => new(
        CheckResultJson.Version, result.IsValid, result.Errors, result.Warnings, result.Statistics, result.Recoveries, result.Anomalies);
}

// Dictionary keys (node ids, anomaly kinds) are data and keep their spelling: no DictionaryKeyPolicy.
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(CheckReportDocument))]
internal sealed partial class CheckResultJsonContext : JsonSerializerContext;
