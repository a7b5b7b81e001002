using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using Wiber.Cli.Commands.Bench.Harness;

namespace Wiber.Cli.Commands.Bench.Measures;

/// <summary>
/// The physical floor under any durable replicated publish on this machine, measured with the same
/// histogram: appending <c>size</c> bytes to a file and making it durable with fdatasync (one at a time),
/// and a TCP round trip of <c>size</c> bytes over loopback (an echo on its own thread, one at a time).
/// </summary>
internal static class Floor
{
    public static FloorJson Measure(string directory, int size, TimeSpan duration, CancellationToken cancellationToken)
    {
        var sync = MeasureFdatasync(directory, size, duration, cancellationToken);
        var rtt = MeasureLoopback(size, duration, cancellationToken);
        return new FloorJson(Path.GetFullPath(directory), size, duration.TotalSeconds, OperatingSystem.IsLinux() ? "fdatasync" : "fsync (FlushToDisk)", sync, rtt);
    }

    public static FloorFigureJson MeasureFdatasync(string directory, int size, TimeSpan duration, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, "wiber-floor-" + Guid.NewGuid().ToString("N")[..8] + ".log");
        var histogram = new LogLinearHistogram();
        var record = new byte[size];
        Array.Fill(record, (byte)'x');
        try
        {
            using var file = File.OpenHandle(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, FileOptions.None);
            long offset = 0;
            var clock = Stopwatch.StartNew();
            while (clock.Elapsed < duration && !cancellationToken.IsCancellationRequested)
            {
                var started = Stopwatch.GetTimestamp();
                RandomAccess.Write(file, record, offset);
                offset += size;
                SyncData(file);
                histogram.RecordSince(started);
            }

            return FloorFigureJson.From(histogram, clock.Elapsed);
        }
        finally
        {
            File.Delete(path);
        }
    }

    public static FloorFigureJson MeasureLoopback(int size, TimeSpan duration, CancellationToken cancellationToken)
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var echo = new Thread(() =>
        {
            try
            {
                using var peer = listener.AcceptSocket();
                peer.NoDelay = true;
                var buffer = new byte[size];
                while (ReadExactly(peer, buffer))
                {
                    peer.Send(buffer);
                }
            }
            catch (SocketException)
            {
                // the client closed
            }
        }) { IsBackground = true, Name = "floor-echo" };
        echo.Start();

        var histogram = new LogLinearHistogram();
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        client.Connect(IPAddress.Loopback, port);
        var message = new byte[size];
        var answer = new byte[size];
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < duration && !cancellationToken.IsCancellationRequested)
        {
            var started = Stopwatch.GetTimestamp();
            client.Send(message);
            if (!ReadExactly(client, answer))
            {
                break;
            }

            histogram.RecordSince(started);
        }

        var elapsed = clock.Elapsed;
        client.Shutdown(SocketShutdown.Both);
        echo.Join(TimeSpan.FromSeconds(2));
        return FloorFigureJson.From(histogram, elapsed);
    }

    private static bool ReadExactly(Socket socket, byte[] buffer)
    {
        var filled = 0;
        while (filled < buffer.Length)
        {
            var read = socket.Receive(buffer, filled, buffer.Length - filled, SocketFlags.None);
            if (read == 0)
            {
                return false;
            }

            filled += read;
        }

        return true;
    }

    private static void SyncData(Microsoft.Win32.SafeHandles.SafeFileHandle file)
    {
        if (!OperatingSystem.IsLinux())
        {
            RandomAccess.FlushToDisk(file);
            return;
        }

        var added = false;
        file.DangerousAddRef(ref added);
        try
        {
            if (FDataSync((int)file.DangerousGetHandle()) != 0)
            {
                throw new IOException($"fdatasync failed: errno {Marshal.GetLastPInvokeError()}");
            }
        }
        finally
        {
            if (added)
            {
                file.DangerousRelease();
            }
        }
    }

    // DllImport, not LibraryImport: the generated stub needs unsafe code, which this assembly does not allow; int → int needs no marshalling.
    [DllImport("libc", EntryPoint = "fdatasync", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int FDataSync(int fd);
}

/// <summary><c>wiber bench floor --json</c>.</summary>
internal sealed record FloorJson(string Directory, int Size, double DurationS, string Sync, FloorFigureJson Fdatasync, FloorFigureJson LoopbackRtt);

/// <summary>One floor figure: operations per second (one at a time) and percentiles in milliseconds.</summary>
internal sealed record FloorFigureJson(long Count, double OpsPerS, double P50Ms, double P90Ms, double P99Ms, double P999Ms, double MaxMs)
{
    public static FloorFigureJson From(LogLinearHistogram h, TimeSpan elapsed)
    {
        ArgumentNullException.ThrowIfNull(h);
        return new FloorFigureJson(
            h.Count,
            Math.Round(h.Count / Math.Max(elapsed.TotalSeconds, 1e-9), 1),
            Math.Round(h.MillisecondsAt(50), 4),
            Math.Round(h.MillisecondsAt(90), 4),
            Math.Round(h.MillisecondsAt(99), 4),
            Math.Round(h.MillisecondsAt(99.9), 4),
            Math.Round(h.Max / 1e6, 4));
    }
}
