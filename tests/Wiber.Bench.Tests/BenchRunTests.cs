namespace Wiber.Bench.Tests;

/// <summary>A real run: a one-node lab started by the bench itself, one second measured, the JSON checked.</summary>
public sealed class BenchRunTests
{
    [Fact]
    public async Task Bench_starts_a_lab_measures_and_prints_one_json_object()
    {
        var directory = Directory.CreateTempSubdirectory("wiber-bench-test-").FullName;
        try
        {
            var run = await BenchCli.RunAsync(directory, null, "bench", "--start-lab", "--nodes", "1", "--duration", "1s", "--temp-dir", directory, "--json");
            Assert.True(run.ExitCode == 0, run.ToString());
            Assert.Single(run.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            var json = run.Json;
            foreach (var field in new[] { "msgs_per_s", "p50_ms", "p90_ms", "p99_ms", "p999_ms", "max_ms", "inflight", "size", "duration_s", "warmup_s", "topics", "producers", "subscribers", "nodes", "fsync", "cluster", "durability", "breakdown" })
            {
                Assert.True(json.TryGetProperty(field, out _), $"missing {field}: {run.Out}");
            }

            Assert.Equal("wiber", json.GetProperty("target").GetString());
            Assert.Equal("lab", json.GetProperty("cluster").GetString());
            Assert.Equal(1, json.GetProperty("nodes").GetInt32());
            Assert.Equal(1, json.GetProperty("inflight").GetInt32());
            Assert.Equal(128, json.GetProperty("size").GetInt32());
            Assert.Equal(1.0, json.GetProperty("duration_s").GetDouble());
            Assert.StartsWith("always", json.GetProperty("fsync").GetString(), StringComparison.Ordinal);
            Assert.True(json.GetProperty("msgs_per_s").GetDouble() > 0, run.Out);
            Assert.Equal(0, json.GetProperty("errors").GetInt64());
            var p50 = json.GetProperty("p50_ms").GetDouble();
            var p99 = json.GetProperty("p99_ms").GetDouble();
            var max = json.GetProperty("max_ms").GetDouble();
            Assert.True(p50 > 0 && p50 <= p99 && p99 <= json.GetProperty("p999_ms").GetDouble() && json.GetProperty("p999_ms").GetDouble() <= max, run.Out);
            Assert.Equal("n1", json.GetProperty("breakdown").GetProperty("leader").GetString());
            Assert.Equal(System.Text.Json.JsonValueKind.Null, json.GetProperty("e2e_p99_ms").ValueKind);

            // The lab was brought down: nothing of it is left in the temp directory.
            Assert.Empty(Directory.GetDirectories(directory, "wiber-bench-lab-*"));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
