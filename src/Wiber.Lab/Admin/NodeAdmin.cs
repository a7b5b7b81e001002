using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Wiber.Lab.Admin;

/// <summary>The part of a node's <c>GET /status</c> the lab reads (unknown fields ignored).</summary>
public sealed record AdminStatus(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("role")] string Role,
    [property: JsonPropertyName("term")] long Term,
    [property: JsonPropertyName("leader")] string? Leader,
    [property: JsonPropertyName("commit_index")] long CommitIndex,
    [property: JsonPropertyName("last_index")] long LastIndex,
    [property: JsonPropertyName("peers")] IReadOnlyList<AdminPeer> Peers);

public sealed record AdminPeer(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("lag")] long? Lag,
    [property: JsonPropertyName("connected")] bool? Connected,
    [property: JsonPropertyName("clock_offset_ms")] double? ClockOffsetMs = null);

/// <summary>Talks to nodes' admin endpoints; short timeouts, since a paused or partitioned node must not stall the lab.</summary>
public sealed class NodeAdmin : IDisposable
{
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromMilliseconds(800) };

    /// <summary>The node's status, or null when it does not answer in time.</summary>
    public async Task<AdminStatus?> StatusAsync(string host, int adminPort, CancellationToken cancellationToken)
    {
        try
        {
            return await _http.GetFromJsonAsync<AdminStatus>(new Uri($"http://{host}:{adminPort.ToString(CultureInfo.InvariantCulture)}/status"), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or JsonException)
        {
            return null;
        }
    }

    /// <summary>Sets the node's clock skew; throws with the node's message when refused.</summary>
    public async Task SetClockSkewAsync(string host, int adminPort, long offsetMs, CancellationToken cancellationToken)
    {
        var uri = new Uri(string.Create(CultureInfo.InvariantCulture, $"http://{host}:{adminPort}/admin/clock-skew?offset_ms={offsetMs}"));
        using var response = await _http.PostAsync(uri, null, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            throw new State.LabException(State.LabErrorKind.Failed, $"the node refused the clock skew ({(int)response.StatusCode}): {body.ReplaceLineEndings(" ")}");
        }
    }

    public void Dispose() => _http.Dispose();
}
