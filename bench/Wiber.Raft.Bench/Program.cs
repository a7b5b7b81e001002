using System.Diagnostics;
using System.Globalization;
using Wiber.Raft.Bench;

// Proposals committed per second in a 3-node in-memory cluster (no I/O, one thread), and bytes allocated
// per committed entry, for several batch sizes: "batch" proposals are made before the cluster is pumped,
// so they travel in the same appends (pipelining). Usage: [--entries N] [--size BYTES] [--runs R]
var entries = 1_000_000;
var size = 128;
var runs = 3;
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--entries": entries = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
        case "--size": size = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
        case "--runs": runs = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
        default:
            Console.Error.WriteLine($"unknown argument '{args[i]}'; usage: [--entries N] [--size BYTES] [--runs R]");
            return 2;
    }
}

Console.WriteLine($"3-node in-memory cluster, {entries:N0} entries of {size} B per run, median of {runs} runs");
Console.WriteLine("batch  commits/s     ns/commit  bytes allocated/commit");
var payload = new byte[size];
foreach (var batch in new[] { 1, 16, 256 })
{
    var samples = Enumerable.Range(0, runs).Select(_ => Measure(batch)).OrderBy(s => s.PerSecond).ToArray();
    var median = samples[runs / 2];
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{batch,5}  {median.PerSecond,10:N0}  {1e9 / median.PerSecond,9:N0}  {median.BytesPerEntry,10:N0}   (range {samples[0].PerSecond:N0}–{samples[^1].PerSecond:N0}/s)"));
}
return 0;

(double PerSecond, double BytesPerEntry) Measure(int batch)
{
    var cluster = new InMemoryCluster(3);
    cluster.ElectFirstNode();
    Run(cluster, batch, Math.Min(entries / 10, 50_000));     // warm-up: JIT, buffers, tiering
    var before = cluster.Applied;
    GC.Collect();
    var allocated = GC.GetAllocatedBytesForCurrentThread();
    var stopwatch = Stopwatch.StartNew();
    Run(cluster, batch, entries);
    stopwatch.Stop();
    var bytes = GC.GetAllocatedBytesForCurrentThread() - allocated;
    var committed = cluster.Applied - before;
    return (committed / stopwatch.Elapsed.TotalSeconds, (double)bytes / committed);
}

void Run(InMemoryCluster cluster, int batch, int count)
{
    for (var done = 0; done < count; done += batch)
    {
        for (var j = 0; j < batch; j++)
        {
            cluster.Leader.Propose(payload);
        }
        cluster.Pump();
        if (done % 100_000 < batch)
        {
            cluster.Compact();
        }
    }
}
