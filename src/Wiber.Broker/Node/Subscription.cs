namespace Wiber.Broker.Node;

/// <summary>One SUB on a connection: its position in the topic, and the task delivering from there.</summary>
internal sealed class Subscription(string topic, string? group, long nextOffset)
{
    private readonly CancellationTokenSource _stop = new();

    public string Topic { get; } = topic;

    public string? Group { get; } = group;

    /// <summary>The next offset to deliver; only the delivering task moves it.</summary>
    public long NextOffset { get; set; } = nextOffset;

    public CancellationToken Stopping => _stop.Token;

    public Task? Delivery { get; set; }

    public void Stop()
    {
        try
        {
            _stop.Cancel();
        }
        catch (ObjectDisposedException)
        {
        }
    }
}
