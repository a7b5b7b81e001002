using Wiber.Broker.Configuration;
using Wiber.Lab;
using Wiber.Lab.State;

namespace Wiber.Lab.Tests;

/// <summary>The lab's files: the node configuration it writes, its state file and its event log.</summary>
public sealed class LabFilesTests : IDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("wiber-lab-files-");

    public void Dispose() => _root.Delete(recursive: true);

    private static LabNode Node(string id, int offset, params string[] peers) => new()
    {
        Id = id,
        Host = "127.0.0.1",
        ClientPort = 20000 + offset,
        PeerPort = 21000 + offset,
        AdminPort = 22000 + offset,
        ClientProxyPort = 23000 + offset,
        PeerProxyPorts = peers.Select((p, i) => (p, 24000 + (offset * 10) + i)).ToDictionary(x => x.p, x => x.Item2),
        DataDirectory = "/tmp/x",
        State = "running",
    };

    [Fact]
    public void TheWrittenConfiguration_IsValidForTheNode_AndPointsEveryDialerAtItsProxy()
    {
        var nodes = new[] { Node("n1", 1, "n2", "n3"), Node("n2", 2, "n1", "n3"), Node("n3", 3, "n1", "n2") };
        var yaml = LabConfigWriter.Write("lab-test", nodes, LabTimings.Fast, "always");
        var result = ClusterConfig.TryParse(yaml);
        Assert.True(result.IsValid, string.Join("\n", result.Errors) + "\n" + yaml);
        var config = result.Value!;
        Assert.Equal(3, config.Nodes.Count);
        Assert.Contains("peer_from:", yaml, StringComparison.Ordinal);
        Assert.Contains($"n1: 127.0.0.1:{nodes[1].PeerProxyPorts["n1"]}", yaml, StringComparison.Ordinal);
        Assert.Contains($"client: 127.0.0.1:{nodes[0].ClientProxyPort}", yaml, StringComparison.Ordinal);
        Assert.Contains("allow_skew: true", yaml, StringComparison.Ordinal);
    }

    [Fact]
    public void State_RoundTrips_AndALabOfAnotherVersionIsRefused()
    {
        var directory = new LabDirectory(Path.Combine(_root.FullName, "lab"));
        var state = new LabState
        {
            Version = LabState.CurrentVersion,
            LabId = "lab-1",
            Backend = "process",
            CreatedAt = DateTimeOffset.UnixEpoch,
            Proxy = new LabProxy("http://127.0.0.1:1", 5, DateTimeOffset.UnixEpoch),
            Nodes = [Node("n1", 1)],
            Faults = [new LabFault("partition", "partition n1 | n2", DateTimeOffset.UnixEpoch, ["n1", "n2"], [new LabToxic("n1-to-n2", "f1-timeout-upstream")])],
        };
        directory.Save(state);
        var loaded = directory.Load();
        Assert.Equal("lab-1", loaded.LabId);
        Assert.Equal("f1-timeout-upstream", loaded.Faults[0].Toxics[0].Name);
        Assert.Equal(["127.0.0.1:23001"], loaded.ClientServers);

        File.WriteAllText(directory.StateFile, File.ReadAllText(directory.StateFile).Replace("\"version\": 1", "\"version\": 99", StringComparison.Ordinal));
        var error = Assert.Throws<LabException>(directory.Load);
        Assert.Equal(LabErrorKind.VersionMismatch, error.Kind);
        Assert.Contains("another version", error.Message, StringComparison.Ordinal);

        File.WriteAllText(directory.StateFile, "{ not json");
        Assert.Equal(LabErrorKind.VersionMismatch, Assert.Throws<LabException>(directory.Load).Kind);
    }

    [Fact]
    public void NoStateFile_MeansNoLab()
    {
        var error = Assert.Throws<LabException>(new LabDirectory(Path.Combine(_root.FullName, "none")).Load);
        Assert.Equal(LabErrorKind.NotRunning, error.Kind);
    }

    [Fact]
    public void EventLog_AppendsInOrder_AndSkipsATornLastLine()
    {
        var directory = new LabDirectory(Path.Combine(_root.FullName, "events"));
        LabEventLog.Append(directory, new LabEvent(DateTimeOffset.FromUnixTimeMilliseconds(1000), "up", ["n1"], "1 node"));
        LabEventLog.Append(directory, new LabEvent(DateTimeOffset.FromUnixTimeMilliseconds(2000), "kill", ["n1"], "pid 7", Ok: false));
        File.AppendAllText(directory.EventsFile, "{\"at\":\"2026-");
        var events = LabEventLog.Read(directory);
        Assert.Equal(["up", "kill"], events.Select(e => e.Kind));
        Assert.False(events[1].Ok);
        Assert.Equal(2000, events[1].AtMs);
        Assert.Contains("\"at_ms\":1000", File.ReadAllLines(directory.EventsFile)[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheLock_IsExclusive_AndReleasedOnDispose()
    {
        var directory = new LabDirectory(Path.Combine(_root.FullName, "lock"));
        var first = await directory.LockAsync(TimeSpan.FromSeconds(1), TestContext.Current.CancellationToken);
        await Assert.ThrowsAsync<LabException>(() => directory.LockAsync(TimeSpan.FromMilliseconds(200), TestContext.Current.CancellationToken));
        first.Dispose();
        using var second = await directory.LockAsync(TimeSpan.FromSeconds(1), TestContext.Current.CancellationToken);
    }
}
