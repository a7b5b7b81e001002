using System.Threading.Channels;
using Wiber.Raft;
using Wiber.Storage;

namespace Wiber.Broker.Hosting;

/// <summary>
/// The fsync pump. The loop writes entries and moves on; this task runs one fdatasync at a time, each
/// covering everything written before it began (group commit), and reports back through the loop's queue.
/// Only then does the leader count its own copy, and a follower send the acknowledgements it held.
/// </summary>
public sealed partial class RaftHost
{
    // One pending request is enough: the sync it triggers covers every write made before it starts.
    private readonly Channel<bool> _syncRequests = Channel.CreateBounded<bool>(new BoundedChannelOptions(1)
    {
        SingleReader = true,
        FullMode = BoundedChannelFullMode.DropWrite,
    });

    private volatile StorageException? _syncFailure;

    // Acknowledgements of entries not yet durable here, in the order they were made.
    private readonly List<Message> _heldAcks = [];

    /// <summary>With <c>fsync always</c> acknowledgements wait for the disk; the other policies promise less and say so.</summary>
    private bool AcksWaitForDisk => _storage.FsyncPolicy.Mode == FsyncMode.Always;

    private void RequestSync() => _syncRequests.Writer.TryWrite(true);

    /// <summary>The highest index this node may acknowledge under its fsync policy.</summary>
    private ulong AcknowledgeableIndex => AcksWaitForDisk ? _storage.DurableIndex : _storage.LastIndex;

    /// <summary>True for an acknowledgement naming entries the disk does not have yet: it waits in <see cref="_heldAcks"/>.</summary>
    private bool HoldUntilDurable(Message m, ulong acknowledgeable)
    {
        if (m.Type != MessageType.AppendResponse || m.Reject || (m.Index <= acknowledgeable && _heldAcks.Count == 0))
        {
            return false;
        }
        _heldAcks.Add(m);
        return true;
    }

    /// <summary>
    /// Entries written by a Ready: have them synced, or, under a policy that does not wait, count them now.
    /// A follower with nothing else queued syncs inline: its acknowledgement is on the commit's critical
    /// path, and the pump would add two thread hand-offs to it. A leader never does: its heartbeats must
    /// not stop while its disk is slow (followers would depose it), and its own fsync already overlaps
    /// the followers' round trip. Under load everyone uses the pump, one fsync for all that queued.
    /// </summary>
    private void AfterWrite()
    {
        if (!AcksWaitForDisk)
        {
            OnDurable();
        }
        else if (_node.Role != StateRole.Leader && _input.Reader.Count == 0)
        {
            _storage.SyncNow();
            Metrics.Synced();
            OnDurable();
        }
        else
        {
            RequestSync();
        }
    }

    /// <summary>On the loop: what the disk holds now (read here, so a truncation since the fsync is seen).</summary>
    private void OnDurable()
    {
        var durable = AcknowledgeableIndex;
        _node.ReportDurable(durable);
        if (_heldAcks.Count > 0)
        {
            var released = 0;
            while (released < _heldAcks.Count && _heldAcks[released].Index <= durable)
            {
                _transport.Send(_heldAcks[released]);
                released++;
            }
            _heldAcks.RemoveRange(0, released);
        }
        if (AcksWaitForDisk && durable < _storage.LastIndex)
        {
            // Written after the last fsync began, or a truncation raced it: another round.
            RequestSync();
        }
    }

    private async Task RunSyncPumpAsync(CancellationToken cancellationToken)
    {
        var requests = _syncRequests.Reader;
        try
        {
            while (await requests.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                requests.TryRead(out _);
                _storage.SyncNow();
                Metrics.Synced();
                await _input.Writer.WriteAsync(HostWork.Durable.Instance, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (ChannelClosedException)
        {
            // The host is stopping.
        }
        catch (StorageException ex)
        {
            // After a failed fsync nothing written since the last good one can be trusted: stop the node.
            // The field is the sure way (the queue may be full); the message only wakes the loop sooner.
            _syncFailure = ex;
            _input.Writer.TryWrite(new HostWork.SyncFailed(ex));
        }
    }
}
