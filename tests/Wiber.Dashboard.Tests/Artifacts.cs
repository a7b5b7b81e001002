namespace Wiber.Lab.Dashboard.Tests;

/// <summary>Where tests leave what CI keeps: <c>$WIBER_ARTIFACTS</c>, else <c>artifacts/</c> at the repository root.</summary>
internal static class Artifacts
{
    public static string Folder(string name)
    {
        var root = Environment.GetEnvironmentVariable("WIBER_ARTIFACTS") ?? Path.Combine(RepositoryRoot(), "artifacts");
        var folder = Path.Combine(root, name);
        Directory.CreateDirectory(folder);
        return folder;
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Wiber.sln")))
            {
                return directory.FullName;
            }
        }

        return Directory.GetCurrentDirectory();
    }
}
