using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace Wiber.Cli.Commands.Pub;

/// <summary>The options and arguments of <c>wiber pub</c>.</summary>
internal static class PubCommandDefinition
{
    public const long MaxCount = 10_000_000;

    public static readonly Argument<string> Topic = new("topic") { Description = "The topic to publish to" };

    public static readonly Argument<string?> Message = new("message")
    {
        Description = "The message; when omitted, every line of stdin is published as one message. With --count, {i} is replaced by the message's number",
        Arity = ArgumentArity.ZeroOrOne,
    };

    public static readonly Option<string?> Id = new("--id")
    {
        Description = "Message id, so that a retry is not published twice (with stdin or --count: <id>-<n>)",
        HelpName = "id",
    };

    public static readonly Option<long?> Count = CliValidation.InRange(
        new Option<long?>("--count", "-c") { Description = $"Publish the message N times, pipelined (1..{MaxCount:N0}); prints a summary", HelpName = "N" }, 1, MaxCount);

    public static readonly Option<double?> Rate = CreateRate();

    private static Option<double?> CreateRate()
    {
        var option = new Option<double?>("--rate") { Description = "With --count: at most R messages per second (default: as fast as the cluster takes them)", HelpName = "R" };
        option.Validators.Add((OptionResult r) =>
        {
            if (r.Tokens.Count == 1 && double.TryParse(r.Tokens[0].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && !(value > 0 && value <= 10_000_000))
            {
                r.AddError(string.Create(CultureInfo.InvariantCulture, $"--rate must be more than 0 and at most 10000000 per second, was {value}"));
            }
        });
        return option;
    }

    public static Command Create(CliConsole console)
    {
        var command = new Command("pub", """
            Publish a message (or every line of stdin) to a topic.

            Examples:
              wiber pub chat "Hello world"
              wiber pub chat "order 42 paid" --id order-42
              printf 'one\ntwo\n' | wiber pub chat --json
              wiber pub load "sample {i}" --count 100000 --id run-7     quick load, pipelined, with a summary
              wiber pub load --count 6000 --rate 100                    one minute at 100 messages a second
            """)
        {
            Topic,
            Message,
            Id,
            Count,
            Rate,
        };
        command.Validators.Add(r =>
        {
            if (r.GetResult(Rate) is { Implicit: false } && r.GetResult(Count) is null)
            {
                r.AddError("--rate needs --count");
            }
        });
        command.SetAction((parseResult, ct) => CommandRunner.RunAsync(console, parseResult, PubCommand.Create, ct));
        return command;
    }
}
