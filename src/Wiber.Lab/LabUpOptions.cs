using Wiber.Lab.State;

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

    /// <summary>Refuses what <c>up</c> cannot work with (the same words from the CLI and the dashboard).</summary>
    public void Validate()
    {
        if (Nodes is < 1 or > 9)
        {
            throw new LabException(LabErrorKind.Usage, $"--nodes must be 1..9, was {Nodes}");
        }

        if (PortBase is < 0 or > 65000)
        {
            throw new LabException(LabErrorKind.Usage, $"--port-base must be 0..65000, was {PortBase}");
        }
    }

    /// <summary>The <c>--toxiproxy</c> URL, or null when none is given.</summary>
    public static Uri? ParseToxiproxy(string? url) =>
        url is null ? null
        : Uri.TryCreate(url, UriKind.Absolute, out var parsed) && parsed.Scheme is "http" or "https" ? parsed
        : throw new LabException(LabErrorKind.Usage, $"--toxiproxy: '{url}' is not a URL like http://127.0.0.1:8474");
}

/// <summary>What <c>up</c> did: the state, and how long it took to the first leader.</summary>
public sealed record LabUpResult(State.LabState State, string? Leader, TimeSpan? TimeToLeader);

/// <summary>
/// One row of <c>wiber lab status</c>. <paramref name="Lag"/> (entries behind the leader's last index) and
/// <paramref name="ClockOffsetMs"/> (the node's clock minus the leader's) are the leader's view, as in
/// <c>wiber status</c>: null when no leader answered.
/// </summary>
public sealed record LabNodeStatus(
    string Node,
    string? Role,
    long? Term,
    string? Leader,
    long? Commit,
    int? Pid,
    string State,
    string ClientAddress,
    IReadOnlyList<string> Faults,
    long? LastIndex = null,
    long? Lag = null,
    double? ClockOffsetMs = null);

/// <summary>What a node operation did: the node, its state before and after, and whether anything changed.</summary>
public sealed record LabNodeChange(string Node, string Action, string Before, string After, int? Pid, bool Changed);
