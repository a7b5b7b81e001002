using System.Diagnostics;
using System.Text.Json;
using Wiber.Module.Tests;
using Wiber.Module.Tests.PowerShell;

namespace Wiber.Exercises.Tests;

/// <summary>One run of the built <c>wiber</c>: exit code, standard output and error, and the argument list it was given.</summary>
internal sealed record CliResult(int ExitCode, string Out, string Error, IReadOnlyList<string> Arguments)
{
    public string[] OutLines => Out.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public JsonElement[] JsonLines => [.. OutLines.Select(l => JsonDocument.Parse(l).RootElement.Clone())];

    public JsonElement Json => Assert.Single(JsonLines);

    public override string ToString() => $"wiber {string.Join(' ', Arguments)}\nexit {ExitCode}\nstdout:\n{Out}\nstderr:\n{Error}";
}

/// <summary>
/// What an exercise's PowerShell session does, done through the CLI exactly as the module would do it: the
/// built <c>wiber</c> with the argument list <c>New-WiberCliStartInfo</c> builds (verb, <c>--json</c>, then
/// the verb's arguments), <c>WIBER_LAB</c> set to the exercise's own lab directory (as Initialize-Exercise
/// sets it) and <c>NO_COLOR=1</c>. Every JSON line is checked against the fields <see cref="ModuleFacts"/>
/// records for the PSTypeName the module would give it, and every CLI verb run is recorded, so the twin can
/// prove it ran the same verbs its script does (<see cref="AssertMirrors"/>).
/// </summary>
internal sealed class ModuleSession : IAsyncDisposable
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private static readonly string Executable = Path.Combine(AppContext.BaseDirectory, OperatingSystem.IsWindows() ? "wiber.exe" : "wiber");

    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("wiber-exercise-");
    private readonly HashSet<string> _verbs = new(StringComparer.Ordinal);
    private readonly string _exercise;

    public ModuleSession(string exercise)
    {
        _exercise = exercise;
        LabPath = Path.Combine(_root.FullName, "lab");
    }

    /// <summary>The exercise's lab directory ($env:WIBER_LAB in the script).</summary>
    public string LabPath { get; }

    /// <summary>The CLI verbs run so far ("lab up", "pub", …).</summary>
    public IReadOnlySet<string> Verbs => _verbs;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>
    /// Runs <c>wiber &lt;verb&gt; --json &lt;arguments&gt;</c> (without --json when <paramref name="text"/>) and fails the test
    /// unless it exits with one of <paramref name="ok"/>; with <paramref name="typeName"/>, checks every JSON line's fields.
    /// </summary>
    public async Task<CliResult> RunAsync(string[] verb, string[] arguments, string? typeName = null, int[]? ok = null, bool text = false, IReadOnlyDictionary<string, string>? environment = null, string? labPath = null)
    {
        var argv = new List<string>(verb);
        if (!text)
        {
            argv.Add("--json");
        }

        if (labPath is not null && verb[0] == "lab")
        {
            argv.AddRange(["--dir", labPath]);
        }

        argv.AddRange(arguments);
        _verbs.Add(string.Join(' ', verb));

        var info = new ProcessStartInfo(Executable) { WorkingDirectory = _root.FullName, RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var word in argv)
        {
            info.ArgumentList.Add(word);
        }

        foreach (var name in new[] { "WIBER_SERVERS", "WIBER_CONFIG" })
        {
            info.Environment.Remove(name);
        }

        info.Environment["WIBER_LAB"] = LabPath;
        info.Environment["NO_COLOR"] = "1";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {Executable}");
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync(Ct);
        var error = process.StandardError.ReadToEndAsync(Ct);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(90));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        var result = new CliResult(process.ExitCode, await output, await error, argv);

        // Shown with a failing test: every command the twin ran, how long it took and how it ended.
        TestContext.Current.TestOutputHelper?.WriteLine($"{DateTime.UtcNow:HH:mm:ss.fff} {clock.ElapsedMilliseconds,6} ms exit {result.ExitCode}: wiber {string.Join(' ', argv)}");
        Assert.True((ok ?? [0]).Contains(result.ExitCode), result.ToString());
        if (typeName is not null && !text)
        {
            foreach (var line in result.JsonLines)
            {
                AssertFields(typeName, line, result);
            }
        }

        return result;
    }

    /// <summary>The CLI wrote exactly the fields the module's objects and views are built from.</summary>
    private static void AssertFields(string typeName, JsonElement line, CliResult result)
    {
        Assert.True(ModuleFacts.Fields[typeName].Order(StringComparer.Ordinal).SequenceEqual(line.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal)),
            $"{typeName}: expected fields {string.Join(", ", ModuleFacts.Fields[typeName].Order(StringComparer.Ordinal))}\n{result}");
        foreach (var (path, fields) in ModuleFacts.NestedFields.Where(n => n.Key.StartsWith(typeName + ".", StringComparison.Ordinal)))
        {
            var element = line;
            foreach (var part in path[(typeName.Length + 1)..].Split('.'))
            {
                element = element.GetProperty(part);
            }

            var objects = element.ValueKind == JsonValueKind.Array ? element.EnumerateArray().ToList() : [element];
            foreach (var item in objects)
            {
                var names = item.EnumerateObject().Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
                Assert.True(fields.All(names.Contains), $"{path}: expected at least {string.Join(", ", fields)}, got {string.Join(", ", names)}\n{result}");
            }
        }
    }

    // What the module's commands run (module/Wiber/Public): one method per command the exercises use.

    /// <summary>Start-WiberCluster -Fast.</summary>
    public async Task<JsonElement> StartClusterAsync(IReadOnlyDictionary<string, string>? environment = null) =>
        (await RunAsync(["lab", "up"], ["--nodes", "3", "--fsync", "always", "--fast"], "Wiber.LabCluster", environment: environment)).Json;

    /// <summary>Get-WiberNode (and each poll of Wait-WiberLeader).</summary>
    public async Task<JsonElement[]> GetNodesAsync() => (await RunAsync(["lab", "status"], [], "Wiber.LabNode")).JsonLines;

    public async Task<JsonElement> GetNodeAsync(string node) => (await GetNodesAsync()).Single(n => n.GetProperty("node").GetString() == node);

    /// <summary>Wait-WiberLeader [-ExcludeNode] [-AfterTerm]: polls lab status until a running node leads.</summary>
    public async Task<JsonElement> WaitLeaderAsync(string? exclude = null, long afterTerm = 0)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var leader = (await GetNodesAsync())
                .Where(n => TextOrNull(n, "role") == "leader" && Text(n, "state") == "running" && Text(n, "node") != exclude && NumberOrNull(n, "term") > afterTerm)
                .OrderByDescending(n => n.GetProperty("term").GetInt64())
                .FirstOrDefault();
            if (leader.ValueKind == JsonValueKind.Object)
            {
                return leader;
            }

            Assert.True(clock.Elapsed < Patience, $"no leader (excluding {exclude}, after term {afterTerm}) within {Patience}");
            await Task.Delay(200, Ct);
        }
    }

    /// <summary>Wait-ExerciseCondition: true once the condition holds, false after the timeout.</summary>
    public static async Task<bool> WaitAsync(Func<Task<bool>> condition, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (await condition())
            {
                return true;
            }

            await Task.Delay(200, Ct);
        }

        return false;
    }

    /// <summary>Publish-WiberMessage -Topic -Message [-Id].</summary>
    public async Task<JsonElement> PublishAsync(string topic, string message, string? id = null) =>
        (await RunAsync(["pub"], id is null ? ["--", topic, message] : ["--id", id, "--", topic, message], "Wiber.PublishResult")).Json;

    /// <summary>Publish-WiberMessage -Topic -Message -Count -Id.</summary>
    public async Task<JsonElement> PublishCountAsync(string topic, string message, int count, string id) =>
        (await RunAsync(["pub"], ["--id", id, "--count", count.ToString(System.Globalization.CultureInfo.InvariantCulture), "--", topic, message], "Wiber.PublishRun")).Json;

    /// <summary>Get-WiberHistory -Topic -From 0.</summary>
    public async Task<JsonElement[]> HistoryFromStartAsync(string topic) => (await RunAsync(["history"], [topic, "--from", "0"], "Wiber.Message")).JsonLines;

    /// <summary>Get-WiberCluster.</summary>
    public async Task<JsonElement[]> ClusterStatusAsync() => (await RunAsync(["status"], [], "Wiber.ServerStatus")).JsonLines;

    /// <summary>Get-WiberCluster | Where-Object Node -eq …: that server's status, or null when it did not answer.</summary>
    public async Task<JsonElement?> ServerStatusAsync(string node) =>
        (await ClusterStatusAsync()).Where(s => s.GetProperty("node").ValueKind == JsonValueKind.String && s.GetProperty("node").GetString() == node).Select(s => (JsonElement?)s).FirstOrDefault();

    /// <summary>A number property, or null when it is JSON null (or the object is missing).</summary>
    public static long? NumberOrNull(JsonElement? element, string property) =>
        element is { } e && e.GetProperty(property).ValueKind == JsonValueKind.Number ? e.GetProperty(property).GetInt64() : null;

    /// <summary>A double property, or null when it is JSON null (or the object is missing).</summary>
    public static double? DoubleOrNull(JsonElement? element, string property) =>
        element is { } e && e.GetProperty(property).ValueKind == JsonValueKind.Number ? e.GetProperty(property).GetDouble() : null;

    /// <summary>A string property, or null when it is JSON null (or the object is missing).</summary>
    public static string? TextOrNull(JsonElement? element, string property) =>
        element is { } e && e.GetProperty(property).ValueKind == JsonValueKind.String ? e.GetProperty(property).GetString() : null;

    /// <summary>Stop-WiberNode [-Kill], Start-WiberNode, Suspend-WiberNode, Resume-WiberNode (lab kill|stop|start|pause|resume).</summary>
    public async Task<JsonElement> NodeAsync(string action, string node) => (await RunAsync(["lab", action], [node], "Wiber.NodeChange")).Json;

    /// <summary>Invoke-WiberPartition -Isolate.</summary>
    public async Task<JsonElement> IsolateAsync(string node) => (await RunAsync(["lab", "partition"], [node], "Wiber.LabFault")).Json;

    /// <summary>Reset-WiberNetwork (and the heal of Invoke-WiberPartition -Duration).</summary>
    public async Task<JsonElement> HealAsync() => (await RunAsync(["lab", "heal"], [], "Wiber.LabHeal")).Json;

    /// <summary>Stop-WiberCluster (Complete-Exercise passes the lab directory).</summary>
    public async Task<JsonElement[]> StopClusterAsync() => (await RunAsync(["lab", "down"], [], "Wiber.NodeChange", labPath: LabPath)).JsonLines;

    public static string Text(JsonElement element, string property) => element.GetProperty(property).GetString() ?? "";

    public static long Number(JsonElement element, string property) => element.GetProperty(property).GetInt64();

    /// <summary>
    /// The twin ran exactly the CLI verbs its script's commands map to (ModuleFacts.Verbs; Stop-WiberNode -Kill is
    /// 'lab kill', Invoke-WiberPartition -Duration also heals; helpers from lab/Exercise.ps1 count as what they call).
    /// </summary>
    public void AssertMirrors()
    {
        var script = new PsScript(Repo.Read($"lab/{_exercise}"), _exercise);
        var helper = new PsScript(Repo.Read("lab/Exercise.ps1"), "lab/Exercise.ps1");
        var expected = new HashSet<string>(StringComparer.Ordinal);
        foreach (var invocation in script.Invocations)
        {
            expected.UnionWith(VerbsOf(invocation, helper));
        }

        Assert.True(expected.SetEquals(_verbs),
            $"{_exercise} runs [{string.Join(", ", expected.Order(StringComparer.Ordinal))}] but its twin ran [{string.Join(", ", _verbs.Order(StringComparer.Ordinal))}]");
    }

    private static IEnumerable<string> VerbsOf(PsInvocation invocation, PsScript helper)
    {
        bool Has(string parameter) => invocation.Parameters.Any(p => p.Text.Equals(parameter, StringComparison.OrdinalIgnoreCase));
        switch (invocation.Name)
        {
            case "Stop-WiberNode":
                return [Has("Kill") ? "lab kill" : "lab stop"];
            case "Invoke-WiberPartition":
                return Has("Duration") ? ["lab partition", "lab heal"] : ["lab partition"];
            default:
                if (ModuleFacts.Verbs.TryGetValue(invocation.Name, out var verbs))
                {
                    return verbs;
                }

                var function = helper.Functions.FirstOrDefault(f => f.Name.Equals(invocation.Name, StringComparison.OrdinalIgnoreCase));
                return function is null ? [] : helper.InvocationsIn(function).SelectMany(i => VerbsOf(i, helper)).ToList();
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (File.Exists(Path.Combine(LabPath, "lab.json")))
            {
                await RunAsync(["lab", "down"], [], labPath: LabPath, ok: [0, 1]);
            }
        }
        finally
        {
            try
            {
                _root.Delete(recursive: true);
            }
            catch (IOException)
            {
                // A node still writing its log as it exits: the temporary folder is cleaned by the system.
            }
        }
    }
}

/// <summary>Process labs run one at a time: two clusters racing for two cores make elections flaky.</summary>
[CollectionDefinition(Name)]
public sealed class ProcessLabs
{
    public const string Name = "process labs (exercises)";
}
