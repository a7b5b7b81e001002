using System.Runtime.InteropServices;

namespace Wiber.Lab.Processes;

/// <summary>
/// POSIX signals by pid (.NET can only kill or wait): SIGSTOP/SIGCONT for pause, SIGTERM for a graceful
/// stop, SIGKILL for a crash. The numbers differ between Linux and macOS.
/// </summary>
internal static partial class Signals
{
    public static int Term => 15;

    public static int Kill => 9;

    public static int Stop => OperatingSystem.IsMacOS() ? 17 : 19;

    public static int Continue => OperatingSystem.IsMacOS() ? 19 : 18;

    /// <summary>Sends the signal; false when the process does not exist (or is not ours to signal).</summary>
    public static bool Send(int pid, int signal)
    {
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("signals need Linux or macOS; on Windows use the docker backend");
        }

        return NativeKill(pid, signal) == 0;
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int NativeKill(int pid, int signal);
}
