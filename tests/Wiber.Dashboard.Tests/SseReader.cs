using System.Text.Json;

namespace Wiber.Lab.Dashboard.Tests;

/// <summary>One server-sent event as read by a test.</summary>
internal sealed record SseEvent(string Kind, JsonElement Data);

/// <summary>
/// Reads a <c>text/event-stream</c> in the background and keeps every event, so a test can wait for the one
/// it expects (with a deadline) while it drives the lab.
/// </summary>
internal sealed class SseReader : IAsyncDisposable
{
    private readonly List<SseEvent> _events = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly HttpResponseMessage _response;
    private readonly Task _reading;

    private SseReader(HttpResponseMessage response)
    {
        _response = response;
        _reading = Task.Run(ReadAsync);
    }

    public string ContentType => _response.Content.Headers.ContentType?.MediaType ?? "";

    public static async Task<SseReader> OpenAsync(HttpClient http, string path)
    {
        var response = await http.GetAsync(path, HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
        return new SseReader(response);
    }

    public IReadOnlyList<SseEvent> Events
    {
        get
        {
            lock (_events)
            {
                return [.. _events];
            }
        }
    }

    /// <summary>Waits until an event of the kind satisfies the condition; returns it.</summary>
    public async Task<SseEvent> WaitForAsync(string kind, Func<JsonElement, bool>? condition = null, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TestDashboard.Patience);
        while (true)
        {
            if (Events.FirstOrDefault(e => e.Kind == kind && (condition?.Invoke(e.Data) ?? true)) is { } found)
            {
                return found;
            }

            Assert.True(DateTime.UtcNow < deadline, $"no '{kind}' event as expected; got {string.Join(", ", Events.Select(e => e.Kind).Distinct())}");
            Assert.False(_reading.IsCompleted, "the event stream ended");
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }

    private async Task ReadAsync()
    {
        try
        {
            await using var stream = await _response.Content.ReadAsStreamAsync(_stop.Token);
            using var reader = new StreamReader(stream);
            string? kind = null;
            var data = new List<string>();
            while (await reader.ReadLineAsync(_stop.Token) is { } line)
            {
                if (line.Length == 0)
                {
                    if (kind is not null && data.Count > 0)
                    {
                        var parsed = JsonDocument.Parse(string.Join('\n', data)).RootElement.Clone();
                        lock (_events)
                        {
                            _events.Add(new SseEvent(kind, parsed));
                        }
                    }

                    kind = null;
                    data.Clear();
                }
                else if (line.StartsWith("event: ", StringComparison.Ordinal))
                {
                    kind = line[7..];
                }
                else if (line.StartsWith("data: ", StringComparison.Ordinal))
                {
                    data.Add(line[6..]);
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or HttpRequestException)
        {
            // Closed by the test or the server.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _response.Dispose();
        await _reading;
        _stop.Dispose();
    }
}
