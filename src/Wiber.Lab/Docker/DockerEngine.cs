using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace Wiber.Lab.Docker;

/// <summary>
/// A minimal Docker Engine API client (docs/docker.md): HTTP/1.1 over the engine's unix socket (or plain
/// <c>tcp://</c>), JSON built and read by hand, no dependency beyond the BCL. The API version is negotiated
/// once: <see cref="PreferredApiVersion"/> when the engine accepts it, else the nearest one it does.
/// Thread-safe; one instance per engine is enough.
/// </summary>
public sealed class DockerEngine : IDockerEngine
{
    /// <summary>The engine's usual socket.</summary>
    public const string DefaultSocketPath = "/var/run/docker.sock";

    /// <summary>
    /// The API version the request shapes were written against (Docker 20.10; accepted by engines up to 28;
    /// engines that no longer accept it are spoken to in their oldest accepted version).
    /// </summary>
    public const string PreferredApiVersion = "1.41";

    private readonly HttpClient _http;
    private readonly string? _fixedApiVersion;
    private readonly SemaphoreSlim _negotiation = new(1, 1);
    private string? _apiVersion;

    /// <summary>A client of the engine listening on the unix socket <paramref name="socketPath"/>.</summary>
    /// <param name="apiVersion">Speak this API version (e.g. "1.41") instead of negotiating one.</param>
    public DockerEngine(string socketPath = DefaultSocketPath, string? apiVersion = null)
        : this(UnixSocketHandler(socketPath), new Uri("http://docker/"), "unix://" + socketPath, apiVersion)
    {
    }

    private DockerEngine(HttpMessageHandler handler, Uri baseAddress, string endpoint, string? apiVersion)
    {
        _http = new HttpClient(handler, disposeHandler: true) { BaseAddress = baseAddress, Timeout = Timeout.InfiniteTimeSpan };
        Endpoint = endpoint;
        _fixedApiVersion = string.IsNullOrEmpty(apiVersion) ? null : apiVersion.TrimStart('v');
    }

    /// <summary>
    /// The engine Docker's own CLI would use: <c>$DOCKER_HOST</c> (<c>unix://</c> or <c>tcp://</c> without TLS),
    /// else <see cref="DefaultSocketPath"/>; <c>$DOCKER_API_VERSION</c> fixes the API version.
    /// </summary>
    public static DockerEngine FromEnvironment()
    {
        var host = Environment.GetEnvironmentVariable("DOCKER_HOST");
        var version = Environment.GetEnvironmentVariable("DOCKER_API_VERSION");
        if (string.IsNullOrEmpty(host))
        {
            return new DockerEngine(DefaultSocketPath, version);
        }
        if (host.StartsWith("unix://", StringComparison.Ordinal))
        {
            return new DockerEngine(host["unix://".Length..], version);
        }
        if (host.StartsWith("tcp://", StringComparison.Ordinal))
        {
            return new DockerEngine(new SocketsHttpHandler(), new Uri("http://" + host["tcp://".Length..].TrimEnd('/') + "/"), host, version);
        }
        throw new DockerException($"DOCKER_HOST={host} is not supported: use unix:///path/to/docker.sock or tcp://host:port (without TLS)");
    }

    /// <inheritdoc/>
    public string Endpoint { get; }

    /// <summary>How long one call may take (a stop adds its own timeout; <see cref="WaitAsync"/> has none).</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <inheritdoc/>
    public async Task<bool> PingAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            var answer = await SendAsync(HttpMethod.Get, "/_ping", null, cancellationToken, TimeSpan.FromSeconds(5), versioned: false).ConfigureAwait(false);
            return answer.Status == 200;
        }
        catch (DockerException)
        {
            return false;
        }
    }

    /// <inheritdoc/>
    public async Task<DockerVersion> VersionAsync(CancellationToken cancellationToken = default)
    {
        var answer = await SendAsync(HttpMethod.Get, "/version", null, cancellationToken, versioned: false).ConfigureAwait(false);
        answer.EnsureStatus(200);
        return DockerResponses.Version(answer.Json());
    }

    /// <inheritdoc/>
    public async Task<string> ApiVersionAsync(CancellationToken cancellationToken = default)
    {
        if ((_fixedApiVersion ?? _apiVersion) is { } known)
        {
            return known;
        }
        await _negotiation.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_apiVersion is null)
            {
                var engine = await VersionAsync(cancellationToken).ConfigureAwait(false);
                _apiVersion = DockerResponses.ChooseApiVersion(PreferredApiVersion, engine.ApiVersion, engine.MinApiVersion);
            }
            return _apiVersion;
        }
        finally
        {
            _negotiation.Release();
        }
    }

    /// <inheritdoc/>
    public async Task<bool> ImageExistsAsync(string image, CancellationToken cancellationToken = default)
    {
        var answer = await SendAsync(HttpMethod.Get, $"/images/{DockerRequests.Segment(image)}/json", null, cancellationToken).ConfigureAwait(false);
        return answer.EnsureStatus(200, 404) == 200;
    }

    /// <inheritdoc/>
    public async Task<string> CreateNetworkAsync(string name, IReadOnlyDictionary<string, string>? labels = null, CancellationToken cancellationToken = default)
    {
        var answer = await SendAsync(HttpMethod.Post, "/networks/create", DockerRequests.CreateNetwork(name, labels), cancellationToken).ConfigureAwait(false);
        answer.EnsureStatus(201, 200);
        return DockerResponses.Id(answer.Json());
    }

    /// <inheritdoc/>
    public async Task<bool> RemoveNetworkAsync(string network, CancellationToken cancellationToken = default)
    {
        var answer = await SendAsync(HttpMethod.Delete, $"/networks/{DockerRequests.Segment(network)}", null, cancellationToken).ConfigureAwait(false);
        return answer.EnsureStatus(204, 200, 404) != 404;
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<NetworkSummary>> ListNetworksAsync(IReadOnlyDictionary<string, string>? labels = null, CancellationToken cancellationToken = default)
    {
        var answer = await SendAsync(HttpMethod.Get, "/networks" + Filters(labels, first: true), null, cancellationToken).ConfigureAwait(false);
        answer.EnsureStatus(200);
        return [.. answer.Json().EnumerateArray().Select(DockerResponses.Network)];
    }

    /// <inheritdoc/>
    public async Task ConnectNetworkAsync(string network, string container, IReadOnlyList<string>? aliases = null, CancellationToken cancellationToken = default)
    {
        var answer = await SendAsync(HttpMethod.Post, $"/networks/{DockerRequests.Segment(network)}/connect", DockerRequests.ConnectNetwork(container, aliases), cancellationToken).ConfigureAwait(false);
        answer.EnsureStatus(200);
    }

    /// <inheritdoc/>
    public async Task DisconnectNetworkAsync(string network, string container, bool force = false, CancellationToken cancellationToken = default)
    {
        var answer = await SendAsync(HttpMethod.Post, $"/networks/{DockerRequests.Segment(network)}/disconnect", DockerRequests.DisconnectNetwork(container, force), cancellationToken).ConfigureAwait(false);
        answer.EnsureStatus(200);
    }

    /// <inheritdoc/>
    public async Task<string> CreateContainerAsync(ContainerSpec spec, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var path = "/containers/create?name=" + Uri.EscapeDataString(spec.Name);
        var answer = await SendAsync(HttpMethod.Post, path, DockerRequests.CreateContainer(spec), cancellationToken).ConfigureAwait(false);
        answer.EnsureStatus(201, 200);
        return DockerResponses.Id(answer.Json());
    }

    /// <inheritdoc/>
    public Task StartAsync(string container, CancellationToken cancellationToken = default) =>
        PostAsync(Container(container, "/start"), cancellationToken, null, 204, 304);

    /// <inheritdoc/>
    public Task KillAsync(string container, string signal = "SIGKILL", CancellationToken cancellationToken = default) =>
        PostAsync(Container(container, "/kill?signal=" + Uri.EscapeDataString(signal)), cancellationToken, null, 204);

    /// <inheritdoc/>
    public Task StopAsync(string container, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var seconds = (int)Math.Ceiling(Math.Max(0, timeout.TotalSeconds));
        return PostAsync(Container(container, "/stop?t=" + seconds.ToString(CultureInfo.InvariantCulture)), cancellationToken, RequestTimeout + TimeSpan.FromSeconds(seconds), 204, 304);
    }

    /// <inheritdoc/>
    public Task PauseAsync(string container, CancellationToken cancellationToken = default) =>
        PostAsync(Container(container, "/pause"), cancellationToken, null, 204);

    /// <inheritdoc/>
    public Task UnpauseAsync(string container, CancellationToken cancellationToken = default) =>
        PostAsync(Container(container, "/unpause"), cancellationToken, null, 204);

    /// <inheritdoc/>
    public async Task<bool> RemoveAsync(string container, bool force = true, CancellationToken cancellationToken = default)
    {
        var path = Container(container, force ? "?force=true&v=true" : "?v=true");
        var answer = await SendAsync(HttpMethod.Delete, path, null, cancellationToken).ConfigureAwait(false);
        return answer.EnsureStatus(204, 200, 404) != 404;
    }

    /// <inheritdoc/>
    public async Task<ContainerInfo?> InspectAsync(string container, CancellationToken cancellationToken = default)
    {
        var answer = await SendAsync(HttpMethod.Get, Container(container, "/json"), null, cancellationToken).ConfigureAwait(false);
        return answer.EnsureStatus(200, 404) == 404 ? null : DockerResponses.Inspect(answer.Json());
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<ContainerSummary>> ListAsync(IReadOnlyDictionary<string, string>? labels = null, CancellationToken cancellationToken = default)
    {
        var answer = await SendAsync(HttpMethod.Get, "/containers/json?all=true" + Filters(labels, first: false), null, cancellationToken).ConfigureAwait(false);
        answer.EnsureStatus(200);
        return [.. answer.Json().EnumerateArray().Select(DockerResponses.Summary)];
    }

    /// <inheritdoc/>
    public async Task<int> WaitAsync(string container, CancellationToken cancellationToken = default)
    {
        var answer = await SendAsync(HttpMethod.Post, Container(container, "/wait"), null, cancellationToken, Timeout.InfiniteTimeSpan).ConfigureAwait(false);
        answer.EnsureStatus(200);
        return answer.Json().TryGetProperty("StatusCode", out var code) && code.TryGetInt32(out var exit) ? exit : -1;
    }

    /// <inheritdoc/>
    public async Task<ContainerLogs> LogsAsync(string container, int? tail = null, CancellationToken cancellationToken = default)
    {
        var lines = tail is { } count ? Math.Max(0, count).ToString(CultureInfo.InvariantCulture) : "all";
        var answer = await SendAsync(HttpMethod.Get, Container(container, "/logs?stdout=true&stderr=true&tail=" + lines), null, cancellationToken).ConfigureAwait(false);
        answer.EnsureStatus(200);
        return ContainerLogs.Demultiplex(answer.Body);
    }

    public void Dispose()
    {
        _http.Dispose();
        _negotiation.Dispose();
    }

    private static string Container(string container, string suffix) => "/containers/" + DockerRequests.Segment(container) + suffix;

    private static string Filters(IReadOnlyDictionary<string, string>? labels, bool first)
    {
        var filter = DockerRequests.LabelFilter(labels);
        return filter.Length == 0 ? "" : (first ? "?" : "&") + "filters=" + filter;
    }

    private async Task PostAsync(string path, CancellationToken cancellationToken, TimeSpan? limit, params int[] accepted)
    {
        var answer = await SendAsync(HttpMethod.Post, path, null, cancellationToken, limit).ConfigureAwait(false);
        answer.EnsureStatus(accepted);
    }

    private async Task<Answer> SendAsync(HttpMethod method, string path, byte[]? body, CancellationToken cancellationToken, TimeSpan? limit = null, bool versioned = true)
    {
        var prefix = versioned ? "/v" + await ApiVersionAsync(cancellationToken).ConfigureAwait(false) : "";
        var within = limit ?? RequestTimeout;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (within != Timeout.InfiniteTimeSpan)
        {
            deadline.CancelAfter(within);
        }
        using var request = new HttpRequestMessage(method, new Uri(prefix + path, UriKind.Relative));
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, deadline.Token).ConfigureAwait(false);
            var bytes = await response.Content.ReadAsByteArrayAsync(deadline.Token).ConfigureAwait(false);
            return new Answer(method, path, (int)response.StatusCode, bytes);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new DockerException(0, "timed out", $"docker: {method} {path}: no answer from {Endpoint} within {within.TotalSeconds:0}s", ex);
        }
        catch (HttpRequestException ex)
        {
            throw new DockerException(0, ex.Message, $"docker: cannot reach the engine at {Endpoint}: {ex.Message} (is it running? scripts/install-docker.sh starts it)", ex);
        }
    }

    private static SocketsHttpHandler UnixSocketHandler(string socketPath) => new()
    {
        ConnectCallback = async (_, cancellationToken) =>
        {
            var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            try
            {
                await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), cancellationToken).ConfigureAwait(false);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
        PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30),
    };

    /// <summary>One answer of the engine, read whole.</summary>
    private readonly record struct Answer(HttpMethod Method, string Path, int Status, byte[] Body)
    {
        public JsonElement Json()
        {
            using var document = JsonDocument.Parse(Body);
            return document.RootElement.Clone();
        }

        /// <summary>Returns the status when it is one of <paramref name="accepted"/>; throws the engine's refusal otherwise.</summary>
        public int EnsureStatus(params int[] accepted)
        {
            if (accepted.Contains(Status))
            {
                return Status;
            }
            var message = DockerResponses.ErrorMessage(Encoding.UTF8.GetString(Body));
            throw new DockerException(Status, message, $"docker: {Method} {Path}: {Status} {message}".TrimEnd());
        }
    }
}
