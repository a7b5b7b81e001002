using System.Diagnostics;

namespace Wiber.Storage.Tests;

/// <summary>Real tmpfs mounts for the disk-full and read-only tests; only root may mount.</summary>
internal static class Mounts
{
    public static bool IsRoot => Run("id", "-u").Trim() == "0";

    /// <summary>Skips the calling test, visibly, when mounting is not possible here.</summary>
    public static void RequireRoot()
    {
        if (!OperatingSystem.IsLinux() || !IsRoot)
        {
            Assert.Skip("needs root on Linux to mount a small tmpfs; the simulated-disk test covers the same path");
        }
    }

    public static void Mount(string directory, string options) => Run("mount", $"-t tmpfs -o {options} tmpfs {directory}", mustSucceed: true);

    public static void Remount(string directory, string options) => Run("mount", $"-o remount,{options} {directory}", mustSucceed: true);

    public static void Unmount(string directory) => Run("umount", directory);

    private static string Run(string file, string arguments, bool mustSucceed = false)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (mustSucceed && process.ExitCode != 0)
        {
            Assert.Skip($"'{file} {arguments}' failed ({error.Trim()}): this environment does not allow mounts");
        }
        return output;
    }
}
