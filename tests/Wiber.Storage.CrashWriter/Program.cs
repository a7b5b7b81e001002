using System.Globalization;
using Wiber.Raft;
using Wiber.Storage;
using Wiber.Storage.CrashWriter;

// Usage: Wiber.Storage.CrashWriter <data-root> <node-id> <writers>
// Several writers append one entry each and wait for it to be durable (so fsyncs are shared); every
// time the durable index moves, "durable <index>" is printed and flushed. The parent kills us with SIGKILL.
if (args.Length != 3)
{
    Console.Error.WriteLine("usage: Wiber.Storage.CrashWriter <data-root> <node-id> <writers>");
    return 2;
}
var options = new StorageOptions
{
    DataRoot = args[0],
    NodeId = ulong.Parse(args[1], CultureInfo.InvariantCulture),
    Fsync = FsyncPolicy.Always,
    SegmentBytes = 256 * 1024, // small segments so kills also land around rollovers
};
using var storage = DurableRaftStorage.Open(options);
var gate = new object();
ulong reported = storage.LastIndex;
Console.Out.WriteLine($"start {storage.LastIndex}");
Console.Out.Flush();

async Task WriteForever()
{
    while (true)
    {
        ulong index;
        lock (gate)
        {
            index = storage.LastIndex + 1;
            storage.Append([Entry.Normal(index, 1, Payload.For(index))]);
        }
        await storage.WaitDurableAsync(index).ConfigureAwait(false);
        lock (gate)
        {
            if (index > reported)
            {
                reported = index;
                Console.Out.WriteLine($"durable {index}");
                Console.Out.Flush();
            }
        }
    }
}

var writers = Enumerable.Range(0, int.Parse(args[2], CultureInfo.InvariantCulture)).Select(_ => Task.Run(WriteForever)).ToArray();
await Task.WhenAll(writers).ConfigureAwait(false);
return 0;
