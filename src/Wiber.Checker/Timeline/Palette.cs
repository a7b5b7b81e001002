namespace Wiber.Checker.Timeline;

/// <summary>The timeline's colours: one per fault category, a cycle for terms, two for anomaly severity.</summary>
internal static class Palette
{
    private static readonly string[] Terms = ["#1f77b4", "#2ca02c", "#8c564b", "#e377c2", "#17a589", "#3949ab", "#6d4c41", "#00838f"];

    public const string Error = "#d62728";
    public const string Warning = "#ff9f1c";
    public const string Heal = "#2ca02c";
    public const string Bar = "#4c78a8";

    public static string Term(long term) => Terms[(int)(term % Terms.Length)];

    public static string Fault(string category) => category switch
    {
        FaultSpans.Down => "#7f7f7f",
        FaultSpans.Paused => "#9467bd",
        EventKinds.Partition => "#d62728",
        EventKinds.Slow => "#ff7f0e",
        EventKinds.Flaky => "#bcbd22",
        EventKinds.Skew => "#17becf",
        _ => "#999999",
    };
}
