using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Wiber.Chaos.Client;

/// <summary>
/// A typed client for the Toxiproxy HTTP API, for both Wiber's embedded server and a real toxiproxy-server
/// (2.x). Updates use POST, which every 2.x server accepts. Non-success answers throw
/// <see cref="ToxiproxyException"/> carrying the server's error text and status.
/// </summary>
public sealed class ToxiproxyClient : IDisposable
{
    private static readonly MediaTypeHeaderValue JsonType = new("application/json");
    private readonly HttpClient _http;
    private readonly bool _ownsHttpClient;

    /// <param name="baseAddress">The API root, e.g. http://127.0.0.1:8474.</param>
    /// <param name="httpClient">Used as is and not disposed; null makes (and owns) a new one.</param>
    public ToxiproxyClient(Uri baseAddress, HttpClient? httpClient = null)
    {
        ArgumentNullException.ThrowIfNull(baseAddress);
        var text = baseAddress.ToString();
        BaseAddress = text.EndsWith('/') ? baseAddress : new Uri(text + "/");
        _ownsHttpClient = httpClient is null;
        _http = httpClient ?? new HttpClient();
    }

    public Uri BaseAddress { get; }

    public async Task<string> GetVersionAsync(CancellationToken ct = default)
    {
        var body = await SendAsync(HttpMethod.Get, "version", null, ct).ConfigureAwait(false);
        try
        {
            using var json = JsonDocument.Parse(body);
            if (json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("version", out var version))
            {
                return version.GetString() ?? "";
            }
        }
        catch (JsonException)
        {
            // Old servers answered the bare version text.
        }
        return Encoding.UTF8.GetString(body).Trim();
    }

    public async Task<IReadOnlyDictionary<string, Proxy>> GetProxiesAsync(CancellationToken ct = default)
    {
        using var json = await SendJsonAsync(HttpMethod.Get, "proxies", null, ct).ConfigureAwait(false);
        var proxies = new Dictionary<string, Proxy>(StringComparer.Ordinal);
        foreach (var property in json.RootElement.EnumerateObject())
        {
            proxies[property.Name] = ClientJson.ReadProxy(property.Value);
        }
        return proxies;
    }

    public async Task<Proxy> GetProxyAsync(string name, CancellationToken ct = default)
    {
        using var json = await SendJsonAsync(HttpMethod.Get, ProxyPath(name), null, ct).ConfigureAwait(false);
        return ClientJson.ReadProxy(json.RootElement);
    }

    public async Task<Proxy> CreateProxyAsync(ProxyConfig config, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(config);
        using var json = await SendJsonAsync(HttpMethod.Post, "proxies", ClientJson.ProxyConfig(config), ct).ConfigureAwait(false);
        return ClientJson.ReadProxy(json.RootElement);
    }

    /// <summary>Sends only the non-null fields. Changing listen or upstream drops the proxy's connections.</summary>
    public async Task<Proxy> UpdateProxyAsync(string name, ProxyUpdate update, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(update);
        using var json = await SendJsonAsync(HttpMethod.Post, ProxyPath(name), ClientJson.ProxyUpdate(update), ct).ConfigureAwait(false);
        return ClientJson.ReadProxy(json.RootElement);
    }

    /// <summary>Creates or replaces proxies in one call; unchanged ones keep their toxics and connections.</summary>
    public async Task<IReadOnlyList<Proxy>> PopulateAsync(IEnumerable<ProxyConfig> proxies, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(proxies);
        using var json = await SendJsonAsync(HttpMethod.Post, "populate", ClientJson.Populate(proxies), ct).ConfigureAwait(false);
        return json.RootElement.TryGetProperty("proxies", out var list) && list.ValueKind == JsonValueKind.Array
            ? [.. list.EnumerateArray().Select(ClientJson.ReadProxy)]
            : [];
    }

    public async Task DeleteProxyAsync(string name, CancellationToken ct = default) =>
        await SendAsync(HttpMethod.Delete, ProxyPath(name), null, ct).ConfigureAwait(false);

    /// <summary>Enables every proxy and removes every toxic.</summary>
    public async Task ResetAsync(CancellationToken ct = default) =>
        await SendAsync(HttpMethod.Post, "reset", null, ct).ConfigureAwait(false);

    public async Task<IReadOnlyList<Toxic>> GetToxicsAsync(string proxy, CancellationToken ct = default)
    {
        using var json = await SendJsonAsync(HttpMethod.Get, ProxyPath(proxy) + "/toxics", null, ct).ConfigureAwait(false);
        return json.RootElement.ValueKind == JsonValueKind.Array ? [.. json.RootElement.EnumerateArray().Select(ClientJson.ReadToxic)] : [];
    }

    /// <summary>Adds a toxic; it applies at once to the proxy's live connections too.</summary>
    public async Task<Toxic> AddToxicAsync(string proxy, ToxicConfig toxic, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(toxic);
        using var json = await SendJsonAsync(HttpMethod.Post, ProxyPath(proxy) + "/toxics", ClientJson.ToxicConfig(toxic), ct).ConfigureAwait(false);
        return ClientJson.ReadToxic(json.RootElement);
    }

    public async Task<Toxic> UpdateToxicAsync(string proxy, string toxic, ToxicUpdate update, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(update);
        using var json = await SendJsonAsync(HttpMethod.Post, ToxicPath(proxy, toxic), ClientJson.ToxicUpdate(update), ct).ConfigureAwait(false);
        return ClientJson.ReadToxic(json.RootElement);
    }

    public async Task RemoveToxicAsync(string proxy, string toxic, CancellationToken ct = default) =>
        await SendAsync(HttpMethod.Delete, ToxicPath(proxy, toxic), null, ct).ConfigureAwait(false);

    public void Dispose()
    {
        if (_ownsHttpClient)
        {
            _http.Dispose();
        }
    }

    private static string ProxyPath(string name) => "proxies/" + Uri.EscapeDataString(name);

    private static string ToxicPath(string proxy, string toxic) => ProxyPath(proxy) + "/toxics/" + Uri.EscapeDataString(toxic);

    private async Task<JsonDocument> SendJsonAsync(HttpMethod method, string path, byte[]? body, CancellationToken ct)
    {
        var response = await SendAsync(method, path, body, ct).ConfigureAwait(false);
        try
        {
            return JsonDocument.Parse(response);
        }
        catch (JsonException e)
        {
            throw new ToxiproxyException($"unexpected answer from {method} /{path}: {e.Message}", e);
        }
    }

    private async Task<byte[]> SendAsync(HttpMethod method, string path, byte[]? body, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, new Uri(BaseAddress, path));
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = JsonType;
        }
        using var response = await _http.SendAsync(request, ct).ConfigureAwait(false);
        var content = await response.Content.ReadAsByteArrayAsync(ct).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new ToxiproxyException((int)response.StatusCode, ErrorText(content, response.ReasonPhrase));
        }
        return content;
    }

    /// <summary>The <c>error</c> of toxiproxy's <c>{"error","status"}</c> body, else whatever text came back.</summary>
    private static string ErrorText(byte[] body, string? reason)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            if (json.RootElement.ValueKind == JsonValueKind.Object
                && json.RootElement.TryGetProperty("error", out var error)
                && error.ValueKind == JsonValueKind.String)
            {
                return error.GetString()!;
            }
        }
        catch (JsonException)
        {
            // Not toxiproxy's error shape (a proxy in between, or a 404 page).
        }
        var text = Encoding.UTF8.GetString(body).Trim();
        return text.Length > 0 ? text : reason ?? "request failed";
    }
}
