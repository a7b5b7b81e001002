using System.Globalization;
using Wiber.Raft;
using static Wiber.Storage.Tests.Fixtures;

namespace Wiber.Storage.Tests;

/// <summary>
/// Seeded runs of appends, conflicting appends, hard-state changes, snapshots and compactions on the
/// simulated disk, crashed at random moments (losing or tearing everything not synced). After each
/// crash the storage must open without complaint, and hold every entry it ever reported durable,
/// intact, plus nothing that was not written. WIBER_CRASH_SEEDS raises the seed count (default 500).
/// </summary>
public sealed class CrashSimulationTests
{
    [Fact]
    public void Every_entry_reported_durable_survives_every_crash()
    {
        var seeds = int.TryParse(Environment.GetEnvironmentVariable("WIBER_CRASH_SEEDS"), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 500;
        var tornTails = 0;
        for (var seed = 1; seed <= seeds; seed++)
        {
            try
            {
                tornTails += RunSeed(seed);
            }
            catch (Exception ex)
            {
                throw new InvalidOperationException($"seed {seed} failed (rerun just this seed to debug): {ex.Message}", ex);
            }
        }
        // The crashes must actually have exercised the torn-tail path, or this test proves little.
        Assert.True(tornTails > seeds / 10, $"only {tornTails} torn tails in {seeds} seeds");
    }

    private static int RunSeed(int seed)
    {
        var random = new Random(seed);
        var fs = NewSimulatedDisk();
        var options = Options(SimRoot, fs, segmentBytes: 512 + random.Next(2048));
        var storage = DurableRaftStorage.Open(options);
        var model = new MemoryStorage([1, 2, 3]);
        ulong term = 1;
        var tornTails = 0;
        for (var step = 0; step < 80; step++)
        {
            switch (random.Next(20))
            {
                case < 10:
                    var back = (int)Math.Min((ulong)random.Next(4), model.LastIndex - model.FirstIndex + 1);
                    var from = model.LastIndex + 1 - (ulong)back;
                    if (back > 0)
                    {
                        term++;
                    }
                    var batch = Entries(from, from + (ulong)random.Next(0, 12), term);
                    model.Append(batch);
                    storage.Append(batch);
                    break;
                case < 14:
                    storage.WaitDurableAsync(storage.LastIndex).AsTask().GetAwaiter().GetResult();
                    Assert.Equal(storage.LastIndex, storage.DurableIndex);
                    break;
                case < 16:
                    var hs = new HardState(term, (ulong)random.Next(4), (ulong)random.Next((int)model.LastIndex + 1));
                    model.SetHardState(hs);
                    storage.SetHardState(hs);
                    break;
                case 16 when model.LastIndex > model.FirstIndex + 4:
                    var at = model.LastIndex - (ulong)random.Next(4);
                    var data = BitConverter.GetBytes(at);
                    model.CreateSnapshot(at, data);
                    storage.CreateSnapshot(at, data);
                    model.Compact(at);
                    storage.Compact(at);
                    break;
                case 17 when random.Next(4) == 0:
                    var snapshot = new Snapshot(new SnapshotMetadata(model.LastIndex + (ulong)random.Next(5), ++term, [1, 2, 3]), "leader"u8.ToArray());
                    model.ApplySnapshot(snapshot);
                    storage.ApplySnapshot(snapshot);
                    break;
                case >= 18:
                    var acknowledged = storage.DurableIndex;
                    fs.Crash(random);
                    storage = DurableRaftStorage.Open(options);
                    if (storage.Recovery.TornTail is not null)
                    {
                        tornTails++;
                    }
                    model = CheckRecovered(storage, model, acknowledged);
                    break;
            }
        }
        storage.Dispose();
        return tornTails;
    }

    /// <summary>Checks the recovered state against what was written and acknowledged; returns the new model.</summary>
    private static MemoryStorage CheckRecovered(DurableRaftStorage storage, MemoryStorage model, ulong acknowledged)
    {
        Assert.Equal(model.HardState, storage.HardState);
        Assert.Equal(model.GetSnapshot().Metadata.Index, storage.GetSnapshot().Metadata.Index);
        Assert.True(storage.LastIndex >= acknowledged, $"acknowledged up to {acknowledged} but only {storage.LastIndex} recovered");
        Assert.True(storage.LastIndex <= model.LastIndex, $"recovered {storage.LastIndex} entries beyond the {model.LastIndex} written");
        Assert.Equal(storage.LastIndex, storage.DurableIndex);
        var recovered = ReadAll(storage);
        if (recovered.Count > 0)
        {
            AssertSame(model.GetEntries(recovered[0].Index, storage.LastIndex + 1, long.MaxValue), recovered);
        }
        // Continue from what survived.
        var next = new MemoryStorage([1, 2, 3]);
        if (!storage.GetSnapshot().IsEmpty)
        {
            next.ApplySnapshot(storage.GetSnapshot());
        }
        next.Append(recovered);
        next.SetHardState(storage.HardState);
        return next;
    }
}
