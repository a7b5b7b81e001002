using Wiber.Lab.State;

namespace Wiber.Cli.ServerSources;

/// <summary>The client proxies of the lab in the working directory (or <c>$WIBER_LAB</c>), when one is up.</summary>
internal static class LabServers
{
    public const string LabVariable = "WIBER_LAB";

    public static (IReadOnlyList<string> Servers, string Source)? TryRead(CliConsole console)
    {
        var directory = LabDirectoryFor(console, null);
        if (!directory.Exists)
        {
            return null;
        }

        try
        {
            return (directory.Load().ClientServers, "the lab in " + directory.Path);
        }
        catch (LabException)
        {
            return null;   // a lab of another version or a damaged one: 'wiber lab status' explains; here fall back
        }
    }

    /// <summary><c>--dir</c>, else <c>$WIBER_LAB</c>, else <c>./.wiber-lab</c>.</summary>
    public static LabDirectory LabDirectoryFor(CliConsole console, string? flag)
    {
        var chosen = !string.IsNullOrWhiteSpace(flag) ? flag
            : console.GetEnvironmentVariable(LabVariable) is { Length: > 0 } fromEnvironment ? fromEnvironment
            : LabDirectory.DefaultName;
        return new LabDirectory(Path.Combine(console.Directory, chosen));
    }
}
