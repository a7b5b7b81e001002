using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.Logging;
using Wiber.Raft;

namespace Wiber.Broker.Transport;

/// <summary>
/// Everything this node keeps for sending to one peer: the bounded queue, the counters, and a background loop
/// that keeps one connection open — connecting, carrying traffic, and after any failure waiting a jittered,
/// growing delay before the next attempt. Failures are normal here; the loop logs state changes, not attempts.
/// </summary>
internal sealed class OutboundPeer : IAsyncDisposable
{
    // A connection that stayed up this long was healthy, so the next failure starts back-off from the minimum.
    private static readonly TimeSpan StableConnection = TimeSpan.FromSeconds(1);

    private readonly EndPoint _endPoint;
    private readonly ILogger _logger;
    private readonly Action<PeerReport> _report;
    private readonly CancellationTokenSource _stop = new();
    private long _lastUnreachableReport = long.MinValue;
    private int _tooLargeLogged;
    private Task _loop = Task.CompletedTask;

    public OutboundPeer(ulong id, EndPoint endPoint, Handshake localIdentity, PeerTransportOptions options, PeerCounters counters, ILogger logger, Action<PeerReport> report)
    {
        Id = id;
        _endPoint = endPoint;
        LocalIdentity = localIdentity;
        Options = options;
        Counters = counters;
        _logger = logger;
        _report = report;
        Queue = new OutboundQueue(options.SendQueueMessages, options.SendQueueBytes);
    }

    public ulong Id { get; }

    public string EndPointText => _endPoint.ToString() ?? "?";

    public Handshake LocalIdentity { get; }

    public PeerTransportOptions Options { get; }

    public PeerCounters Counters { get; }

    public OutboundQueue Queue { get; }

    public void Start() => _loop = Task.Run(() => RunAsync(_stop.Token));

    /// <summary>Never blocks. A message that cannot be queued is dropped, counted and reported.</summary>
    public void Send(Message message)
    {
        var size = RaftMessageCodec.GetEncodedSize(message);
        if (size > Options.MaxFrameSize)
        {
            Counters.DroppedBecauseTooLarge();
            if (Interlocked.Exchange(ref _tooLargeLogged, 1) == 0)
            {
                _logger.LogError("dropping a {Size}-byte {Type} to peer {Peer}: larger than the {Max}-byte frame limit (logged once)", size, message.Type, Id, Options.MaxFrameSize);
            }
            Dropped(message);
            return;
        }
        if (!Queue.TryEnqueue(new OutboundItem(message, (int)size)))
        {
            Counters.DroppedBecauseFull();
            Dropped(message);
        }
    }

    private void Dropped(Message message)
    {
        if (message.Snapshot is not null)
        {
            Report(PeerReportKind.SnapshotFailed);
        }
        ReportUnreachable();
    }

    public void Report(PeerReportKind kind) => _report(new PeerReport(Id, kind));

    /// <summary>Throttled: the host's reaction is idempotent, and a drop storm must not become a report storm.</summary>
    private void ReportUnreachable()
    {
        var now = Stopwatch.GetTimestamp();
        var last = Interlocked.Read(ref _lastUnreachableReport);
        if (last != long.MinValue && Stopwatch.GetElapsedTime(last, now) < Options.UnreachableReportInterval)
        {
            return;
        }
        if (Interlocked.CompareExchange(ref _lastUnreachableReport, now, last) == last)
        {
            Report(PeerReportKind.Unreachable);
        }
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        var backoff = new Backoff(Options.BackoffMin, Options.BackoffMax);
        var everConnected = false;
        var downLogged = false;
        while (!cancellationToken.IsCancellationRequested)
        {
            string reason;
            var wasConnected = false;
            var connectedAt = 0L;
            try
            {
                var connection = await OutboundConnection.OpenAsync(this, _endPoint, cancellationToken).ConfigureAwait(false);
                await using (connection.ConfigureAwait(false))
                {
                    wasConnected = true;
                    connectedAt = Stopwatch.GetTimestamp();
                    Counters.Connected = true;
                    if (everConnected)
                    {
                        Counters.Reconnected();
                        _logger.LogInformation("reconnected to peer {Peer} at {EndPoint}", Id, _endPoint);
                    }
                    else
                    {
                        _logger.LogInformation("connected to peer {Peer} at {EndPoint}", Id, _endPoint);
                    }
                    everConnected = true;
                    downLogged = false;
                    reason = await connection.RunAsync(cancellationToken).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                break;
            }
#pragma warning disable CA1031 // The loop must survive anything one connection throws; it logs and retries.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                reason = ex.Message;
            }
            Counters.Connected = false;
            if (cancellationToken.IsCancellationRequested)
            {
                break;
            }

            ReportUnreachable();
            if (wasConnected)
            {
                _logger.LogWarning("lost connection to peer {Peer} at {EndPoint}: {Reason}", Id, _endPoint, reason);
                downLogged = true; // failed attempts that follow are the same outage: debug only
                if (Stopwatch.GetElapsedTime(connectedAt) >= StableConnection)
                {
                    backoff.Reset();
                }
            }
            else if (!downLogged)
            {
                _logger.LogWarning("cannot reach peer {Peer} at {EndPoint}: {Reason}; retrying with back-off", Id, _endPoint, reason);
                downLogged = true;
            }
            else
            {
                _logger.LogDebug("peer {Peer} still unreachable: {Reason}", Id, reason);
            }

            try
            {
                await Task.Delay(backoff.Next(), cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        Queue.Close();
        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        _stop.Dispose();
    }
}
