using Wiber.Raft;

namespace Wiber.Simulator;

/// <summary>
/// Messages in flight with a delivery step each. Loss, duplication and reordering (different delays) apply
/// when sent; partitions apply at delivery, so a cut also swallows what was already on the wire.
/// </summary>
internal sealed class SimNetwork
{
    private readonly Random _random;
    private readonly FaultMix _mix;
    private readonly int _nodes;
    private readonly PriorityQueue<Message, (long Step, long Seq)> _inFlight = new();
    private const int MaxQueuedPerLink = 512;

    private readonly bool[,] _blocked;
    private readonly int[,] _queued;
    private readonly List<Message> _due = [];
    private long _seq;
    private long _healAtTick = -1;
    private double _dropRate;
    private double _duplicateRate;

    public SimNetwork(Random random, FaultMix mix, int nodes)
    {
        _random = random;
        _mix = mix;
        _nodes = nodes;
        _blocked = new bool[nodes + 1, nodes + 1];
        _queued = new int[nodes + 1, nodes + 1];
        _dropRate = mix.DropRate;
        _duplicateRate = mix.DuplicateRate;
    }

    public void Send(Message m, long step)
    {
        if (_random.NextDouble() < _dropRate)
        {
            return;
        }
        Enqueue(m, step);
        if (_random.NextDouble() < _duplicateRate)
        {
            Enqueue(m, step);
        }
    }

    private void Enqueue(Message m, long step)
    {
        // Links have finite buffers, as TCP does: beyond them, messages are dropped at the tail.
        if (_queued[m.From, m.To] >= MaxQueuedPerLink)
        {
            return;
        }
        _queued[m.From, m.To]++;
        _inFlight.Enqueue(m, (step + 1 + _random.Next(_mix.MaxDelay), _seq++));
    }

    /// <summary>Messages due at <paramref name="step"/> that a partition does not swallow.</summary>
    public List<Message> Deliver(long step)
    {
        _due.Clear();
        while (_inFlight.TryPeek(out var m, out var at) && at.Step <= step)
        {
            _inFlight.Dequeue();
            _queued[m.From, m.To]--;
            if (!_blocked[m.From, m.To])
            {
                _due.Add(m);
            }
        }
        return _due;
    }

    public void MaybeChangePartition(long tick, Action<string> trace)
    {
        if (_healAtTick >= 0)
        {
            if (tick >= _healAtTick)
            {
                Heal();
                trace("partition healed");
            }
            return;
        }
        if (_random.NextDouble() >= _mix.PartitionRate)
        {
            return;
        }
        _healAtTick = tick + 5 + _random.Next(60);
        var description = _random.Next(4) switch
        {
            0 => IsolateOne(),
            1 => SplitIntoGroups(2),
            2 => SplitIntoGroups(_nodes >= 5 ? 3 : 2),
            _ => OneWay(),
        };
        trace($"partition {description} until tick {_healAtTick}");
    }

    public void Heal()
    {
        Array.Clear(_blocked);
        _healAtTick = -1;
    }

    /// <summary>For the liveness phase: the network still delays and reorders, but delivers.</summary>
    public void StopLosing()
    {
        _dropRate = 0;
        _duplicateRate = 0;
    }

    private string IsolateOne()
    {
        var victim = 1 + _random.Next(_nodes);
        for (var other = 1; other <= _nodes; other++)
        {
            if (other != victim)
            {
                _blocked[victim, other] = true;
                _blocked[other, victim] = true;
            }
        }
        return $"isolate n{victim}";
    }

    private string SplitIntoGroups(int groups)
    {
        var group = new int[_nodes + 1];
        for (var n = 1; n <= _nodes; n++)
        {
            group[n] = _random.Next(groups);
        }
        for (var a = 1; a <= _nodes; a++)
        {
            for (var b = 1; b <= _nodes; b++)
            {
                _blocked[a, b] = group[a] != group[b];
            }
        }
        return "groups " + string.Join(" | ", Enumerable.Range(0, groups)
            .Select(g => string.Join(",", Enumerable.Range(1, _nodes).Where(n => group[n] == g).Select(n => $"n{n}"))));
    }

    private string OneWay()
    {
        // Some nodes can still hear the others but cannot be heard: a one-way cut.
        var muted = Enumerable.Range(1, _nodes).Where(_ => _random.Next(2) == 0).ToArray();
        if (muted.Length == 0 || muted.Length == _nodes)
        {
            muted = [1 + _random.Next(_nodes)];
        }
        foreach (var a in muted)
        {
            for (var b = 1; b <= _nodes; b++)
            {
                if (!muted.Contains(b))
                {
                    _blocked[a, b] = true;
                }
            }
        }
        return $"one-way: {string.Join(",", muted.Select(n => $"n{n}"))} cannot be heard";
    }
}
