namespace Wiber.Cli;

/// <summary>Where a run of the CLI reads and writes: the process's console, or writers a test gives.</summary>
internal sealed record CliConsole(TextWriter Out, TextWriter Error, TextReader In, bool InputRedirected, Func<string, string?> GetEnvironmentVariable)
{
    public static CliConsole System() =>
        new(Console.Out, Console.Error, Console.In, Console.IsInputRedirected, Environment.GetEnvironmentVariable);
}
