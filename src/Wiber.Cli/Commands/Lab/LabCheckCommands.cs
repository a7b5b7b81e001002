using System.CommandLine;
using System.Globalization;
using Wiber.Checker;
using Wiber.Lab;
using Wiber.Lab.Workload;

namespace Wiber.Cli.Commands.Lab;

/// <summary><c>wiber lab workload</c>: record a checkable history while the lab is being broken (docs/lab.md).</summary>
internal sealed record LabWorkloadCommand(WorkloadOptions Options, string? Out) : LabCommandBase
{
    private static readonly Option<string> DurationOption = new("--duration") { Description = "How long producers publish", DefaultValueFactory = _ => "20s" };

    private static readonly Option<double> RateOption = new("--rate") { Description = "Publishes per second over all producers", DefaultValueFactory = _ => 200 };

    private static readonly Option<int> ProducersOption = new("--producers") { Description = "Concurrent producers (1..64)", DefaultValueFactory = _ => 2 };

    private static readonly Option<string> TopicOption = new("--topic") { Description = "The topic written and read", DefaultValueFactory = _ => "workload" };

    private static readonly Option<string?> OutOption = new("--out") { Description = "The history file (default <lab dir>/history.jsonl)", HelpName = "file" };

    public static Command Definition(CliConsole console)
    {
        var command = new Command("workload", """
            Publish unique ids at a steady rate while a subscriber on every node records what it gets, poll every
            node's status, then read every node in full: a history for 'wiber lab check'. Break the lab from
            another shell meanwhile.

            Examples:
              wiber lab workload --duration 30s --rate 300
              wiber lab workload --duration 20s & sleep 5; wiber lab partition n1; sleep 5; wiber lab heal; wait; wiber lab check
            """)
        {
            DurationOption,
            RateOption,
            ProducersOption,
            TopicOption,
            OutOption,
        };
        LabCommandDefinition.SetAction(command, console, p =>
        {
            var rate = p.GetValue(RateOption);
            var producers = p.GetValue(ProducersOption);
            if (!(rate > 0 && rate <= 100_000))
            {
                throw new UsageException(string.Create(CultureInfo.InvariantCulture, $"--rate must be more than 0 and at most 100000, was {rate}"));
            }

            if (producers is < 1 or > 64)
            {
                throw new UsageException($"--producers must be 1..64, was {producers}");
            }

            var duration = Durations.Parse(p.GetRequiredValue(DurationOption), "--duration");
            return new LabWorkloadCommand(new WorkloadOptions { Duration = duration, Rate = rate, Producers = producers, Topic = p.GetRequiredValue(TopicOption) }, p.GetValue(OutOption));
        });
        return command;
    }

    protected override async Task<int> RunAsync(CliContext context, LabController lab, CancellationToken cancellationToken)
    {
        var state = lab.Directory.Load();
        var path = Out is null ? Path.Combine(lab.Directory.Path, "history.jsonl") : Path.Combine(context.Console.Directory, Out);
        WorkloadResult result;
        using (var recorder = new HistoryRecorder(path))
        {
            result = await new LabWorkload(state, Options, recorder).RunAsync(path, cancellationToken).ConfigureAwait(false);
        }

        if (context.Json)
        {
            context.WriteJson(result);
        }
        else
        {
            context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{result.Publishes} publishes ({result.Ok} ok, {result.Failed} failed, {result.Unknown} unknown), {result.Reads} reads in {result.Seconds:0.0} s; history in {result.History}"));
            context.Out.WriteLine("check it: wiber lab check");
        }

        return ExitCodes.Ok;
    }
}

/// <summary><c>wiber lab check</c>: the checker's verdict on a recorded history and the lab's events (docs/checker.md).</summary>
internal sealed record LabCheckCommand(string? History, string? Timeline) : LabCommandBase
{
    private static readonly Option<string?> HistoryOption = new("--history") { Description = "The history file (default <lab dir>/history.jsonl)", HelpName = "file" };

    private static readonly Option<string?> TimelineOption = new("--timeline") { Description = "Also write a timeline picture (.html or .svg)", HelpName = "file" };

    public static Command Definition(CliConsole console)
    {
        var command = new Command("check", """
            Check a recorded history with the lab's event log: lost acknowledged messages, duplicates, divergence
            between nodes, offset gaps, two leaders in one term, recovery time after each heal. Exits 8 on a violation.

            Examples:
              wiber lab check
              wiber lab check --json
              wiber lab check --history run1.jsonl --timeline run1.html
            """)
        {
            HistoryOption,
            TimelineOption,
        };
        LabCommandDefinition.SetAction(command, console, p => new LabCheckCommand(p.GetValue(HistoryOption), p.GetValue(TimelineOption)));
        return command;
    }

    protected override async Task<int> RunAsync(CliContext context, LabController lab, CancellationToken cancellationToken)
    {
        var path = History is null ? Path.Combine(lab.Directory.Path, "history.jsonl") : Path.Combine(context.Console.Directory, History);
        if (!File.Exists(path))
        {
            context.WriteError($"not found: no history at {path} (record one with 'wiber lab workload')");
            return ExitCodes.NotFound;
        }

        // The lab's events.jsonl lines are read as they are: the checker takes them as event records.
        using var combined = new StringReader(await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false)
            + (File.Exists(lab.Directory.EventsFile) ? await File.ReadAllTextAsync(lab.Directory.EventsFile, cancellationToken).ConfigureAwait(false) : ""));
        Checker.History history;
        try
        {
            history = await HistoryReader.ReadAsync(combined, cancellationToken).ConfigureAwait(false);
        }
        catch (HistoryFormatException ex)
        {
            context.WriteError($"{path}: {ex.Message}");
            return ExitCodes.Usage;
        }

        var result = HistoryChecker.Check(history);
        if (Timeline is not null)
        {
            var target = Path.Combine(context.Console.Directory, Timeline);
            await File.WriteAllTextAsync(target, target.EndsWith(".svg", StringComparison.OrdinalIgnoreCase) ? TimelineSvg.Render(history, result) : TimelineHtml.Render(history, result), cancellationToken).ConfigureAwait(false);
        }

        if (context.Json)
        {
            CheckResultJson.Write(context.Out, result);
            context.Out.WriteLine();
        }
        else
        {
            CheckSummaryText.Write(context.Out, result);
        }

        return result.IsValid ? ExitCodes.Ok : ExitCodes.CheckFailed;
    }
}
