using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Wiber.Storage.IO;

/// <summary>
/// fdatasync and directory fsync. .NET's FileStream.Flush(true) / RandomAccess.FlushToDisk are a full fsync, which also writes
/// the inode's timestamps; fdatasync skips that when the size did not change, so on Linux we call it
/// directly. A failed fsync is never retried (the kernel may have dropped the dirty pages): it throws.
/// </summary>
internal static partial class NativeSync
{
    private const int ORdOnly = 0;
    private const int ODirectory = 0x10000; // Linux value on x86-64 and arm64.

    /// <summary>Selects fsync instead of fdatasync, to measure the difference.</summary>
    internal static bool UseFullFsync { get; set; }

    public static void SyncData(SafeFileHandle handle, string path)
    {
        if (!OperatingSystem.IsLinux())
        {
            RandomAccess.FlushToDisk(handle);
            return;
        }
        var fd = (int)handle.DangerousGetHandle();
        var rc = UseFullFsync ? FSync(fd) : FDataSync(fd);
        if (rc != 0)
        {
            throw new IOException($"{(UseFullFsync ? "fsync" : "fdatasync")} of {path} failed: errno {Marshal.GetLastPInvokeError()}");
        }
    }

    public static void SyncDirectory(string path)
    {
        if (!OperatingSystem.IsLinux())
        {
            return; // Windows has no directory fsync; NTFS journals renames itself.
        }
        var fd = Open(path, ORdOnly | ODirectory);
        if (fd < 0)
        {
            throw new IOException($"cannot open directory {path} to fsync it: errno {Marshal.GetLastPInvokeError()}");
        }
        try
        {
            if (FSync(fd) != 0)
            {
                throw new IOException($"fsync of directory {path} failed: errno {Marshal.GetLastPInvokeError()}");
            }
        }
        finally
        {
            _ = Close(fd);
        }
    }

    [LibraryImport("libc", EntryPoint = "fdatasync", SetLastError = true)]
    private static partial int FDataSync(int fd);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static partial int FSync(int fd);

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int Close(int fd);
}
