using System.Runtime.CompilerServices;

namespace Wiber.Broker.Tests.Configuration;

/// <summary>Small valid configurations to start each test from, and the shipped file.</summary>
internal static class ConfigText
{
    public const string Minimal = """
        cluster_id: test
        nodes:
          - id: n1
            client_port: 7001
            peer_port: 7101
            admin_port: 7201
          - id: n2
            client_port: 7002
            peer_port: 7102
            admin_port: 7202
          - id: n3
            client_port: 7003
            peer_port: 7103
            admin_port: 7203
        """;

    /// <summary>The minimal configuration with extra top-level sections appended.</summary>
    public static string With(string sections) => Minimal + "\n" + sections;

    /// <summary>A file of the repository, found above the test binaries or, failing that, above this source file.</summary>
    public static string RepositoryFile(string relativePath, [CallerFilePath] string sourceFile = "")
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Path.GetDirectoryName(sourceFile) ?? string.Empty })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Wiber.sln")))
                {
                    return Path.Combine(dir.FullName, relativePath);
                }
            }
        }
        throw new InvalidOperationException("repository root (Wiber.sln) not found above " + AppContext.BaseDirectory);
    }
}
