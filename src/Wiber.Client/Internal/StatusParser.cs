using System.Text.Json;

namespace Wiber.Client.Internal;

/// <summary>Parses <c>STATUS {json}</c>; unknown keys are ignored.</summary>
internal static class StatusParser
{
    public static NodeStatus Parse(Frame frame)
    {
        if (frame.IsError)
        {
            var (code, text) = frame.Error();
            throw new WiberServerException(code, text, frame.Line);
        }

        if (!frame.Line.StartsWith("STATUS ", StringComparison.Ordinal))
        {
            throw new WiberException($"unexpected STATUS reply '{Frame.Truncate(frame.Line)}'");
        }

        try
        {
            using var document = JsonDocument.Parse(frame.Line.AsMemory(7));
            var root = document.RootElement;
            var peers = new List<PeerStatus>();
            if (root.TryGetProperty("peers", out var list) && list.ValueKind == JsonValueKind.Array)
            {
                foreach (var peer in list.EnumerateArray())
                {
                    peers.Add(new PeerStatus(
                        String(peer, "id") ?? "",
                        Long(peer, "match_index"),
                        Long(peer, "lag"),
                        String(peer, "replication"),
                        peer.TryGetProperty("connected", out var c) && c.ValueKind is JsonValueKind.True or JsonValueKind.False ? c.GetBoolean() : null,
                        Double(peer, "clock_offset_ms"),
                        Double(peer, "round_trip_ms")));
                }
            }

            return new NodeStatus(
                String(root, "id") ?? "",
                String(root, "role") ?? "",
                Long(root, "term") ?? 0,
                String(root, "leader"),
                Long(root, "commit_index") ?? 0,
                Long(root, "applied_index") ?? 0,
                Long(root, "last_index") ?? 0,
                String(root, "fsync") ?? "",
                peers);
        }
        catch (JsonException ex)
        {
            throw new WiberException("malformed STATUS JSON: " + ex.Message, ex);
        }
    }

    private static string? String(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static long? Long(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var n) ? n : null;

    private static double? Double(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : null;
}
