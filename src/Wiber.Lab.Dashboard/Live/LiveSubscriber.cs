using System.Threading.Channels;

namespace Wiber.Lab.Dashboard.Live;

/// <summary>
/// One open event stream. Its buffer is bounded: a reader that falls far behind loses the oldest events
/// (a newer snapshot replaces what it missed), never the server's memory.
/// </summary>
public sealed class LiveSubscriber : IDisposable
{
    internal const int Capacity = 2000;

    private readonly LiveHub _hub;
    private readonly Channel<SseMessage> _channel = Channel.CreateBounded<SseMessage>(new BoundedChannelOptions(Capacity)
    {
        FullMode = BoundedChannelFullMode.DropOldest,
        SingleReader = true,
    });

    internal LiveSubscriber(LiveHub hub, string? consoleOf)
    {
        _hub = hub;
        ConsoleOf = consoleOf;
    }

    /// <summary>Null: everything (the page). A node id: only that node's console.</summary>
    public string? ConsoleOf { get; }

    public ChannelReader<SseMessage> Reader => _channel.Reader;

    internal bool Wants(SseMessage message) =>
        ConsoleOf is null || (message.Node == ConsoleOf && message.Event is "console" or "console_reset");

    internal void Offer(SseMessage message) => _channel.Writer.TryWrite(message);

    public void Dispose()
    {
        _hub.Unsubscribe(this);
        _channel.Writer.TryComplete();
    }
}
