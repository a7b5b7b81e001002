namespace Wiber.Lab.Workload;

/// <summary>What <c>wiber lab workload</c> runs.</summary>
public sealed record WorkloadOptions
{
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>Publishes per second over all producers.</summary>
    public double Rate { get; init; } = 200;

    public int Producers { get; init; } = 2;

    public string Topic { get; init; } = "workload";

    /// <summary>How long a publish may retry across failover before its outcome is recorded as unknown.</summary>
    public TimeSpan PublishDeadline { get; init; } = TimeSpan.FromSeconds(5);

    public TimeSpan StatusInterval { get; init; } = TimeSpan.FromMilliseconds(250);
}

/// <summary>What a workload did (the JSON of <c>wiber lab workload</c>).</summary>
public sealed record WorkloadResult(string History, long Publishes, long Ok, long Failed, long Unknown, long Reads, double Seconds);
