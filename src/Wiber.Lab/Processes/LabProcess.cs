using System.Diagnostics;

namespace Wiber.Lab.Processes;

/// <summary>
/// Starts programs that outlive the command that started them (a node must keep running after
/// <c>wiber lab up</c> exits) with stdout and stderr appended to a log file, and recognises them later by
/// pid plus start time, so a pid reused by an unrelated program is never signalled.
/// </summary>
internal static class LabProcess
{
    /// <summary>Starts <paramref name="executable"/> detached from our stdio; returns its pid and start time.</summary>
    public static (int Pid, DateTimeOffset StartedAt) Start(string executable, IReadOnlyList<string> arguments, string logFile, string workingDirectory, IReadOnlyDictionary<string, string>? environment = null)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(logFile)!);
        ProcessStartInfo info;
        if (OperatingSystem.IsWindows())
        {
            info = new ProcessStartInfo(executable) { UseShellExecute = false, CreateNoWindow = true };
            foreach (var argument in arguments)
            {
                info.ArgumentList.Add(argument);
            }
        }
        else
        {
            // sh does the redirection and then becomes the program (exec), so the pid is the program's and
            // its output never goes through a pipe that would block once nobody reads it.
            info = new ProcessStartInfo("/bin/sh") { UseShellExecute = false };
            info.ArgumentList.Add("-c");
            info.ArgumentList.Add("exec \"$0\" \"$@\" >>\"$WIBER_LAB_LOG\" 2>&1 </dev/null");
            info.ArgumentList.Add(executable);
            foreach (var argument in arguments)
            {
                info.ArgumentList.Add(argument);
            }

            info.Environment["WIBER_LAB_LOG"] = logFile;
        }

        info.WorkingDirectory = workingDirectory;
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {executable}");
        return (process.Id, StartTime(process) ?? DateTimeOffset.UtcNow);
    }

    /// <summary>True when <paramref name="pid"/> is alive and is still the process started at <paramref name="startedAt"/>.</summary>
    public static bool IsAlive(int? pid, DateTimeOffset? startedAt)
    {
        if (pid is not { } id)
        {
            return false;
        }

        try
        {
            using var process = Process.GetProcessById(id);
            if (process.HasExited || IsZombie(id))
            {
                return false;
            }

            var actual = StartTime(process);
            return startedAt is null || actual is null || (actual.Value - startedAt.Value).Duration() < TimeSpan.FromSeconds(2);
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>
    /// A process that has exited but is not reaped yet (its parent, often init, has not waited for it) is
    /// gone for our purposes: only its leader is left, in state Z. While a runtime shuts down, the leader
    /// may show Z with other threads still running, so both conditions are needed.
    /// </summary>
    public static bool IsZombie(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var close = stat.LastIndexOf(')');
            return close > 0 && close + 2 < stat.Length && stat[close + 2] == 'Z'
                && Directory.GetDirectories($"/proc/{pid}/task").Length <= 1;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static DateTimeOffset? StartTime(Process process)
    {
        try
        {
            return new DateTimeOffset(process.StartTime.ToUniversalTime(), TimeSpan.Zero);
        }
        catch (InvalidOperationException)
        {
            return null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }

    /// <summary>Waits until the process is gone (true) or the timeout passes (false).</summary>
    public static async Task<bool> WaitForExitAsync(int pid, DateTimeOffset? startedAt, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        while (IsAlive(pid, startedAt))
        {
            if (deadline.Elapsed > timeout)
            {
                return false;
            }

            await Task.Delay(20, cancellationToken).ConfigureAwait(false);
        }

        return true;
    }
}
