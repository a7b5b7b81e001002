using System.Buffers;
using System.Net;
using System.Net.Sockets;
using Wiber.Broker.Transport;

namespace Wiber.Broker.Tests.Transport;

/// <summary>A hand-driven TCP client, for feeding a listener what a real transport never would.</summary>
internal sealed class RawPeer : IDisposable
{
    private readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);

    public static async Task<RawPeer> ConnectAsync(int port)
    {
        var peer = new RawPeer();
        await peer._socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port), TestContext.Current.CancellationToken);
        return peer;
    }

    public Task SendAsync(byte[] bytes) => _socket.SendAsync(bytes, TestContext.Current.CancellationToken).AsTask();

    public Task SendFrameAsync(FrameType type, byte[] payload)
    {
        var writer = new ArrayBufferWriter<byte>();
        Framing.WriteFrame(writer, type, payload);
        return SendAsync(writer.WrittenSpan.ToArray());
    }

    public Task HelloAsync(ulong node, string cluster = TestNodes.Cluster) =>
        SendFrameAsync(FrameType.Hello, new Handshake(Handshake.CurrentVersion, cluster, node).Encode());

    /// <summary>Everything the listener sends until it closes the connection; fails if it does not close in time.</summary>
    public async Task<byte[]> ReadUntilClosedAsync()
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        deadline.CancelAfter(Eventually.DefaultTimeout);
        var received = new List<byte>();
        var buffer = new byte[4096];
        try
        {
            while (true)
            {
                var read = await _socket.ReceiveAsync(buffer, deadline.Token);
                if (read == 0)
                {
                    return [.. received];
                }
                received.AddRange(buffer.AsSpan(0, read));
            }
        }
        catch (SocketException)
        {
            return [.. received]; // reset: closed as well
        }
        catch (OperationCanceledException)
        {
            Assert.Fail("the listener did not close the connection");
            throw;
        }
    }

    /// <summary>Reads frames until one of <paramref name="type"/> arrives (keepalives may come first).</summary>
    public async Task<byte[]> ReadFrameAsync(FrameType type)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        deadline.CancelAfter(Eventually.DefaultTimeout);
        var header = new byte[Framing.HeaderSize];
        while (true)
        {
            await _socket.ReceiveAsync(header, deadline.Token);
            var payload = new byte[BitConverter.ToInt32(header)];
            for (var got = 0; got < payload.Length;)
            {
                got += await _socket.ReceiveAsync(payload.AsMemory(got), deadline.Token);
            }
            if ((FrameType)header[4] == type)
            {
                return payload;
            }
        }
    }

    public void Dispose() => _socket.Dispose();
}
