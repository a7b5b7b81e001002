using System.Net.Sockets;

namespace Wiber.Chaos.Server.Links;

/// <summary>The link's two pumps (source socket to chain, chain to destination socket) and its in-flight budget.</summary>
internal sealed partial class ToxicLink
{
    /// <summary>Bytes left the link (written or dropped); wakes the reader when it falls back under the limit.</summary>
    private void ReleaseBudget(int bytes)
    {
        if (bytes <= 0)
        {
            return;
        }
        var after = Interlocked.Add(ref _inFlight, -bytes);
        if (after <= InFlightLimit && after + bytes > InFlightLimit)
        {
            _budgetFreed.Release();
        }
    }

    /// <summary>
    /// Source to chain. Each read first waits with a zero-byte receive, so an idle connection holds no buffer;
    /// the bytes are then copied into a right-sized pooled chunk and the 32 KiB read buffer goes back at once.
    /// </summary>
    private async Task ReadLoopAsync()
    {
        try
        {
            while (true)
            {
                int read;
                try
                {
                    await _source.ReceiveAsync(Memory<byte>.Empty, SocketFlags.None).ConfigureAwait(false);
                    read = await ReadChunkAsync().ConfigureAwait(false);
                }
                catch (Exception e) when (e is SocketException or ObjectDisposedException)
                {
                    break; // an error ends the stream like EOF does
                }
                if (read == 0)
                {
                    break;
                }
                while (Volatile.Read(ref _inFlight) > InFlightLimit)
                {
                    await _budgetFreed.WaitAsync(_lifetime.Token).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Torn down while waiting for the writer to catch up.
        }
        finally
        {
            Forward(null, Chunk.End);
        }
    }

    private async ValueTask<int> ReadChunkAsync()
    {
        var buffer = Chunk.Pool.Rent(ReadSize);
        try
        {
            var read = await _source.ReceiveAsync(buffer.AsMemory(0, ReadSize), SocketFlags.None).ConfigureAwait(false);
            if (read > 0)
            {
                Interlocked.Add(ref _inFlight, read);
                Forward(null, Chunk.Copy(buffer.AsSpan(0, read), MonotonicTime.Now));
            }
            return read;
        }
        finally
        {
            Chunk.Pool.Return(buffer);
        }
    }

    private async Task WriteLoopAsync()
    {
        var queue = _output.Reader;
        try
        {
            while (await queue.WaitToReadAsync().ConfigureAwait(false))
            {
                while (queue.TryRead(out var chunk))
                {
                    if (chunk.IsEnd)
                    {
                        return;
                    }
                    try
                    {
                        var data = chunk.Memory;
                        while (!data.IsEmpty)
                        {
                            var sent = await _destination.SendAsync(data, SocketFlags.None).ConfigureAwait(false);
                            data = data[sent..];
                        }
                    }
                    catch (Exception e) when (e is SocketException or ObjectDisposedException)
                    {
                        return;
                    }
                    finally
                    {
                        Discard(chunk);
                    }
                }
            }
        }
        finally
        {
            // No half-close, as upstream: the end of one direction closes the destination socket fully, and
            // the other direction then ends on it.
            _owner.CloseSocket(_destination);
            _owner.LinkFinished();
        }
    }
}
