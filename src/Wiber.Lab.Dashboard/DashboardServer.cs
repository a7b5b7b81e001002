using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Wiber.Lab.Dashboard.Api;
using Wiber.Lab.Dashboard.Live;
using Wiber.Lab.Dashboard.Page;
using Wiber.Lab.Dashboard.Publishing;
using Wiber.Lab.State;

namespace Wiber.Lab.Dashboard;

/// <summary>
/// The dashboard: Kestrel serving the lab's REST control API, its live event stream and the page, for one
/// lab directory. The lab outlives it: stopping the dashboard stops no node.
/// </summary>
public sealed class DashboardServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly LiveHub _hub;
    private readonly Task _live;
    private int _disposed;

    private DashboardServer(WebApplication app, LiveHub hub, Task live, Uri url)
    {
        _app = app;
        _hub = hub;
        _live = live;
        Url = url;
    }

    /// <summary>Where the page is, e.g. <c>http://127.0.0.1:8080/</c> (the real port when 0 was asked).</summary>
    public Uri Url { get; }

    public static async Task<DashboardServer> StartAsync(DashboardOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(DashboardServer).Assembly.GetName().Name,
            EnvironmentName = Environments.Production,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Logging.ClearProviders();
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(5));
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(options.BindAddress(), options.Port);
        });
        var app = builder.Build();
        var stopping = app.Lifetime.ApplicationStopping;
        var loopbackOnly = IPAddress.IsLoopback(options.BindAddress());
        app.Use(async (context, next) =>
        {
            if (RequestGuard.Refusal(context.Request.Host.Value, context.Request.Headers.Origin, loopbackOnly) is { } refusal)
            {
                await ApiResults.Problem(new Problem("urn:wiber:problem:forbidden", "Forbidden", StatusCodes.Status403Forbidden, refusal, "forbidden")).ExecuteAsync(context).ConfigureAwait(false);
                return;
            }

            await next(context).ConfigureAwait(false);
        });
        var hub = new LiveHub(options.Directory);
        new LabEndpoints(options.Directory, hub, new ArrivalPublisher(options.Directory, hub), stopping).Map(app);
        PageAssets.Map(app);
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (IOException ex) when (ex.InnerException is AddressInUseException)
        {
            await app.DisposeAsync().ConfigureAwait(false);
            hub.Dispose();
            throw new LabException(LabErrorKind.PortInUse, $"port {options.Port} is in use on {options.Host}; pick another with --port", ex);
        }

        var bound = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        var shown = options.BindAddress().Equals(IPAddress.Any) || options.BindAddress().Equals(IPAddress.IPv6Any) ? "127.0.0.1" : bound.Host;
        var url = new UriBuilder(bound) { Host = shown }.Uri;
        var live = Task.Run(() => hub.RunAsync(stopping), CancellationToken.None);
        return new DashboardServer(app, hub, live, url);
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _app.StopAsync(CancellationToken.None).ConfigureAwait(false);
        await _live.ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        _hub.Dispose();
    }
}
