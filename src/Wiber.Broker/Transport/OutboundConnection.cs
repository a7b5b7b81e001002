using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;

namespace Wiber.Broker.Transport;

/// <summary>
/// One TCP connection from this node to a peer, from handshake to its end. It only ever carries our messages
/// one way; the peer answers on its own connection to us. The write loop drains the peer's queue into a pipe
/// and flushes when the queue runs dry or a batch is big, so a busy link costs one syscall per batch, not per
/// message.
/// </summary>
internal sealed class OutboundConnection : IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly NetworkStream _stream;
    private readonly PipeWriter _writer;
    private readonly FrameReader _reader;
    private readonly LinkLiveness _liveness = new();
    private readonly OutboundPeer _peer;

    private OutboundConnection(Socket socket, OutboundPeer peer)
    {
        _socket = socket;
        _peer = peer;
        _stream = new NetworkStream(socket, ownsSocket: false);
        _writer = PipeWriter.Create(_stream, new StreamPipeWriterOptions(minimumBufferSize: 64 << 10, leaveOpen: true));
        _reader = new FrameReader(PipeReader.Create(_stream, new StreamPipeReaderOptions(bufferSize: 4096, leaveOpen: true)));
    }

    /// <summary>Connects and completes the handshake, or throws (socket error, timeout, refusal).</summary>
    public static async Task<OutboundConnection> OpenAsync(OutboundPeer peer, EndPoint endPoint, CancellationToken cancellationToken)
    {
        var options = peer.Options;
        var socket = await SocketSetup.ConnectAsync(endPoint, options.ConnectTimeout, cancellationToken).ConfigureAwait(false);
        var connection = new OutboundConnection(socket, peer);
        try
        {
            await connection.HandshakeAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private async Task HandshakeAsync(CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(_peer.Options.HandshakeTimeout);
        try
        {
            var hello = _peer.LocalIdentity.Encode();
            Framing.WriteFrame(_writer, FrameType.Hello, hello);
            _liveness.Wrote(Framing.HeaderSize + hello.Length);
            await _writer.FlushAsync(deadline.Token).ConfigureAwait(false);

            var answer = await _reader.ReadAsync(Framing.MaxHandshakeFrame, deadline.Token).ConfigureAwait(false);
            switch (answer)
            {
                case { Status: FrameStatus.Complete, Type: FrameType.HelloAccepted }:
                    if (!Handshake.TryDecode(answer.Payload, out var remote, out var error))
                    {
                        throw new PeerProtocolException($"bad handshake answer: {error}");
                    }
                    var refusal = remote.Refusal(_peer.LocalIdentity.ClusterId, id => id == _peer.Id);
                    if (refusal is not null)
                    {
                        // The address leads to some other node (a mis-wired proxy): talking to it would misroute messages.
                        throw new PeerProtocolException($"the node at this address is not peer {_peer.Id}: {refusal}");
                    }
                    return;
                case { Status: FrameStatus.Complete, Type: FrameType.HelloRejected }:
                    throw new PeerProtocolException($"peer refused us: {System.Text.Encoding.UTF8.GetString(answer.Payload.ToArray())}");
                case { Status: FrameStatus.EndOfStream or FrameStatus.Truncated }:
                    throw new PeerProtocolException("closed during the handshake");
                default:
                    throw new PeerProtocolException($"unexpected {answer.Status} {answer.Type} frame during the handshake");
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"no handshake answer within {_peer.Options.HandshakeTimeout.TotalMilliseconds:0} ms");
        }
    }

    /// <summary>Carries traffic until the connection fails or <paramref name="cancellationToken"/> fires; returns why it ended.</summary>
    public async Task<string> RunAsync(CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Task<string>[] loops =
        [
            WriteLoopAsync(stop.Token),
            ReadKeepalivesAsync(stop.Token),
            WatchLivenessAsync(stop.Token),
        ];
        var first = await Task.WhenAny(loops).ConfigureAwait(false);
        await stop.CancelAsync().ConfigureAwait(false);
        // Closing the socket unblocks a write stuck on a full send buffer, which cancellation alone may not.
        _socket.Dispose();
        foreach (var loop in loops)
        {
            try
            {
                await loop.ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or IOException or SocketException or ObjectDisposedException or InvalidOperationException)
            {
                // The first loop to end says why; the others only noticed the shutdown.
            }
        }
        return await Describe(first).ConfigureAwait(false);
    }

    private static async Task<string> Describe(Task<string> ended)
    {
        try
        {
            return await ended.ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException or OperationCanceledException or PeerProtocolException or InvalidOperationException)
        {
            return ex.InnerException is SocketException inner ? inner.Message : ex.Message;
        }
    }

    private async Task<string> WriteLoopAsync(CancellationToken cancellationToken)
    {
        var queue = _peer.Queue;
        long batchMessages = 0, batchBytes = 0;
        var snapshotsInBatch = 0;
        try
        {
            while (true)
            {
                if (queue.TryDequeue(out var item))
                {
                    Framing.WriteHeader(_writer, FrameType.Raft, item.EncodedSize);
                    RaftMessageCodec.Encode(item.Message, _writer);
                    _liveness.Wrote(item.FrameSize);
                    batchMessages++;
                    batchBytes += item.FrameSize;
                    if (item.Message.Snapshot is not null)
                    {
                        snapshotsInBatch++;
                    }
                    if (batchBytes < _peer.Options.FlushThreshold)
                    {
                        continue; // keep coalescing while there is more to send
                    }
                }
                else if (batchMessages == 0)
                {
                    if (!await queue.WaitAsync(cancellationToken).ConfigureAwait(false))
                    {
                        return "transport closing";
                    }
                    continue;
                }

                var flush = await _writer.FlushAsync(cancellationToken).ConfigureAwait(false);
                _peer.Counters.Sent(batchMessages, batchBytes);
                for (; snapshotsInBatch > 0; snapshotsInBatch--)
                {
                    _peer.Report(PeerReportKind.SnapshotSent);
                }
                batchMessages = 0;
                batchBytes = 0;
                if (flush.IsCompleted || flush.IsCanceled)
                {
                    return "connection closed while writing";
                }
            }
        }
        finally
        {
            // Snapshots written into a batch that never reached the socket are lost: let Raft retry them.
            for (; snapshotsInBatch > 0; snapshotsInBatch--)
            {
                _peer.Report(PeerReportKind.SnapshotFailed);
            }
        }
    }

    private async Task<string> ReadKeepalivesAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var frame = await _reader.ReadAsync(Framing.MaxHandshakeFrame, cancellationToken).ConfigureAwait(false);
            switch (frame.Status)
            {
                case FrameStatus.EndOfStream or FrameStatus.Truncated:
                    return "closed by the peer";
                case FrameStatus.TooLarge:
                    throw new PeerProtocolException($"peer sent a {frame.DeclaredLength}-byte frame on a keepalive channel");
            }
            if (frame.Type != FrameType.Keepalive || !TryReadCount(frame, out var received))
            {
                throw new PeerProtocolException($"unexpected {frame.Type} frame from the peer");
            }
            _liveness.OnKeepalive(received);
        }
    }

    private static bool TryReadCount(Frame frame, out long count)
    {
        var reader = new WireReader(frame.Payload);
        var ok = reader.TryReadVarint(out var value) && reader.Remaining == 0 && value <= long.MaxValue;
        count = (long)value;
        return ok;
    }

    private async Task<string> WatchLivenessAsync(CancellationToken cancellationToken)
    {
        var idle = _peer.Options.IdleTimeout;
        using var timer = new PeriodicTimer(TimeSpan.FromTicks(Math.Max(idle.Ticks / 4, TimeSpan.TicksPerMillisecond * 10)));
        while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
        {
            if (_liveness.IsStalled(idle))
            {
                return $"no progress for {idle.TotalMilliseconds:0} ms (silent drop or half-open connection)";
            }
        }
        return "transport closing";
    }

    public async ValueTask DisposeAsync()
    {
        // Completing with an error abandons unflushed bytes instead of writing them to a socket that is gone.
        await _writer.CompleteAsync(new OperationCanceledException("connection closed")).ConfigureAwait(false);
        await _reader.CompleteAsync().ConfigureAwait(false);
        await _stream.DisposeAsync().ConfigureAwait(false);
        _socket.Dispose();
    }
}
