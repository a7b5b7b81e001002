namespace Wiber.Raft.Tests.Interaction;

/// <summary>
/// Every testdata/*.txt script, run against the in-memory cluster and compared with its golden output.
/// WIBER_REWRITE=1 rewrites the golden blocks in the source tree from the actual output (for authoring).
/// </summary>
public sealed class InteractionTests
{
    private static string OutputScripts => Path.Combine(AppContext.BaseDirectory, "testdata");

    private static bool Rewrite => Environment.GetEnvironmentVariable("WIBER_REWRITE") == "1";

    public static TheoryData<string> Scripts()
    {
        var data = new TheoryData<string>();
        foreach (var path in Directory.GetFiles(OutputScripts, "*.txt").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(path));
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Scripts))]
    public void Script_matches_its_golden_output(string script)
    {
        // When rewriting, read and write the source file: the copy in bin/ may be older and is not kept.
        var path = Rewrite ? Path.Combine(SourceScripts(), script) : Path.Combine(OutputScripts, script);
        var text = File.ReadAllText(path);
        var result = ScriptRunner.Run(script, text, Rewrite);
        if (result.Failure is not null)
        {
            Assert.Fail(result.Failure);
        }
        if (Rewrite && result.Rewritten != text)
        {
            File.WriteAllText(path, result.Rewritten);
        }
    }

    /// <summary>testdata/ in the source tree: found by walking up from bin/ to the project file.</summary>
    private static string SourceScripts()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Wiber.Raft.Tests.csproj")))
            {
                return Path.Combine(dir.FullName, "testdata");
            }
        }
        throw new DirectoryNotFoundException($"no Wiber.Raft.Tests.csproj above {AppContext.BaseDirectory}");
    }
}
