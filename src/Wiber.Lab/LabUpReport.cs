namespace Wiber.Lab;

/// <summary>
/// What <c>wiber lab up --json</c> prints and <c>POST /cluster/start</c> answers: one record, so the two front
/// doors cannot drift. Field names are a contract (docs/lab.md). <see cref="Leader"/> is null when no leader was
/// elected in time; the lab is up all the same.
/// </summary>
public sealed record LabUpReport(string LabDir, string LabId, string Backend, string ProxyUrl, string? Leader, double? TimeToLeaderMs, IReadOnlyList<LabUpNodeReport> Nodes)
{
    public static LabUpReport From(string labDir, LabUpResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new LabUpReport(
            labDir,
            result.State.LabId,
            result.State.Backend,
            result.State.Proxy.Url,
            result.Leader,
            result.TimeToLeader is { } t ? Math.Round(t.TotalMilliseconds) : null,
            [.. result.State.Nodes.Select(n => new LabUpNodeReport(n.Id, n.Pid, $"{n.Host}:{n.ClientProxyPort}", n.AdminPort))]);
    }
}

public sealed record LabUpNodeReport(string Node, int? Pid, string Client, int AdminPort);
