namespace Wiber.Lab.Processes;

/// <summary>
/// Finds the programs the lab starts: <c>wiber-node</c> and <c>wiber</c> (for <c>wiber proxy serve</c>).
/// Order: <c>$WIBER_NODE_BIN</c> / <c>$WIBER_CLI_BIN</c>; next to the running program (a published or
/// installed <c>wiber</c> carries <c>wiber-node</c> beside it); then PATH. A <c>.dll</c> is run with <c>dotnet</c>.
/// </summary>
public static class Executables
{
    public static (string Executable, IReadOnlyList<string> PrefixArguments) Node() => Find("wiber-node", "WIBER_NODE_BIN");

    public static (string Executable, IReadOnlyList<string> PrefixArguments) Cli() => Find("wiber", "WIBER_CLI_BIN");

    private static (string, IReadOnlyList<string>) Find(string name, string variable)
    {
        if (Environment.GetEnvironmentVariable(variable) is { Length: > 0 } configured)
        {
            return AsCommand(configured);
        }

        var beside = Path.Combine(AppContext.BaseDirectory, name);
        foreach (var candidate in new[] { beside + (OperatingSystem.IsWindows() ? ".exe" : ""), beside + ".dll" })
        {
            if (File.Exists(candidate))
            {
                return AsCommand(candidate);
            }
        }

        foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var onPath = Path.Combine(directory, name + (OperatingSystem.IsWindows() ? ".exe" : ""));
            if (File.Exists(onPath))
            {
                return (onPath, []);
            }
        }

        throw new State.LabException(State.LabErrorKind.Failed, $"cannot find {name}: set ${variable}, or install wiber with wiber-node beside it (see README)");
    }

    private static (string, IReadOnlyList<string>) AsCommand(string path) =>
        path.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) ? (DotnetHost(), [path]) : (path, []);

    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host
        : Environment.ProcessPath is { } current && Path.GetFileNameWithoutExtension(current) == "dotnet" ? current
        : "dotnet";
}
