namespace Wiber.Cli;

/// <summary>
/// Where a run of the CLI reads and writes: the process's console, or writers a test gives.
/// <paramref name="OutputIsTerminal"/> decides tables-with-colour versus plain text; <paramref name="WorkingDirectory"/>
/// is where the CLI looks for a running lab and for <c>config/cluster.yaml</c>.
/// </summary>
internal sealed record CliConsole(
    TextWriter Out,
    TextWriter Error,
    TextReader In,
    bool InputRedirected,
    Func<string, string?> GetEnvironmentVariable,
    bool OutputIsTerminal = false,
    string? WorkingDirectory = null)
{
    public static CliConsole System() => new(
        Console.Out,
        Console.Error,
        Console.In,
        Console.IsInputRedirected,
        Environment.GetEnvironmentVariable,
        OutputIsTerminal: !Console.IsOutputRedirected,
        WorkingDirectory: Environment.CurrentDirectory);

    /// <summary>The directory relative paths are resolved against.</summary>
    public string Directory => WorkingDirectory ?? Environment.CurrentDirectory;

    /// <summary>Colour only on a terminal, and never when <c>NO_COLOR</c> is set (no-color.org) or <c>TERM=dumb</c>.</summary>
    public bool UseColor =>
        OutputIsTerminal
        && string.IsNullOrEmpty(GetEnvironmentVariable("NO_COLOR"))
        && !string.Equals(GetEnvironmentVariable("TERM"), "dumb", StringComparison.Ordinal);

    /// <summary>Progress lines (carriage-return updates on stderr) only when a person is watching.</summary>
    public bool ShowProgress => OutputIsTerminal && !InputRedirected;
}
