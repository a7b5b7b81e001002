namespace Wiber.Checker;

/// <summary>How the timeline picture is drawn.</summary>
public sealed record TimelineOptions
{
    public static TimelineOptions Default { get; } = new();

    public string Title { get; init; } = "Wiber lab timeline";

    /// <summary>Width of the picture in pixels (at least 400).</summary>
    public int Width { get; init; } = 1200;
}
