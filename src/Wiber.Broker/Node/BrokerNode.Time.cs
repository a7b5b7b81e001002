using System.Net.Http.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Logging;
using Wiber.Broker.Time;

namespace Wiber.Broker.Node;

public sealed partial class BrokerNode
{
    private sealed record TimeReply(
        [property: JsonPropertyName("received_ms")] long ReceivedMs,
        [property: JsonPropertyName("sent_ms")] long SentMs);

    /// <summary>
    /// SNTP-style probing of every peer's clock over its admin port, once a second: four timestamps per
    /// sample, filtered by the estimator (smallest round trip wins). Failures are expected (peer down).
    /// </summary>
    private async Task ProbeClocksAsync(CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(1) };
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                foreach (var peer in _options.Peers)
                {
                    var admin = _options.Cluster.AdminListen(peer);
                    try
                    {
                        var t0 = _wallClock.UtcNowMs;
                        var reply = await http.GetFromJsonAsync<TimeReply>(new Uri($"http://{admin}/time"), cancellationToken).ConfigureAwait(false);
                        var t3 = _wallClock.UtcNowMs;
                        if (reply is not null)
                        {
                            lock (_clockEstimators)
                            {
                                _clockEstimators[peer.RaftId].AddSample(new ClockSample(t0, reply.ReceivedMs, reply.SentMs, t3));
                            }
                        }
                    }
                    catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or System.Text.Json.JsonException)
                    {
                        _logger.LogDebug("clock probe of {Peer} failed: {Reason}", peer.Id, ex.Message);
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
