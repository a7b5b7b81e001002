using System.Net.Sockets;
using System.Text;

namespace Wiber.Testing;

/// <summary>The protocol as nc sees it: write lines, read lines.</summary>
public sealed class LineClient : IAsyncDisposable
{
    private readonly TcpClient _tcp;
    private readonly StreamReader _reader;
    private readonly Stream _stream;

    private LineClient(TcpClient tcp)
    {
        _tcp = tcp;
        _stream = tcp.GetStream();
        _reader = new StreamReader(_stream, Encoding.UTF8);
    }

    public static async Task<LineClient> ConnectAsync(int port)
    {
        var tcp = new TcpClient { NoDelay = true };
        await tcp.ConnectAsync("127.0.0.1", port).ConfigureAwait(false);
        return new LineClient(tcp);
    }

    public async Task SendAsync(string line) => await SendRawAsync(Encoding.UTF8.GetBytes(line + "\n")).ConfigureAwait(false);

    public async Task SendRawAsync(byte[] bytes)
    {
        await _stream.WriteAsync(bytes).ConfigureAwait(false);
        await _stream.FlushAsync().ConfigureAwait(false);
    }

    /// <summary>The next line, or null when the server closed the connection.</summary>
    public async Task<string?> ReadLineAsync(TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        return await _reader.ReadLineAsync(cts.Token).ConfigureAwait(false);
    }

    public async Task<string> RequestAsync(string line)
    {
        await SendAsync(line).ConfigureAwait(false);
        return await ReadLineAsync().ConfigureAwait(false) ?? throw new IOException("connection closed");
    }

    /// <summary>HISTORY lines up to and including the END line.</summary>
    public async Task<List<string>> HistoryAsync(string request)
    {
        await SendAsync(request).ConfigureAwait(false);
        var lines = new List<string>();
        while (await ReadLineAsync().ConfigureAwait(false) is { } line)
        {
            lines.Add(line);
            if (line.Contains(" END ", StringComparison.Ordinal) || line.StartsWith("ERR", StringComparison.Ordinal))
            {
                break;
            }
        }
        return lines;
    }

    public ValueTask DisposeAsync()
    {
        _tcp.Dispose();
        return ValueTask.CompletedTask;
    }
}
