using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Wiber.Broker.Tests.Transport;

/// <summary>Keeps every log line so tests can check what an operator would see (and how often).</summary>
internal sealed class CollectingLogger(string name = "") : ILogger
{
    private readonly ConcurrentQueue<(LogLevel Level, string Text)> _lines = new();

    public IReadOnlyList<(LogLevel Level, string Text)> Lines => [.. _lines];

    public int Count(LogLevel atLeast, string containing) =>
        _lines.Count(l => l.Level >= atLeast && l.Text.Contains(containing, StringComparison.Ordinal));

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        _lines.Enqueue((logLevel, $"{name}{formatter(state, exception)}"));
    }

    public override string ToString() => string.Join(Environment.NewLine, _lines.Select(l => $"{l.Level}: {l.Text}"));
}
