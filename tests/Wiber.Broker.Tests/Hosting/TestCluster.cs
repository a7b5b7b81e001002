using System.Collections.Concurrent;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Wiber.Broker.Hosting;
using Wiber.Raft;
using Wiber.Storage;

namespace Wiber.Broker.Tests.Hosting;

/// <summary>A state machine that records what it applied, in order: enough to compare nodes.</summary>
internal sealed class RecordingStateMachine : IReplicatedStateMachine
{
    private readonly object _gate = new();
    private List<string> _applied = [];

    public IReadOnlyList<string> Applied
    {
        get
        {
            lock (_gate)
            {
                return _applied.ToArray();
            }
        }
    }

    public object? Apply(in Entry entry)
    {
        var text = Encoding.UTF8.GetString(entry.Data.Span);
        lock (_gate)
        {
            _applied.Add(text);
            return _applied.Count;
        }
    }

    public byte[] TakeSnapshot()
    {
        lock (_gate)
        {
            return Encoding.UTF8.GetBytes(string.Join('\n', _applied));
        }
    }

    public void RestoreSnapshot(ReadOnlyMemory<byte> data)
    {
        var text = Encoding.UTF8.GetString(data.Span);
        lock (_gate)
        {
            _applied = text.Length == 0 ? [] : [.. text.Split('\n')];
        }
    }
}

/// <summary>Three (or more) hosts on real durable storage, wired by an in-process network that can cut links.</summary>
internal sealed class TestCluster : IAsyncDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "wiber-host-" + Guid.NewGuid().ToString("N"));
    private readonly ulong[] _voters;
    private readonly RaftHost?[] _hosts;
    private readonly DurableRaftStorage?[] _storages;
    private readonly ConcurrentDictionary<(ulong, ulong), bool> _cut = new();
    private readonly ulong _snapshotEvery;

    private readonly TimeSpan _proposalTimeout;

    private readonly int _electionTick;

    public TestCluster(int size, ulong snapshotEvery = 0, TimeSpan? proposalTimeout = null, int electionTick = 10)
    {
        _electionTick = electionTick;
        _proposalTimeout = proposalTimeout ?? TimeSpan.FromSeconds(10);
        _voters = Enumerable.Range(1, size).Select(i => (ulong)i).ToArray();
        _hosts = new RaftHost?[size + 1];
        _storages = new DurableRaftStorage?[size + 1];
        _snapshotEvery = snapshotEvery;
        StateMachines = new RecordingStateMachine[size + 1];
        Disks = Enumerable.Range(0, size + 1).Select(_ => new StallableFileSystem()).ToArray();
        foreach (var id in _voters)
        {
            Start(id);
        }
    }

    public RecordingStateMachine[] StateMachines { get; }

    /// <summary>Each node's disk, whose log fsyncs a test can stall (index = node id).</summary>
    public StallableFileSystem[] Disks { get; }

    public IEnumerable<RaftHost> Running => _hosts.Where(h => h is not null)!;

    public RaftHost Host(ulong id) => _hosts[id] ?? throw new InvalidOperationException($"node {id} is down");

    public void Start(ulong id)
    {
        var storage = DurableRaftStorage.Open(new StorageOptions
        {
            DataRoot = _root, NodeId = id, InitialVoters = _voters, Fsync = FsyncPolicy.Always, FileSystem = Disks[id],
        });
        StateMachines[id] = new RecordingStateMachine();
        var host = new RaftHost(
            new RaftHostOptions
            {
                Raft = new RaftConfig { Id = id, Peers = _voters, ElectionTick = _electionTick, HeartbeatTick = 1 },
                TickInterval = TimeSpan.FromMilliseconds(20),
                SnapshotEvery = _snapshotEvery,
                SnapshotKeepEntries = 5,
                ProposalTimeout = _proposalTimeout,
            },
            storage, StateMachines[id], new Wire(this), NullLogger.Instance);
        _storages[id] = storage;
        _hosts[id] = host;
        host.Start();
    }

    public async Task StopAsync(ulong id)
    {
        if (_hosts[id] is { } host)
        {
            _hosts[id] = null;
            await host.DisposeAsync();
            _storages[id]!.Dispose();
            _storages[id] = null;
        }
    }

    public void Isolate(ulong id)
    {
        foreach (var other in _voters.Where(o => o != id))
        {
            _cut[(id, other)] = true;
            _cut[(other, id)] = true;
        }
    }

    public void Heal() => _cut.Clear();

    public async Task<RaftHost> WaitForLeaderAsync(TimeSpan timeout, ulong except = 0)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            var leaders = Running.Where(h => h.Status.Raft.Role == StateRole.Leader && h.Id != except).ToArray();
            if (leaders.Length == 1)
            {
                return leaders[0];
            }
            await Task.Delay(10);
        }
        throw new TimeoutException("no single leader within " + timeout);
    }

    public async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("timed out waiting until " + what);
            }
            await Task.Delay(10);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var disk in Disks)
        {
            disk.Resume();
        }
        foreach (var id in _voters)
        {
            await StopAsync(id);
        }
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private sealed class Wire(TestCluster cluster) : IRaftTransport
    {
        public void Send(Message message)
        {
            if (!cluster._cut.ContainsKey((message.From, message.To)) && cluster._hosts[message.To] is { } target)
            {
                target.Receive(message);
            }
        }
    }
}
