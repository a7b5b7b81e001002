using System.Diagnostics;
using Wiber.Module.Tests.Checks;

namespace Wiber.Module.Tests;

/// <summary>build.ps1 and scripts/build.sh offer the same tasks and run the same dotnet commands.</summary>
public sealed class BuildScriptTests
{
    private static readonly string Ps1 = Repo.Read("build.ps1");

    private static readonly string Sh = Repo.Read("scripts/build.sh");

    [Fact]
    public void BuildPs1_AndBuildSh_AreInStep()
    {
        var findings = BuildScriptCheck.Check("build.ps1", Ps1, "scripts/build.sh", Sh);
        Assert.True(findings.Count == 0, string.Join('\n', findings));
        Assert.Contains("--self-contained true -o \"$module_bin/$runtime\"", Sh, StringComparison.Ordinal);
        Assert.Contains("'module/Wiber/bin'", Ps1, StringComparison.Ordinal);
    }

    [Fact]
    public void BuildSh_IsExecutable()
    {
        if (!OperatingSystem.IsWindows())
        {
            Assert.True(File.GetUnixFileMode(Repo.Path("scripts/build.sh")).HasFlag(UnixFileMode.UserExecute), "chmod +x scripts/build.sh");
        }
    }

    [Theory]
    [InlineData("build|test|publish|clean) task", "build|test|publish) task", "build.sh accepts the tasks: [build, publish, test]")]
    [InlineData("  clean)\n    run clean Wiber.sln\n", "", "build.sh's case handles: [build, publish, test]")]
    [InlineData("--self-contained true -o", "--self-contained false -o", "task publish: build.ps1 runs")]
    [InlineData("run test Wiber.sln", "run test Wiber.sln --no-build", "task test: build.ps1 runs [dotnet test Wiber.sln]")]
    public void ABuildShOutOfStep_IsFlagged(string replace, string with, string expected)
    {
        Assert.Contains(replace, Sh, StringComparison.Ordinal);
        var findings = BuildScriptCheck.Check("build.ps1", Ps1, "scripts/build.sh", Sh.Replace(replace, with, StringComparison.Ordinal));
        Assert.Contains(findings, f => f.Message.Contains(expected, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("[ValidateSet('Build', 'Test', 'Publish', 'Clean')]", "[ValidateSet('Build', 'Test', 'Publish', 'Clean', 'Bench')]", "build.ps1's switch handles: [build, clean, publish, test], but build.ps1 -Task offers [bench, build, clean, publish, test]")]
    [InlineData("Invoke-Dotnet 'test', 'Wiber.sln'", "Invoke-Dotnet 'test', 'Wiber.sln', '-c', $Configuration", "task test: build.ps1 runs [dotnet test Wiber.sln -c <var>]")]
    public void ABuildPs1OutOfStep_IsFlagged(string replace, string with, string expected)
    {
        Assert.Contains(replace, Ps1, StringComparison.Ordinal);
        var findings = BuildScriptCheck.Check("build.ps1", Ps1.Replace(replace, with, StringComparison.Ordinal), "scripts/build.sh", Sh);
        Assert.Contains(findings, f => f.Message.Contains(expected, StringComparison.Ordinal));
    }

    /// <summary>
    /// Publishes for real (two self-contained apps, a minute or more on two cores, 110 MB): only with
    /// WIBER_TEST_PUBLISH=1. Then the module finds wiber in module/Wiber/bin/&lt;rid&gt;/, and it runs.
    /// </summary>
    [Fact]
    public async Task Publish_PutsWiberAndWiberNodeWhereTheModuleLooks()
    {
        Assert.SkipUnless(Environment.GetEnvironmentVariable("WIBER_TEST_PUBLISH") == "1", "set WIBER_TEST_PUBLISH=1 to publish for real");
        Assert.SkipWhen(OperatingSystem.IsWindows(), "scripts/build.sh needs bash");
        var rid = $"{(OperatingSystem.IsMacOS() ? "osx" : "linux")}-{System.Runtime.InteropServices.RuntimeInformation.OSArchitecture.ToString().ToLowerInvariant()}";
        var publish = await RunAsync("bash", "scripts/build.sh", "publish");
        Assert.True(publish.Code == 0, publish.Output);
        var wiber = Repo.Path($"module/Wiber/bin/{rid}/wiber");
        Assert.True(File.Exists(wiber) && File.Exists(Repo.Path($"module/Wiber/bin/{rid}/wiber-node")), publish.Output);
        var help = await RunAsync(wiber, "--help");
        Assert.True(help.Code == 0 && help.Output.Contains("lab", StringComparison.Ordinal), help.Output);
    }

    private static async Task<(int Code, string Output)> RunAsync(string program, params string[] arguments)
    {
        var info = new ProcessStartInfo(program) { WorkingDirectory = Repo.Root, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return (process.ExitCode, await output + await error);
    }
}
