using Wiber.Raft.Tests.Unit.Support;

namespace Wiber.Raft.Tests.Unit;

/// <summary>A bad setting is refused at construction with an ArgumentException naming the setting.</summary>
public sealed class RaftConfigValidationTests
{
    private static readonly Dictionary<string, Func<RaftConfig, RaftConfig>> BadSettings = new()
    {
        ["Id"] = c => c with { Id = 0 },
        ["HeartbeatTick"] = c => c with { HeartbeatTick = 0 },
        ["HeartbeatTick negative"] = c => c with { HeartbeatTick = -1, ElectionTick = 10 },
        ["ElectionTick"] = c => c with { ElectionTick = 1, HeartbeatTick = 1 },
        ["ElectionTick below HeartbeatTick"] = c => c with { ElectionTick = 3, HeartbeatTick = 5 },
        ["MaxInflightMsgs"] = c => c with { MaxInflightMsgs = 0 },
        ["MaxSizePerMsg"] = c => c with { MaxSizePerMsg = 0 },
        ["MaxCommittedSizePerReady"] = c => c with { MaxCommittedSizePerReady = -1 },
        ["MaxInflightBytes"] = c => c with { MaxInflightBytes = -1 },
        ["MaxUncommittedEntriesSize"] = c => c with { MaxUncommittedEntriesSize = -1 },
        ["Peers"] = c => c with { Peers = [0, 1, 2] },
    };

    public static TheoryData<string> Cases => new(BadSettings.Keys);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Bad_setting_is_named_in_the_exception(string name)
    {
        var config = BadSettings[name](new RaftConfig { Id = 1, Peers = Nodes.Three });
        var field = name.Split(' ')[0];

        var error = Record.Exception(() => new RaftNode(config, new MemoryStorage([])));

        var argument = Assert.IsType<ArgumentException>(error, exactMatch: false);
        Assert.Equal(field, argument.ParamName);
        Assert.Contains(field, argument.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Node_must_be_among_the_voters()
    {
        var config = new RaftConfig { Id = 4, Peers = Nodes.Three };

        var error = Assert.Throws<ArgumentException>(() => new RaftNode(config, new MemoryStorage([])));

        Assert.Contains("node 4 is not among the voters [1,2,3]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Voters_recorded_in_storage_win_over_peers()
    {
        var config = new RaftConfig { Id = 4, Peers = Nodes.Three };

        var node = new RaftNode(config, new MemoryStorage([2, 4, 6]));

        Assert.Equal([2ul, 4ul, 6ul], node.Voters);
    }

    [Fact]
    public void Defaults_are_valid_and_duplicate_peers_collapse()
    {
        var node = new RaftNode(new RaftConfig { Id = 2, Peers = [3, 2, 1, 3] }, new MemoryStorage([]));

        Assert.Equal(Nodes.Three, node.Voters);
        Assert.Equal((StateRole.Follower, 0ul, 0ul), (node.Role, node.Term, node.CommitIndex));
    }

    [Fact]
    public void Null_arguments_are_rejected()
    {
        Assert.Throws<ArgumentNullException>(() => new RaftNode(null!, new MemoryStorage(Nodes.Three)));
        Assert.Throws<ArgumentNullException>(() => new RaftNode(new RaftConfig { Id = 1 }, null!));
        var node = new RaftNode(new RaftConfig { Id = 1, Peers = Nodes.Three }, new MemoryStorage([]));
        Assert.Throws<ArgumentNullException>(() => node.Step(null!));
    }
}
