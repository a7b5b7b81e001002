using System.Diagnostics;
using System.Globalization;
using Wiber.Raft;
using Wiber.Storage;
using Wiber.Storage.Bench;
using Wiber.Storage.IO;

// dotnet run -c Release --project bench/Wiber.Storage.Bench -- [--dir <path>] [--seconds <s>] [--records <n>] [--fsync]
//   --dir      where to write (default ./.data/bench); say which file system in the report
//   --seconds  duration of each append phase (default 3)
//   --records  size of the log for the read and recovery phases, 200-byte payloads (default 500000)
//   --fsync    use full fsync instead of fdatasync everywhere, to compare
var dir = Path.GetFullPath(Arg("--dir") ?? Path.Combine(".data", "bench"));
var seconds = double.Parse(Arg("--seconds") ?? "3", CultureInfo.InvariantCulture);
var records = long.Parse(Arg("--records") ?? "500000", CultureInfo.InvariantCulture);
NativeSync.UseFullFsync = args.Contains("--fsync");
var phase = TimeSpan.FromSeconds(seconds);
var sync = NativeSync.UseFullFsync ? "fsync" : "fdatasync";

if (Directory.Exists(dir))
{
    Directory.Delete(dir, recursive: true);
}
Directory.CreateDirectory(dir);
Console.WriteLine($"dir {dir}, {Environment.ProcessorCount} CPUs, CRC32C hardware: {Crc32C.IsHardwareAccelerated}, sync call: {sync}");

// 1. The physical floor: append 128 bytes and sync, in a loop, nothing else.
var floor = new Latencies();
using (var file = PhysicalFileSystem.Instance.Open(Path.Combine(dir, "bare.dat"), FileOpenKind.CreateNew))
{
    var record = new byte[128];
    var clock = Stopwatch.StartNew();
    while (clock.Elapsed < phase)
    {
        var start = Stopwatch.GetTimestamp();
        file.Append(record);
        file.Sync();
        floor.Add(Stopwatch.GetElapsedTime(start).TotalMicroseconds);
    }
    Console.WriteLine($"bare 128 B append + {sync,-9}        {floor.Summary(clock.Elapsed)}");
}

// 2. The storage with fsync=always and group commit, 1, 8 and 64 concurrent writers.
var rates = new Dictionary<int, double>();
foreach (var writers in new[] { 1, 8, 64 })
{
    var root = Path.Combine(dir, $"always-{writers}");
    using var storage = DurableRaftStorage.Open(new StorageOptions { DataRoot = root, NodeId = 1 });
    var gate = new object();
    var latencies = new Latencies();
    var clock = Stopwatch.StartNew();
    var payload = new byte[128];
    var tasks = Enumerable.Range(0, writers).Select(_ => Task.Run(async () =>
    {
        while (clock.Elapsed < phase)
        {
            var start = Stopwatch.GetTimestamp();
            ulong index;
            lock (gate)
            {
                index = storage.LastIndex + 1;
                storage.Append([Entry.Normal(index, 1, payload)]);
            }
            await storage.WaitDurableAsync(index).ConfigureAwait(false);
            latencies.Add(Stopwatch.GetElapsedTime(start).TotalMicroseconds);
        }
    })).ToArray();
    await Task.WhenAll(tasks).ConfigureAwait(false);
    rates[writers] = latencies.Rate(clock.Elapsed);
    Console.WriteLine($"storage always, {writers,2} writer(s), 128 B  {latencies.Summary(clock.Elapsed)}");
}
Console.WriteLine($"group commit: 64 writers = {rates[64] / rates[1]:F1}x single writer; 8 writers = {rates[8] / rates[1]:F1}x");

// 3 and 4. A large log: write it (fsync=never for speed, one sync at the end), read it back, time start-up.
var big = new StorageOptions { DataRoot = Path.Combine(dir, "big"), NodeId = 1, Fsync = FsyncPolicy.Never };
long bytes;
using (var storage = DurableRaftStorage.Open(big))
{
    var data = new byte[200];
    var batch = new Entry[1000];
    var clock = Stopwatch.StartNew();
    for (ulong next = 1; next <= (ulong)records;)
    {
        var n = (int)Math.Min((ulong)batch.Length, (ulong)records - next + 1);
        for (var i = 0; i < n; i++)
        {
            batch[i] = Entry.Normal(next + (ulong)i, 1, data);
        }
        storage.Append(batch.AsSpan(0, n).ToArray());
        next += (ulong)n;
    }
    storage.SyncNow();
    bytes = Directory.GetFiles(Path.Combine(big.NodeDirectory, "log")).Sum(f => new FileInfo(f).Length);
    Console.WriteLine($"wrote {records} records ({bytes / 1e6:F0} MB) in {clock.Elapsed.TotalSeconds:F1} s (batches of 1000, one sync)");

    clock.Restart();
    long read = 0;
    for (var lo = storage.FirstIndex; lo <= storage.LastIndex;)
    {
        var entries = storage.GetEntries(lo, storage.LastIndex + 1, 4 * 1024 * 1024);
        read += entries.Sum(e => e.Data.Length + 26L);
        lo += (ulong)entries.Count;
    }
    Console.WriteLine($"sequential read (page cache, 4 MiB batches): {read / 1e6 / clock.Elapsed.TotalSeconds:F0} MB/s");
}
foreach (var cold in new[] { false, true })
{
    if (cold && !TryDropCaches())
    {
        Console.WriteLine("start-up, cold cache: skipped (cannot drop the page cache without root)");
        continue;
    }
    var clock = Stopwatch.StartNew();
    using var reopened = DurableRaftStorage.Open(big with { Fsync = FsyncPolicy.Always });
    Console.WriteLine($"start-up, {(cold ? "cold" : "warm")} cache: {records} records, {bytes / 1e6:F0} MB, {reopened.Recovery.Segments} segments: {clock.Elapsed.TotalMilliseconds:F0} ms (every record checksummed), managed heap {GC.GetTotalMemory(true) / 1e6:F0} MB");
}
Directory.Delete(dir, recursive: true);
return 0;

string? Arg(string name)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}

static bool TryDropCaches()
{
    try
    {
        File.WriteAllText("/proc/sys/vm/drop_caches", "3");
        return true;
    }
    catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
    {
        return false;
    }
}
