using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Wiber.Bench.Tests;

/// <summary>
/// Just enough of a NATS server with JetStream to test our publisher: INFO, PONG, STREAM.INFO answered
/// with a file-storage R3 stream, and every other PUB acknowledged on its reply subject with a growing seq.
/// </summary>
internal sealed class FakeNatsServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accept;
    private long _seq;

    public FakeNatsServer()
    {
        _listener.Start();
        _accept = Task.Run(AcceptAsync);
    }

    public string Address => $"127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port.ToString(CultureInfo.InvariantCulture)}";

    public long Published => Interlocked.Read(ref _seq);

    private async Task AcceptAsync()
    {
        var clients = new List<Task>();
        try
        {
            while (true)
            {
                var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                clients.Add(Task.Run(() => ServeAsync(client)));
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException or InvalidOperationException)
        {
            await Task.WhenAll(clients);
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using var _ = client;
        var stream = client.GetStream();
        var write = new SemaphoreSlim(1, 1);
        async Task SendAsync(string text)
        {
            await write.WaitAsync();
            try
            {
                await stream.WriteAsync(Encoding.ASCII.GetBytes(text), _stop.Token);
            }
            finally
            {
                write.Release();
            }
        }

        try
        {
            await SendAsync("INFO {\"server_id\":\"FAKE\",\"version\":\"2.9.10\",\"jetstream\":true,\"headers\":true,\"max_payload\":1048576}\r\n");
            using var reader = new BinaryLineReader(stream);
            while (await reader.ReadLineAsync(_stop.Token) is { } line)
            {
                var parts = line.Split(' ');
                switch (parts[0])
                {
                    case "PING":
                        await SendAsync("PONG\r\n");
                        break;
                    case "PUB":
                        var length = int.Parse(parts[^1], CultureInfo.InvariantCulture);
                        await reader.ReadBytesAsync(length + 2, _stop.Token);
                        var reply = parts[2];
                        var answer = parts[1].StartsWith("$JS.API.STREAM.", StringComparison.Ordinal)
                            ? "{\"config\":{\"name\":\"BENCH\",\"storage\":\"file\",\"num_replicas\":3},\"state\":{\"messages\":0}}"
                            : $"{{\"stream\":\"BENCH\",\"seq\":{Interlocked.Increment(ref _seq).ToString(CultureInfo.InvariantCulture)}}}";
                        await SendAsync($"MSG {reply} 1 {Encoding.UTF8.GetByteCount(answer).ToString(CultureInfo.InvariantCulture)}\r\n{answer}\r\n");
                        break;
                    default:
                        break;   // CONNECT, SUB
                }
            }
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or ObjectDisposedException)
        {
            // client gone or server stopping
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accept;
        _listener.Dispose();
        _stop.Dispose();
    }

    /// <summary>Reads CRLF lines and exact byte counts from a stream.</summary>
    private sealed class BinaryLineReader(Stream stream) : IDisposable
    {
        private readonly byte[] _buffer = new byte[64 * 1024];
        private int _start;
        private int _end;

        public async Task<string?> ReadLineAsync(CancellationToken cancellationToken)
        {
            while (true)
            {
                var newline = Array.IndexOf(_buffer, (byte)'\n', _start, _end - _start);
                if (newline >= 0)
                {
                    var line = Encoding.ASCII.GetString(_buffer, _start, newline - _start).TrimEnd('\r');
                    _start = newline + 1;
                    return line;
                }

                if (!await FillAsync(cancellationToken))
                {
                    return null;
                }
            }
        }

        public async Task ReadBytesAsync(int count, CancellationToken cancellationToken)
        {
            while (_end - _start < count)
            {
                if (!await FillAsync(cancellationToken))
                {
                    throw new IOException("closed");
                }
            }

            _start += count;
        }

        private async Task<bool> FillAsync(CancellationToken cancellationToken)
        {
            if (_start > 0)
            {
                Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
                _end -= _start;
                _start = 0;
            }

            var read = await stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken);
            _end += read;
            return read > 0;
        }

        public void Dispose()
        {
        }
    }
}
