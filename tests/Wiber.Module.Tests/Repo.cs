namespace Wiber.Module.Tests;

/// <summary>Paths in the repository, found from the test's output directory (the folder holding Wiber.sln).</summary>
internal static class Repo
{
    public static string Root { get; } = FindRoot();

    public static string Path(string relative) => System.IO.Path.GetFullPath(System.IO.Path.Combine(Root, relative));

    public static string Read(string relative) => File.ReadAllText(Path(relative));

    /// <summary>Files under a folder (relative, '/'-separated), sorted.</summary>
    public static IReadOnlyList<string> Files(string folder, string pattern) =>
        [.. Directory.EnumerateFiles(Path(folder), pattern, SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{System.IO.Path.DirectorySeparatorChar}bin{System.IO.Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(f => System.IO.Path.GetRelativePath(Root, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)];

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "Wiber.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"Wiber.sln not found above {AppContext.BaseDirectory}");
    }
}
