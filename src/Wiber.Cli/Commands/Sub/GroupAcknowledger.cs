using Wiber.Client;

namespace Wiber.Cli.Commands.Sub;

/// <summary>
/// Acknowledges a group's progress off the printing path: one ACK per interval for the newest printed
/// offset, not one round trip per message. A failed ACK is retried next interval (the group then simply
/// re-reads a little after a restart), so it never stops the subscription. Disposing stops the loop and
/// sends the last acknowledgement.
/// </summary>
internal sealed class GroupAcknowledger : IAsyncDisposable
{
    private readonly WiberClient _client;
    private readonly string _group;
    private readonly string _topic;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private long _printed = -1;
    private long _acknowledged = -1;

    public GroupAcknowledger(WiberClient client, string group, string topic, TimeSpan interval)
    {
        _client = client;
        _group = group;
        _topic = topic;
        _loop = LoopAsync(interval);
    }

    public void Printed(long offset) => Interlocked.Exchange(ref _printed, offset);

    private async Task LoopAsync(TimeSpan interval)
    {
        using var timer = new PeriodicTimer(interval);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false))
            {
                await AcknowledgeAsync().ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // Stopping: the final acknowledgement follows in DisposeAsync.
        }
    }

    private async Task AcknowledgeAsync()
    {
        var offset = Interlocked.Read(ref _printed);
        if (offset <= _acknowledged)
        {
            return;
        }

        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await _client.AckAsync(_group, _topic, offset, timeout.Token).ConfigureAwait(false);
            _acknowledged = offset;
        }
        catch (Exception ex) when (ex is WiberException or OperationCanceledException)
        {
            // Retried at the next tick; at worst the group re-reads what was printed since the last ACK.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        await AcknowledgeAsync().ConfigureAwait(false);
        _stop.Dispose();
    }
}
