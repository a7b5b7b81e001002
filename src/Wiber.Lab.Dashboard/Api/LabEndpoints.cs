using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Wiber.Lab.Dashboard.Live;
using Wiber.Lab.Dashboard.Publishing;
using Wiber.Lab.Dashboard.Requests;
using Wiber.Lab.Dashboard.Views;
using Wiber.Lab.State;

namespace Wiber.Lab.Dashboard.Api;

/// <summary>
/// The lab's REST control API: every route calls the same <see cref="LabController"/> method as the
/// matching <c>wiber lab …</c> verb, on the same lab directory (so the CLI, PowerShell and the page all see
/// and change one lab), and answers errors with the lab's own words as problem details. A request is parsed
/// whole before anything is done, and the lab checks what it needs under its lock before acting, so a refused
/// request changes nothing. Changes run to their end even if the caller goes away (only a server stop
/// cancels them), so a closed tab never leaves a half-done operation.
/// </summary>
internal sealed class LabEndpoints(LabDirectory directory, LiveHub hub, ArrivalPublisher publisher, CancellationToken stopping)
{
    public void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet("/cluster", () => RunAsync(async (lab, ct) =>
        {
            using var source = new SnapshotSource(directory);
            return await source.TakeAsync(ct).ConfigureAwait(false);
        }));
        routes.MapPost("/cluster/start", (HttpRequest request) => RunAsync(request, async (body, lab, ct) =>
            LabUpReport.From(directory.Path, await lab.UpAsync(StartRequest.Parse(body), ct).ConfigureAwait(false))));
        routes.MapPost("/cluster/stop", () => RunAsync(async (lab, ct) =>
            (await lab.DownAsync(ct).ConfigureAwait(false)).Select(NodeChangeView.From).ToList()));
        routes.MapGet("/cluster/nodes", () => RunAsync(async (lab, ct) =>
        {
            var (state, rows) = await lab.StatusAsync(ct).ConfigureAwait(false);
            return NodeView.From(state, rows);
        }));
        routes.MapPost("/cluster/node/{id}/skew", (string id, HttpRequest request) => RunAsync(request, async (body, lab, ct) =>
            NodeChangeView.From(await lab.SkewAsync(id, SkewRequest.Parse(body), ct).ConfigureAwait(false))));
        routes.MapPost("/cluster/node/{id}/{action}", (string id, string action) => RunAsync(async (lab, ct) =>
            NodeChangeView.From(await lab.NodeAsync(action, id, ct).ConfigureAwait(false))));
        routes.MapPost("/cluster/partition", (HttpRequest request) => RunAsync(request, async (body, lab, ct) =>
        {
            var partition = PartitionRequest.Parse(body);
            var fault = partition.Links is { } links
                ? await lab.CutLinksAsync(links, PartitionRequest.Describe(links), ct).ConfigureAwait(false)
                : await lab.PartitionAsync(partition.Groups!, partition.OneWay, partition.Reset, ct).ConfigureAwait(false);
            return FaultView.From(fault);
        }));
        routes.MapPost("/cluster/slow", (HttpRequest request) => RunAsync(request, async (body, lab, ct) =>
        {
            var slow = SlowRequest.Parse(body);
            return FaultView.From(await lab.SlowAsync(slow.Target, slow.Latency, slow.Jitter, slow.Bandwidth, ct).ConfigureAwait(false));
        }));
        routes.MapPost("/cluster/flaky", (HttpRequest request) => RunAsync(request, async (body, lab, ct) =>
        {
            var flaky = FlakyRequest.Parse(body);
            return FaultView.From(await lab.FlakyAsync(flaky.Target, flaky.Kind, flaky.Probability, flaky.Bytes, ct).ConfigureAwait(false));
        }));
        routes.MapPost("/cluster/heal", () => RunAsync(async (lab, ct) => new HealView(await lab.HealAsync(ct).ConfigureAwait(false))));
        routes.MapGet("/cluster/events", () => RunAsync((lab, _) =>
        {
            lab.Directory.Load();   // no lab: the same refusal as 'wiber lab events'
            return Task.FromResult<object>(lab.Events().Select(EventView.From).ToList());
        }));
        routes.MapPost("/cluster/publish", (HttpRequest request) => RunAsync(request, async (body, _, ct) =>
            await publisher.PublishAsync(PublishRequest.Parse(body), ct).ConfigureAwait(false)));
        routes.MapGet("/cluster/live", (HttpContext context) => LiveStream.RunAsync(context, hub.Subscribe(), stopping));
        routes.MapGet("/cluster/node/{id}/console", async (string id, HttpContext context) =>
        {
            try
            {
                directory.Load().Node(id);
            }
            catch (LabException ex)
            {
                await ApiResults.Problem(ex).ExecuteAsync(context).ConfigureAwait(false);
                return;
            }

            await LiveStream.RunAsync(context, hub.Subscribe(consoleOf: id), stopping).ConfigureAwait(false);
        });
        routes.Map("/cluster/{**rest}", (HttpRequest request) => ApiResults.Problem(new Problem(
            "urn:wiber:problem:no-such-endpoint", "No such endpoint", StatusCodes.Status404NotFound,
            $"no endpoint {request.Method} {request.Path} (see docs/dashboard.md)", "no_such_endpoint")));
    }

    private Task<IResult> RunAsync(Func<LabController, CancellationToken, Task<object>> action) =>
        RunAsync(null, (_, lab, ct) => action(lab, ct));

    private async Task<IResult> RunAsync(HttpRequest? request, Func<byte[], LabController, CancellationToken, Task<object>> action)
    {
        try
        {
            var body = request is null ? [] : await RequestBody.ReadAsync(request, request.HttpContext.RequestAborted).ConfigureAwait(false);
            using var lab = new LabController(directory);
            return ApiResults.Json(await action(body, lab, stopping).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested || request?.HttpContext.RequestAborted.IsCancellationRequested == true)
        {
            return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
        }
#pragma warning disable CA1031 // Every failure becomes a problem-details answer; none may escape as an HTML error page.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return ApiResults.Problem(ex);
        }
    }
}
