using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace Wiber.Node;

/// <summary>
/// Structured log: one JSON object per line in <c>&lt;data-root&gt;/&lt;id&gt;/logs/node.jsonl</c>, for the lab
/// and for tools. Writes go through one lock and are flushed per line: a killed node loses no line it wrote.
/// </summary>
internal sealed class JsonFileLoggerProvider : ILoggerProvider
{
    private readonly StreamWriter _writer;
    private readonly string _node;
    private readonly object _gate = new();

    public JsonFileLoggerProvider(string directory, string node)
    {
        Directory.CreateDirectory(directory);
        _writer = new StreamWriter(new FileStream(Path.Combine(directory, "node.jsonl"), FileMode.Append, FileAccess.Write, FileShare.ReadWrite)) { AutoFlush = true };
        _node = node;
    }

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose() => _writer.Dispose();

    private void Write(string category, LogLevel level, string message, Exception? exception)
    {
        var line = JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["time"] = DateTimeOffset.UtcNow.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            ["node"] = _node,
            ["level"] = level.ToString().ToLowerInvariant(),
            ["category"] = category,
            ["message"] = message,
            ["exception"] = exception?.ToString(),
        });
        lock (_gate)
        {
            _writer.WriteLine(line);
        }
    }

    private sealed class Logger(JsonFileLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                provider.Write(category, logLevel, formatter(state, exception), exception);
            }
        }
    }
}
