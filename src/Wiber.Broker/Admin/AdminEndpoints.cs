using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Wiber.Broker.Admin;

/// <summary>What the admin endpoint asks of the node; delegates keep it free of the node's internals.</summary>
public sealed record AdminSources
{
    public required Func<NodeStatusDocument> Status { get; init; }
    public required Func<string> Metrics { get; init; }
    /// <summary>Ready: a leader is known and this node has applied what it knows to be committed.</summary>
    public required Func<bool> Ready { get; init; }
    /// <summary>Unix ms of this node's (possibly skewed) clock, for peers' offset estimation.</summary>
    public required Func<long> ClockNowMs { get; init; }
    /// <summary>Sets this node's clock skew in ms; null when skewing is not allowed by configuration.</summary>
    public Action<long>? SetClockSkew { get; init; }
}

/// <summary>
/// The admin HTTP endpoint on its own port (loopback by default): health, status JSON, Prometheus metrics,
/// the peers' time probe, and the lab-only clock skew. Kestrel, minimal APIs, nothing else.
/// </summary>
public sealed class AdminServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private AdminServer(WebApplication app) => _app = app;

    public static async Task<AdminServer> StartAsync(IPAddress bind, int port, AdminSources sources, ILoggerFactory loggerFactory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sources);
        // The content root is where ASP.NET Core watches appsettings*.json for changes. Left at the working
        // directory it is often the one holding the data directory, and every log append and fsync then
        // wakes a watcher thread (4-6 % of a node's CPU samples under load); the install directory is quiet.
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(bind, port));
        var app = builder.Build();
        Map(app, sources);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        return new AdminServer(app);
    }

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };

    internal static void Map(IEndpointRouteBuilder routes, AdminSources sources)
    {
        routes.MapGet("/health/live", () => Results.Text("live\n"));
        routes.MapGet("/health/ready", () => sources.Ready()
            ? Results.Text("ready\n")
            : Results.Text("not ready: no leader or not caught up\n", statusCode: StatusCodes.Status503ServiceUnavailable));
        routes.MapGet("/status", () => Results.Text(JsonSerializer.Serialize(sources.Status(), Json), "application/json"));
        routes.MapGet("/metrics", () => Results.Text(sources.Metrics(), "text/plain; version=0.0.4"));
        routes.MapGet("/time", () =>
        {
            // t1 and t2 of the SNTP exchange: both read here, as close to the wire as we can get.
            var received = sources.ClockNowMs();
            return Results.Text($"{{\"received_ms\":{received},\"sent_ms\":{sources.ClockNowMs()}}}", "application/json");
        });
        routes.MapPost("/admin/clock-skew", (HttpRequest request) =>
        {
            if (sources.SetClockSkew is null)
            {
                return Results.Problem("clock skew is disabled: set clock.allow_skew: true in the configuration (lab only)", statusCode: StatusCodes.Status403Forbidden);
            }
            if (!long.TryParse(request.Query["offset_ms"], System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var offset)
                || Math.Abs(offset) > 86_400_000)
            {
                return Results.Problem("offset_ms must be an integer number of milliseconds within ±86400000", statusCode: StatusCodes.Status400BadRequest);
            }
            sources.SetClockSkew(offset);
            return Results.Text($"{{\"clock_skew_ms\":{offset}}}", "application/json");
        });
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
