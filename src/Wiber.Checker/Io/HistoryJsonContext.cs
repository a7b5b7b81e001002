using System.Text.Json.Serialization;

namespace Wiber.Checker;

/// <summary>
/// Source-generated JSON for history lines: snake_case (like the CLI's <c>--json</c> and the lab's files),
/// compact, strict about required fields and nulls (a malformed line is an error, never a silently empty
/// record), tolerant of extra fields and of <c>type</c> not coming first (writers in other languages,
/// e.g. PowerShell, do not keep order). <see cref="EventRecord"/> is also registered on its own, to read
/// the lab's <c>events.jsonl</c> lines, which carry no <c>type</c>.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    WriteIndented = false,
    AllowOutOfOrderMetadataProperties = true,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(HistoryRecord))]
[JsonSerializable(typeof(EventRecord))]
internal sealed partial class HistoryJsonContext : JsonSerializerContext;
