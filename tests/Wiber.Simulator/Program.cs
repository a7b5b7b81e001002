using System.Globalization;
using System.Text.Json;
using Wiber.Raft;
using Wiber.Simulator;

// Standalone: dotnet run --project tests/Wiber.Simulator -- --seeds N [--start S] [--seed S] [--bug NAME] [--async-writes] [--json] [--trace]
// Ends with one summary line. Exit code 0 when no seed found a violation, 1 when one did, 2 on bad usage.
var seeds = 1000;
var asyncWrites = false;
var start = 1;
int? single = null;
var json = false;
var trace = false;
var bugs = RaftFaults.None;
try
{
    for (var i = 0; i < args.Length; i++)
    {
        switch (args[i])
        {
            case "--seeds": seeds = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
            case "--start": start = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
            case "--seed": single = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
            case "--bug": bugs |= Enum.Parse<RaftFaults>(args[++i], ignoreCase: true); break;
            case "--async-writes": asyncWrites = true; break;
            case "--json": json = true; break;
            case "--trace": trace = true; break;
            case "-h" or "--help":
                Console.WriteLine("usage: Wiber.Simulator [--seeds N] [--start S] [--seed S] [--bug NAME] [--async-writes] [--json] [--trace]");
                Console.WriteLine($"bugs: {string.Join(", ", Enum.GetNames<RaftFaults>().Skip(1))}");
                return 0;
            default: throw new FormatException($"unknown argument '{args[i]}'");
        }
    }
}
catch (Exception ex) when (ex is FormatException or IndexOutOfRangeException or ArgumentException or OverflowException)
{
    Console.Error.WriteLine($"error: {ex.Message} (see --help)");
    return 2;
}

var options = new SimulationOptions { Bugs = bugs, AsyncWrites = asyncWrites };
if (single is { } seed)
{
    var result = new Simulation(seed, options with { Trace = true, TraceSink = trace ? Console.WriteLine : null }).Run();
    if (!trace && !result.Passed)
    {
        foreach (var line in result.Trace)
        {
            Console.WriteLine(line);
        }
    }
    Console.WriteLine($"seed {seed}: {result.Mix}");
    foreach (var v in result.Violations)
    {
        Console.WriteLine($"VIOLATION {v}");
    }
    PrintSummary(1, result.Ticks, result.Committed, result.ReadsServed, result.Violations.Count, result.Passed ? null : seed, TimeSpan.Zero, result.LivenessTicksUsed);
    return result.Passed ? 0 : 1;
}

var batch = SeedRunner.Run(start, seeds, options);
foreach (var failure in batch.Failures)
{
    Console.Error.WriteLine($"seed {failure.Seed} FAILED ({failure.Mix}): {string.Join("; ", failure.Violations)}");
    Console.Error.WriteLine($"  replay: dotnet run --project tests/Wiber.Simulator -- --seed {failure.Seed}{(bugs != RaftFaults.None ? $" --bug {bugs}" : "")}{(asyncWrites ? " --async-writes" : "")}");
}
PrintSummary(batch.Seeds, batch.Ticks, batch.Committed, batch.ReadsServed, batch.Violations, batch.FirstFailingSeed, batch.Elapsed, batch.MaxLivenessTicks);
return batch.Violations == 0 ? 0 : 1;

void PrintSummary(int count, long ticks, long committed, long reads, int violations, int? firstFailing, TimeSpan elapsed, int maxLiveness)
{
    if (json)
    {
        Console.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["seeds"] = count,
            ["ticks"] = ticks,
            ["committed"] = committed,
            ["reads"] = reads,
            ["violations"] = violations,
            ["first_failing_seed"] = firstFailing,
            ["max_liveness_ticks"] = maxLiveness,
            ["elapsed_s"] = Math.Round(elapsed.TotalSeconds, 2),
        }));
    }
    else
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"seeds={count} ticks={ticks} committed={committed} reads={reads} violations={violations} first_failing_seed={(firstFailing?.ToString(CultureInfo.InvariantCulture) ?? "none")} max_liveness_ticks={maxLiveness} elapsed={elapsed.TotalSeconds:F1}s"));
    }
}
