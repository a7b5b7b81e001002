using System.Diagnostics;
using System.Globalization;
using static Wiber.Storage.Tests.Fixtures;

namespace Wiber.Storage.Tests;

/// <summary>
/// A real writer process (Wiber.Storage.CrashWriter, fsync=always) killed with SIGKILL at random
/// moments; every index it printed as durable must be there, intact, after reopening.
/// WIBER_KILLS sets the number of kills (default 10).
/// </summary>
public sealed class ProcessKillTests
{
    [Fact]
    public async Task Every_acknowledged_index_survives_SIGKILL()
    {
        var kills = int.TryParse(Environment.GetEnvironmentVariable("WIBER_KILLS"), NumberStyles.None, CultureInfo.InvariantCulture, out var k) ? k : 10;
        using var dir = new TempDirectory();
        var random = new Random(Environment.TickCount);
        var ct = TestContext.Current.CancellationToken;
        ulong acknowledged = 0;
        for (var round = 0; round < kills; round++)
        {
            var target = acknowledged + (ulong)random.Next(1, 400);
            acknowledged = Math.Max(acknowledged, await RunUntilKilled(dir.Path, target, ct));
            using var storage = DurableRaftStorage.Open(new StorageOptions { DataRoot = dir.Path, NodeId = 1 });
            Assert.True(storage.LastIndex >= acknowledged, $"round {round}: {acknowledged} acknowledged, {storage.LastIndex} recovered");
            foreach (var entry in ReadAll(storage))
            {
                Assert.True(entry.Data.Span.SequenceEqual(ExpectedPayload(entry.Index)), $"entry {entry.Index} damaged");
            }
        }
    }

    /// <summary>Starts the writer, kills it once it has acknowledged <paramref name="target"/>; returns the highest acknowledged index.</summary>
    private static async Task<ulong> RunUntilKilled(string root, ulong target, CancellationToken ct)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { WriterPath(), root, "1", "4" })
        {
            info.ArgumentList.Add(arg);
        }
        using var process = Process.Start(info)!;
        ulong highest = 0;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(TimeSpan.FromSeconds(30));
        try
        {
            while (highest < target)
            {
                var line = await process.StandardOutput.ReadLineAsync(deadline.Token)
                    ?? throw new InvalidOperationException($"writer exited early: {await process.StandardError.ReadToEndAsync(ct)}");
                if (line.StartsWith("durable ", StringComparison.Ordinal))
                {
                    highest = ulong.Parse(line.AsSpan(8), CultureInfo.InvariantCulture);
                }
            }
        }
        finally
        {
            process.Kill(entireProcessTree: true); // SIGKILL on Unix
            await process.WaitForExitAsync(ct);
        }
        // Anything printed before the kill landed counts as acknowledged too.
        var rest = await process.StandardOutput.ReadToEndAsync(ct);
        foreach (var line in rest.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.StartsWith("durable ", StringComparison.Ordinal) && ulong.TryParse(line.AsSpan(8), CultureInfo.InvariantCulture, out var i))
            {
                highest = Math.Max(highest, i);
            }
        }
        return highest;
    }

    private static string WriterPath()
    {
        // tests/Wiber.Storage.Tests/bin/<Configuration>/net10.0/ → tests/Wiber.Storage.CrashWriter/bin/<Configuration>/net10.0/
        var here = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = here.Parent!.Name;
        var path = Path.GetFullPath(Path.Combine(here.FullName, "..", "..", "..", "..", "Wiber.Storage.CrashWriter", "bin", configuration, here.Name, "Wiber.Storage.CrashWriter.dll"));
        Assert.True(File.Exists(path), $"crash writer not built at {path}");
        return path;
    }

    /// <summary>The same function as CrashWriter's Payload.For (kept in step by this test failing otherwise).</summary>
    private static byte[] ExpectedPayload(ulong index)
    {
        var bytes = new byte[16 + (int)(index % 200)];
        for (var i = 0; i < bytes.Length; i++)
        {
            bytes[i] = (byte)((index * 31) + (ulong)i);
        }
        return bytes;
    }
}
