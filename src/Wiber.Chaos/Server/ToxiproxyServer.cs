using System.Net;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Wiber.Chaos.Server.Http;
using Wiber.Chaos.Server.Json;
using Wiber.Chaos.Server.Proxies;

namespace Wiber.Chaos.Server;

/// <summary>
/// A Toxiproxy-compatible server: toxiproxy 2.12's HTTP API (same routes, status codes, JSON and error texts)
/// on Kestrel, and a TCP proxy per configured proxy whose toxics apply to live connections.
/// </summary>
public sealed partial class ToxiproxyServer : IAsyncDisposable
{
    private readonly KestrelServer _kestrel;
    private readonly ProxyCollection _proxies;
    private int _stopped;

    private ToxiproxyServer(KestrelServer kestrel, ProxyCollection proxies, Uri baseAddress)
    {
        _kestrel = kestrel;
        _proxies = proxies;
        BaseAddress = baseAddress;
    }

    /// <summary>The API's address, e.g. http://127.0.0.1:8474/ (the real port when <see cref="ToxiproxyServerOptions.Port"/> is 0).</summary>
    public Uri BaseAddress { get; }

    /// <summary>The proxies, for tests that look behind the API.</summary>
    internal ProxyCollection Proxies => _proxies;

    /// <summary>Starts the API (and the proxies of the config file). Throws <see cref="IOException"/> when the API cannot bind.</summary>
    public static async Task<ToxiproxyServer> StartAsync(ToxiproxyServerOptions options, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var loggers = options.LoggerFactory ?? NullLoggerFactory.Instance;
        var log = loggers.CreateLogger<ToxiproxyServer>();
        var proxies = new ProxyCollection(loggers);
        if (options.ConfigFile is not null)
        {
            // As upstream: the config file is applied before the API listens, and its errors are only logged.
            await PopulateFromFileAsync(proxies, options.ConfigFile, log, ct).ConfigureAwait(false);
        }

        var bind = await ApiEndPointAsync(options.Host, options.Port, ct).ConfigureAwait(false);
        var kestrelOptions = new KestrelServerOptions { AddServerHeader = false };
        kestrelOptions.Limits.KeepAliveTimeout = TimeSpan.FromSeconds(60);
        kestrelOptions.Limits.RequestHeadersTimeout = TimeSpan.FromSeconds(15);
        kestrelOptions.Listen(bind, listen => listen.Protocols = HttpProtocols.Http1); // Go's server: HTTP/1.x only
        var transport = new SocketTransportFactory(Options.Create(new SocketTransportOptions()), loggers);
        var kestrel = new KestrelServer(Options.Create(kestrelOptions), transport, loggers);
        var api = new ApiHandler(proxies);
        try
        {
            await kestrel.StartAsync(new KestrelApplication(api.HandleAsync), ct).ConfigureAwait(false);
        }
        catch
        {
            kestrel.Dispose();
            await proxies.StopAllAsync().ConfigureAwait(false);
            throw;
        }
        var bound = new Uri(kestrel.Features.Get<IServerAddressesFeature>()!.Addresses.First());
        var wildcard = bind.Address.Equals(IPAddress.Any) || bind.Address.Equals(IPAddress.IPv6Any);
        var baseAddress = new Uri($"http://{GoAddress.Format(wildcard ? IPAddress.Loopback : bind.Address, bound.Port)}/");
        LogListening(log, baseAddress);
        return new ToxiproxyServer(kestrel, proxies, baseAddress);
    }

    /// <summary>Stops the API, then closes every proxy listener and connection. Safe to call twice.</summary>
    public async Task StopAsync(CancellationToken ct = default)
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1)
        {
            return;
        }
        await _kestrel.StopAsync(ct).ConfigureAwait(false);
        await _proxies.StopAllAsync().ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        _kestrel.Dispose();
    }

    /// <summary>The API's bind address, resolved the way toxiproxy-server resolves -host (localhost is 127.0.0.1).</summary>
    private static async Task<IPEndPoint> ApiEndPointAsync(string host, int port, CancellationToken ct)
    {
        var literal = host.Contains(':', StringComparison.Ordinal) ? $"[{host}]" : host;
        var (resolved, error) = await GoAddress.ResolveAsync($"{literal}:{port}", ct).ConfigureAwait(false);
        if (error is not null)
        {
            throw new IOException($"cannot listen on {host}:{port}: {error}");
        }
        return new IPEndPoint(resolved.Address ?? IPAddress.IPv6Any, resolved.Port);
    }

    private static async Task PopulateFromFileAsync(ProxyCollection proxies, string path, ILogger log, CancellationToken ct)
    {
        try
        {
            var inputs = RequestDecoder.Populate(await File.ReadAllBytesAsync(path, ct).ConfigureAwait(false));
            ProxyEndpoints.ValidatePopulate(inputs);
            var result = await proxies.PopulateAsync(inputs, ct).ConfigureAwait(false);
            if (result.Error is not null)
            {
                LogConfigFailed(log, path, result.Error.Message);
            }
            else
            {
                LogConfigApplied(log, path, result.Proxies.Count);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ApiException)
        {
            LogConfigFailed(log, path, e.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Toxiproxy API listening on {Address}")]
    private static partial void LogListening(ILogger logger, Uri address);

    [LoggerMessage(Level = LogLevel.Information, Message = "Populated {Count} proxies from {Path}")]
    private static partial void LogConfigApplied(ILogger logger, string path, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Failed to populate proxies from {Path}: {Reason}")]
    private static partial void LogConfigFailed(ILogger logger, string path, string reason);
}
