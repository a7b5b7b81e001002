using System.CommandLine;

namespace Wiber.Cli.Commands.Pub;

/// <summary>The options and arguments of <c>wiber pub</c>.</summary>
internal static class PubCommandDefinition
{
    public static readonly Argument<string> Topic = new("topic") { Description = "The topic to publish to" };

    public static readonly Argument<string?> Message = new("message")
    {
        Description = "The message; when omitted, every line of stdin is published as one message",
        Arity = ArgumentArity.ZeroOrOne,
    };

    public static readonly Option<string?> Id = new("--id")
    {
        Description = "Message id, so that a retry is not published twice (with stdin: <id>-<line number>)",
        HelpName = "id",
    };

    public static Command Create(CliConsole console)
    {
        var command = new Command("pub", """
            Publish a message (or every line of stdin) to a topic.

            Examples:
              wiber pub chat "Hello world"
              wiber pub chat "order 42 paid" --id order-42
              printf 'one\ntwo\n' | wiber pub chat --json
            """)
        {
            Topic,
            Message,
            Id,
        };
        command.SetAction((parseResult, ct) => CommandRunner.RunAsync(console, parseResult, PubCommand.Create, ct));
        return command;
    }
}
