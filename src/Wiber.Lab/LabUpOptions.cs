namespace Wiber.Lab;

/// <summary>What <c>wiber lab up</c> was asked for.</summary>
public sealed record LabUpOptions
{
    /// <summary><c>process</c> (default) or <c>docker</c>.</summary>
    public string Backend { get; init; } = "process";

    /// <summary>How many nodes (1..9): n1, n2, …</summary>
    public int Nodes { get; init; } = 3;

    /// <summary>0 (default): free ports chosen by the OS. Otherwise fixed ports from here (see docs/lab.md).</summary>
    public int PortBase { get; init; }

    /// <summary>A running Toxiproxy-compatible server to use instead of starting the embedded one.</summary>
    public Uri? Toxiproxy { get; init; }

    public LabTimings Timings { get; init; } = LabTimings.Default;

    public string Fsync { get; init; } = "always";

    /// <summary>How long to wait for a leader before reporting the lab up without one.</summary>
    public TimeSpan LeaderWait { get; init; } = TimeSpan.FromSeconds(15);
}

/// <summary>What <c>up</c> did: the state, and how long it took to the first leader.</summary>
public sealed record LabUpResult(State.LabState State, string? Leader, TimeSpan? TimeToLeader);

/// <summary>One row of <c>wiber lab status</c>.</summary>
public sealed record LabNodeStatus(string Node, string? Role, long? Term, string? Leader, long? Commit, int? Pid, string State, string ClientAddress, IReadOnlyList<string> Faults);

/// <summary>What a node operation did: the node, its state before and after, and whether anything changed.</summary>
public sealed record LabNodeChange(string Node, string Action, string Before, string After, int? Pid, bool Changed);
