using System.Globalization;
using Microsoft.Diagnostics.Tracing.Etlx;

// trace-summary <file.nettrace> [top N] [method]: the sample profiler's samples of threads running managed
// code, by the method on top of the stack (exclusive), by every method on the stack (inclusive), and by the
// nearest Wiber method (the own code a sample is attributable to). Blocked threads (samples of type
// "external") are counted apart. With [method] (a substring), also the nearest Wiber callers of the
// samples whose top frame matches it.
if (args.Length is < 1 or > 3)
{
    Console.Error.WriteLine("usage: trace-summary <file.nettrace> [top] [method]");
    return 2;
}

var top = args.Length >= 2 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 25;
var focus = args.Length == 3 ? args[2] : null;
var focusCallers = new Dictionary<string, int>(StringComparer.Ordinal);
var etlx = TraceLog.CreateFromEventPipeDataFile(args[0]);
using var log = new TraceLog(etlx);
var exclusive = new Dictionary<string, int>(StringComparer.Ordinal);
var inclusive = new Dictionary<string, int>(StringComparer.Ordinal);
var nearestWiber = new Dictionary<string, int>(StringComparer.Ordinal);
var byAssembly = new Dictionary<string, int>(StringComparer.Ordinal);
int managed = 0, external = 0;
foreach (var ev in log.Events)
{
    if (ev.ProviderName != "Microsoft-DotNETCore-SampleProfiler")
    {
        continue;
    }

    var type = ev.PayloadByName("Type") is { } t ? Convert.ToInt32(t, CultureInfo.InvariantCulture) : 2;
    if (type != 2)
    {
        external++;
        continue;
    }

    managed++;
    var stack = ev.CallStack();
    if (stack is null)
    {
        Add(exclusive, "(no stack)");
        continue;
    }

    var first = true;
    var focused = focus is not null && (stack.CodeAddress.FullMethodName ?? "").Contains(focus, StringComparison.Ordinal);
    var seen = new HashSet<string>(StringComparer.Ordinal);
    string? wiber = null;
    for (var frame = stack; frame is not null; frame = frame.Caller)
    {
        var name = frame.CodeAddress.FullMethodName;
        if (string.IsNullOrEmpty(name))
        {
            name = "?!" + frame.CodeAddress.ModuleName;
        }

        if (first)
        {
            Add(exclusive, name);
            Add(byAssembly, frame.CodeAddress.ModuleName ?? "?");
            first = false;
        }

        if (seen.Add(name))
        {
            Add(inclusive, name);
        }

        if (wiber is null && name.StartsWith("Wiber.", StringComparison.Ordinal))
        {
            wiber = name;
        }
    }

    Add(nearestWiber, wiber ?? "(no Wiber frame)");
    if (focused)
    {
        Add(focusCallers, wiber ?? "(no Wiber frame)");
    }
}

Console.WriteLine($"{args[0]}: {managed} samples in managed code, {external} of threads outside it (waiting or native)");
Print("by module of the top frame", byAssembly);
Print("exclusive (top frame)", exclusive);
Print("nearest Wiber method on the stack", nearestWiber);
Print("inclusive", inclusive);
if (focus is not null)
{
    Print($"nearest Wiber method under top frames matching '{focus}'", focusCallers);
}
return 0;

void Print(string title, Dictionary<string, int> counts)
{
    Console.WriteLine();
    Console.WriteLine($"-- {title}");
    foreach (var (name, count) in counts.OrderByDescending(kv => kv.Value).Take(top))
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{100.0 * count / Math.Max(1, managed),6:0.0} %  {count,7}  {name}"));
    }
}

static void Add(Dictionary<string, int> counts, string key) => counts[key] = counts.TryGetValue(key, out var c) ? c + 1 : 1;
