using System.Globalization;

namespace Wiber.Storage;

/// <summary>When appended entries are forced to stable storage.</summary>
public enum FsyncMode
{
    /// <summary>Every append is durable before it is reported durable; concurrent appends share one fsync.</summary>
    Always,

    /// <summary>A background fsync every interval; an append is reported durable once one covering it completed.</summary>
    Interval,

    /// <summary>Never fsync the log; everything is reported durable at once. Lab speed runs only.</summary>
    Never,
}

/// <summary>
/// The fsync policy, parsed from the configuration string (<c>always</c>, <c>interval:50</c>,
/// <c>never</c>) and shown verbatim in the node's status so nobody benchmarks one thing and runs another.
/// </summary>
public sealed record FsyncPolicy
{
    private FsyncPolicy(FsyncMode mode, TimeSpan interval)
    {
        Mode = mode;
        Interval = interval;
    }

    public static FsyncPolicy Always { get; } = new(FsyncMode.Always, TimeSpan.Zero);

    public static FsyncPolicy Never { get; } = new(FsyncMode.Never, TimeSpan.Zero);

    public FsyncMode Mode { get; }

    /// <summary>The period of <see cref="FsyncMode.Interval"/>; zero for the other modes.</summary>
    public TimeSpan Interval { get; }

    public static FsyncPolicy EveryInterval(TimeSpan interval)
    {
        if (interval <= TimeSpan.Zero || interval > TimeSpan.FromMinutes(1))
        {
            throw new ArgumentOutOfRangeException(nameof(interval), interval, "fsync interval must be between 1 ms and 60000 ms");
        }
        return new FsyncPolicy(FsyncMode.Interval, interval);
    }

    /// <summary>Parses <c>always</c>, <c>interval:&lt;ms&gt;</c> or <c>never</c> (case-insensitive).</summary>
    /// <exception cref="FormatException">With the accepted forms in the message.</exception>
    public static FsyncPolicy Parse(string text) =>
        TryParse(text, out var policy, out var error) ? policy : throw new FormatException(error);

    public static bool TryParse(string? text, out FsyncPolicy policy, out string error)
    {
        policy = Always;
        error = string.Empty;
        var trimmed = text?.Trim() ?? string.Empty;
        if (trimmed.Equals("always", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }
        if (trimmed.Equals("never", StringComparison.OrdinalIgnoreCase))
        {
            policy = Never;
            return true;
        }
        const string prefix = "interval:";
        if (trimmed.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
        {
            var number = trimmed[prefix.Length..];
            if (int.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var ms) && ms is >= 1 and <= 60_000)
            {
                policy = EveryInterval(TimeSpan.FromMilliseconds(ms));
                return true;
            }
            error = $"invalid fsync policy '{text}': the interval must be a whole number of milliseconds from 1 to 60000, e.g. 'interval:50'";
            return false;
        }
        error = $"invalid fsync policy '{text}': expected 'always', 'interval:<ms>' (e.g. 'interval:50') or 'never'";
        return false;
    }

    /// <summary>The configuration form, which <see cref="Parse"/> reads back.</summary>
    public override string ToString() => Mode switch
    {
        FsyncMode.Always => "always",
        FsyncMode.Interval => $"interval:{(int)Interval.TotalMilliseconds}",
        _ => "never",
    };

    /// <summary>What the policy promises, for status output.</summary>
    public string Describe() => Mode switch
    {
        FsyncMode.Always => "always: acknowledged entries are on stable storage (group commit)",
        FsyncMode.Interval => $"interval:{(int)Interval.TotalMilliseconds}: up to {(int)Interval.TotalMilliseconds} ms of entries reported durable only after the periodic fsync",
        _ => "never (LAB SPEED RUNS ONLY): nothing is fsynced, a machine crash can lose acknowledged entries",
    };
}
