using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Wiber.Lab.Dashboard.Live;

namespace Wiber.Lab.Dashboard.Api;

/// <summary>
/// Writes a subscriber's events as <c>text/event-stream</c> until the client goes away or the server
/// stops; a comment every 15 s keeps idle connections (and proxies between) from timing out.
/// </summary>
internal static class LiveStream
{
    private static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(15);

    public static async Task RunAsync(HttpContext context, LiveSubscriber subscriber, CancellationToken stopping)
    {
        using (subscriber)
        {
            using var done = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping);
            var response = context.Response;
            response.ContentType = "text/event-stream; charset=utf-8";
            response.Headers.CacheControl = "no-cache";
            response.Headers["X-Accel-Buffering"] = "no";
            context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
            try
            {
                await response.WriteAsync("retry: 1000\n: wiber lab dashboard\n\n", done.Token).ConfigureAwait(false);
                await response.Body.FlushAsync(done.Token).ConfigureAwait(false);
                while (true)
                {
                    using var beat = CancellationTokenSource.CreateLinkedTokenSource(done.Token);
                    beat.CancelAfter(Heartbeat);
                    try
                    {
                        if (!await subscriber.Reader.WaitToReadAsync(beat.Token).ConfigureAwait(false))
                        {
                            return;
                        }
                    }
                    catch (OperationCanceledException) when (!done.IsCancellationRequested)
                    {
                        await response.WriteAsync(": ping\n\n", done.Token).ConfigureAwait(false);
                        await response.Body.FlushAsync(done.Token).ConfigureAwait(false);
                        continue;
                    }

                    while (subscriber.Reader.TryRead(out var message))
                    {
                        await response.WriteAsync(message.Format(), done.Token).ConfigureAwait(false);
                    }

                    await response.Body.FlushAsync(done.Token).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (done.IsCancellationRequested)
            {
                // The page closed, or the server stops: the stream simply ends.
            }
            catch (IOException)
            {
                // The connection broke mid-write: same.
            }
        }
    }
}
