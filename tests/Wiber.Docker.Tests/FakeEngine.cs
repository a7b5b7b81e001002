using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace Wiber.Docker.Tests;

/// <summary>One request as the fake engine received it.</summary>
internal sealed record FakeRequest(string Method, string Target, string Body);

/// <summary>
/// A tiny HTTP/1.1 server on a unix socket standing in for the engine, to test the adapter's transport,
/// version negotiation and error mapping without Docker. Answers come from <c>answer</c>; every request
/// is recorded; each connection serves one request and closes.
/// </summary>
internal sealed class FakeEngine : IAsyncDisposable
{
    private readonly Socket _listener = new(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
    private readonly Func<FakeRequest, Task<(int Status, byte[] Body)>> _answer;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private readonly string _directory = Directory.CreateTempSubdirectory("wiber-fake-docker-").FullName;

    public FakeEngine(Func<FakeRequest, Task<(int Status, byte[] Body)>> answer)
    {
        _answer = answer;
        SocketPath = Path.Combine(_directory, "docker.sock");
        _listener.Bind(new UnixDomainSocketEndPoint(SocketPath));
        _listener.Listen(16);
        _accepting = AcceptAsync();
    }

    public string SocketPath { get; }

    public ConcurrentQueue<FakeRequest> Requests { get; } = new();

    /// <summary>Answers <c>/version</c> as an engine of the given API range would, and the rest with <paramref name="answer"/>.</summary>
    public static FakeEngine WithVersion(string apiVersion, string minApiVersion, Func<FakeRequest, (int Status, string Body)> answer) =>
        new(request => Task.FromResult(request.Target == "/version"
            ? (200, Encoding.UTF8.GetBytes($$"""{"Version":"99.0.0","ApiVersion":"{{apiVersion}}","MinAPIVersion":"{{minApiVersion}}","Os":"linux","Arch":"amd64","KernelVersion":"6"}"""))
            : Utf8(answer(request))));

    public static (int, byte[]) Utf8((int Status, string Body) answer) => (answer.Status, Encoding.UTF8.GetBytes(answer.Body));

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Dispose();
        try
        {
            await _accepting;
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }
        _stop.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var client = await _listener.AcceptAsync(_stop.Token);
            _ = ServeAsync(client);
        }
    }

    private async Task ServeAsync(Socket client)
    {
        using var _ = client;
        await using var stream = new NetworkStream(client, ownsSocket: false);
        try
        {
            var head = await ReadHeadAsync(stream);
            var lines = head.Split("\r\n");
            var first = lines[0].Split(' ');
            var length = lines.Skip(1)
                .Where(l => l.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))
                .Select(l => int.Parse(l["Content-Length:".Length..].Trim(), CultureInfo.InvariantCulture))
                .FirstOrDefault();
            var body = new byte[length];
            await stream.ReadExactlyAsync(body, _stop.Token);
            var request = new FakeRequest(first[0], first[1], Encoding.UTF8.GetString(body));
            Requests.Enqueue(request);
            var (status, answer) = await _answer(request);
            var header = $"HTTP/1.1 {status} X\r\nContent-Type: application/json\r\nContent-Length: {answer.Length}\r\nConnection: close\r\n\r\n";
            await stream.WriteAsync(Encoding.ASCII.GetBytes(header), _stop.Token);
            await stream.WriteAsync(answer, _stop.Token);
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or SocketException)
        {
        }
    }

    private async Task<string> ReadHeadAsync(NetworkStream stream)
    {
        var head = new List<byte>();
        var one = new byte[1];
        while (head.Count < 4 || head[^4] != '\r' || head[^3] != '\n' || head[^2] != '\r' || head[^1] != '\n')
        {
            if (await stream.ReadAsync(one, _stop.Token) == 0)
            {
                throw new IOException("closed before the end of the request head");
            }
            head.Add(one[0]);
        }
        return Encoding.ASCII.GetString([.. head]).TrimEnd();
    }
}
