using System.Buffers;
using System.IO.Pipelines;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace Wiber.Broker.Transport;

/// <summary>
/// A connection a peer opened to us: validate its handshake, answer it, then decode its Raft frames into the
/// transport's incoming channel while sending keepalives back (they are how the peer notices a silent drop).
/// Any violation — wrong cluster, unknown node, garbage, oversized or undecodable frame — ends the connection
/// with one log line; nothing escapes.
/// </summary>
internal sealed class InboundConnection
{
    private readonly Socket _socket;
    private readonly NetworkStream _stream;
    private readonly FrameReader _reader;
    private readonly PeerTransport _owner;
    private readonly ILogger _logger;
    private readonly string _remote;
    private readonly CancellationTokenSource _stop;

    public InboundConnection(Socket socket, PeerTransport owner, ILogger logger, CancellationToken cancellationToken)
    {
        _socket = socket;
        _owner = owner;
        _logger = logger;
        _remote = socket.RemoteEndPoint?.ToString() ?? "?";
        _stream = new NetworkStream(socket, ownsSocket: true);
        _reader = new FrameReader(PipeReader.Create(_stream, new StreamPipeReaderOptions(bufferSize: 64 << 10, leaveOpen: true)));
        _stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
    }

    /// <summary>The node that identified itself in the handshake (0 until then).</summary>
    public ulong PeerId { get; private set; }

    public Task Completion { get; private set; } = Task.CompletedTask;

    public void Start() => Completion = Task.Run(RunAsync);

    /// <summary>Ends the connection from outside (a newer one from the same peer replaced it, or shutdown).</summary>
    public void Close()
    {
        try
        {
            _stop.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // Already finished.
        }
    }

    private async Task RunAsync()
    {
        var token = _stop.Token;
        Task keepalives = Task.CompletedTask;
        var attached = false;
        try
        {
            var peer = await AcceptHandshakeAsync(token).ConfigureAwait(false);
            if (peer is null)
            {
                return;
            }
            PeerId = peer.Value;
            _owner.AttachInbound(this);
            attached = true;
            _logger.LogDebug("inbound connection from peer {Peer} ({Remote}) accepted", PeerId, _remote);
            keepalives = SendKeepalivesAsync(token);
            var reason = await ReadMessagesAsync(token).ConfigureAwait(false);
            _logger.LogDebug("inbound connection from peer {Peer} ended: {Reason}", PeerId, reason);
        }
        catch (PeerProtocolException ex)
        {
            _owner.CountProtocolError();
            _logger.LogWarning("closing connection from peer {Peer} ({Remote}): {Reason}", PeerId, _remote, ex.Message);
        }
        catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            _logger.LogDebug("inbound connection from {Remote} ended: {Reason}", _remote, ex.Message);
        }
        finally
        {
            await _stop.CancelAsync().ConfigureAwait(false);
            _socket.Dispose(); // unblocks a keepalive write stuck on a full buffer
            try
            {
                await keepalives.ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
            {
                // Expected: the socket is gone.
            }
            await _reader.CompleteAsync().ConfigureAwait(false);
            await _stream.DisposeAsync().ConfigureAwait(false);
            if (attached)
            {
                _owner.DetachInbound(this);
            }
            _owner.Forget(this);
            _stop.Dispose();
        }
    }

    /// <summary>The peer's node id, or null after refusing it (logged once, counted, connection to be closed).</summary>
    private async Task<ulong?> AcceptHandshakeAsync(CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(_owner.Options.HandshakeTimeout);
        Frame hello;
        try
        {
            hello = await _reader.ReadAsync(Framing.MaxHandshakeFrame, deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return await RefuseAsync("no handshake in time", cancellationToken).ConfigureAwait(false);
        }
        var refusal = hello switch
        {
            { Status: FrameStatus.TooLarge } => $"first frame declares {hello.DeclaredLength} bytes (not a Wiber peer?)",
            { Status: FrameStatus.EndOfStream or FrameStatus.Truncated } => "closed before the handshake",
            { Type: not FrameType.Hello } => $"first frame is type {(byte)hello.Type}, not a handshake",
            _ => null,
        };
        if (refusal is null)
        {
            if (!Handshake.TryDecode(hello.Payload, out var handshake, out var error))
            {
                refusal = error;
            }
            else if (handshake.Refusal(_owner.ClusterId, _owner.IsPeer) is { } why)
            {
                refusal = why;
            }
            else
            {
                await WriteFrameAsync(FrameType.HelloAccepted, _owner.LocalIdentity.Encode(), cancellationToken).ConfigureAwait(false);
                return handshake.NodeId;
            }
        }
        return await RefuseAsync(refusal, cancellationToken).ConfigureAwait(false);
    }

    private async Task<ulong?> RefuseAsync(string reason, CancellationToken cancellationToken)
    {
        _owner.CountRefused();
        _logger.LogWarning("refused connection from {Remote}: {Reason}", _remote, reason);
        try
        {
            // Best effort, so the dialer can log why; it may be gone or not be a Wiber node at all.
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(TimeSpan.FromSeconds(1));
            await WriteFrameAsync(FrameType.HelloRejected, System.Text.Encoding.UTF8.GetBytes(reason[..Math.Min(reason.Length, 200)]), deadline.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The refusal stands either way.
        }
        return null;
    }

    private async Task<string> ReadMessagesAsync(CancellationToken cancellationToken)
    {
        var counters = _owner.CountersFor(PeerId);
        var maxFrame = _owner.Options.MaxFrameSize;
        while (true)
        {
            var frame = await _reader.ReadAsync(maxFrame, cancellationToken).ConfigureAwait(false);
            switch (frame.Status)
            {
                case FrameStatus.EndOfStream:
                    return "closed by the peer";
                case FrameStatus.Truncated:
                    return "closed by the peer in the middle of a frame";
                case FrameStatus.TooLarge:
                    throw new PeerProtocolException($"frame of {frame.DeclaredLength} bytes exceeds the {maxFrame}-byte limit");
            }
            if (frame.Type != FrameType.Raft)
            {
                throw new PeerProtocolException($"unexpected frame type {(byte)frame.Type}");
            }
            if (!RaftMessageCodec.TryDecode(frame.Payload, out var message, out var error))
            {
                throw new PeerProtocolException($"undecodable message: {error}");
            }
            if (message.From != PeerId || message.To != _owner.NodeId)
            {
                throw new PeerProtocolException($"message {message.From}->{message.To} on the connection from node {PeerId} to node {_owner.NodeId}");
            }
            counters?.Received(Framing.HeaderSize + frame.DeclaredLength);
            await _owner.DeliverAsync(message, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task SendKeepalivesAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(_owner.Options.KeepaliveInterval);
        var payload = new ArrayBufferWriter<byte>(WireWriter.MaxVarintBytes);
        do
        {
            payload.ResetWrittenCount();
            WireWriter.WriteVarint(payload, (ulong)_reader.BytesReceived);
            await WriteFrameAsync(FrameType.Keepalive, payload.WrittenMemory.ToArray(), cancellationToken).ConfigureAwait(false);
        }
        while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false));
    }

    private async Task WriteFrameAsync(FrameType type, byte[] payload, CancellationToken cancellationToken)
    {
        var frame = new ArrayBufferWriter<byte>(Framing.HeaderSize + payload.Length);
        Framing.WriteFrame(frame, type, payload);
        await _stream.WriteAsync(frame.WrittenMemory, cancellationToken).ConfigureAwait(false);
    }
}
