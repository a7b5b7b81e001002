using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Wiber.Chaos.Tests.Support;

/// <summary>A client connection to a proxy with the reads the data-path tests need, each bounded in time.</summary>
internal sealed class TestSocket : IDisposable
{
    private TestSocket(Socket socket) => Socket = socket;

    public Socket Socket { get; }

    public static async Task<TestSocket> ConnectAsync(int port)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port), TestContext.Current.CancellationToken);
        return new TestSocket(socket);
    }

    public async Task SendAsync(byte[] data) => await Socket.SendAsync(data, SocketFlags.None, TestContext.Current.CancellationToken);

    /// <summary>Reads exactly <paramref name="count"/> bytes; fails if the stream ends or time runs out first.</summary>
    public async Task<byte[]> ReadExactlyAsync(int count, TimeSpan? timeout = null)
    {
        using var cts = Deadline(timeout ?? TimeSpan.FromSeconds(10));
        var buffer = new byte[count];
        var read = 0;
        while (read < count)
        {
            var n = await Socket.ReceiveAsync(buffer.AsMemory(read), SocketFlags.None, cts.Token);
            if (n == 0)
            {
                throw new EndOfStreamException($"stream ended after {read} of {count} bytes");
            }
            read += n;
        }
        return buffer;
    }

    /// <summary>Everything until EOF, with the size of each receive (to see slicing).</summary>
    public async Task<(byte[] Data, List<int> Reads)> ReadToEndAsync(TimeSpan? timeout = null)
    {
        using var cts = Deadline(timeout ?? TimeSpan.FromSeconds(10));
        var data = new MemoryStream();
        var reads = new List<int>();
        var buffer = new byte[64 * 1024];
        while (true)
        {
            var n = await Socket.ReceiveAsync(buffer, SocketFlags.None, cts.Token);
            if (n == 0)
            {
                return (data.ToArray(), reads);
            }
            reads.Add(n);
            data.Write(buffer, 0, n);
        }
    }

    /// <summary>How the connection ended: "eof", "reset", or "open" if nothing happened within <paramref name="wait"/>.</summary>
    public async Task<string> WaitForCloseAsync(TimeSpan wait)
    {
        using var cts = new CancellationTokenSource(wait);
        var buffer = new byte[4096];
        try
        {
            while (true)
            {
                var n = await Socket.ReceiveAsync(buffer, SocketFlags.None, cts.Token);
                if (n == 0)
                {
                    return "eof";
                }
            }
        }
        catch (OperationCanceledException)
        {
            return "open";
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionReset)
        {
            return "reset";
        }
    }

    /// <summary>Bytes that arrive within <paramref name="wait"/> (0 when none); the connection must stay open.</summary>
    public async Task<int> CountArrivingAsync(TimeSpan wait)
    {
        using var cts = new CancellationTokenSource(wait);
        var buffer = new byte[4096];
        var total = 0;
        try
        {
            while (true)
            {
                var n = await Socket.ReceiveAsync(buffer, SocketFlags.None, cts.Token);
                if (n == 0)
                {
                    throw new EndOfStreamException("connection closed while counting");
                }
                total += n;
            }
        }
        catch (OperationCanceledException)
        {
            return total;
        }
    }

    public void Dispose() => Socket.Dispose();

    public static Stopwatch Timer() => Stopwatch.StartNew();

    public static byte[] Pattern(int length, int seed = 0)
    {
        var data = new byte[length];
        for (var i = 0; i < length; i++)
        {
            data[i] = (byte)((i * 31) + seed);
        }
        return data;
    }

    private static CancellationTokenSource Deadline(TimeSpan timeout)
    {
        var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cts.CancelAfter(timeout);
        return cts;
    }
}
