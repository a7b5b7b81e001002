using System.CommandLine;

namespace Wiber.Cli.Commands.Topics;

/// <summary><c>wiber topics</c> (list) and its sub-verbs <c>create</c>, <c>describe</c>, <c>delete</c>.</summary>
internal static class TopicsCommandDefinition
{
    public static readonly Argument<string> Name = new("topic") { Description = "The topic" };

    public static readonly Option<string?> Retention = new("--retention")
    {
        Description = "How long messages are kept: forever (default), a message count (10000) or an age (30s, 15m, 24h, 7d)",
        HelpName = "forever|count|age",
    };

    public static readonly Option<string?> Description = new("--description", "-d") { Description = "Free text shown by 'wiber topics'", HelpName = "text" };

    public static Command Create(CliConsole console)
    {
        var list = new Command("topics", """
            List the topics (name, next offset, retention, description); sub-verbs create, describe and delete them.

            Examples:
              wiber topics
              wiber topics create orders --retention 7d --description "Paid orders"
              wiber topics describe orders --json
              wiber topics delete scratch
            """);
        list.SetAction((parseResult, ct) => CommandRunner.RunAsync(console, parseResult, _ => new TopicsListCommand(), ct));

        var create = new Command("create", """
            Create a topic with a retention and a description (publishing to a new name also creates it, kept forever).
            Creating a topic that exists with the same settings succeeds ("exists"); with other settings it fails.

            Examples:
              wiber topics create orders --retention 7d
              wiber topics create metrics --retention 100000 --description "last 100k samples"
            """)
        {
            Name,
            Retention,
            Description,
        };
        create.SetAction((parseResult, ct) => CommandRunner.RunAsync(
            console,
            parseResult,
            p => new TopicsCreateCommand(p.GetRequiredValue(Name), p.GetValue(Retention), p.GetValue(Description)),
            ct));

        var describe = new Command("describe", """
            Show one topic. Exits 4 when there is no such topic.

            Example:
              wiber topics describe orders
            """)
        {
            Name,
        };
        describe.SetAction((parseResult, ct) => CommandRunner.RunAsync(console, parseResult, p => new TopicsDescribeCommand(p.GetRequiredValue(Name)), ct));

        var delete = new Command("delete", """
            Delete a topic with its messages, de-duplication memory and group offsets (replicated, cannot be
            undone). A later publish to the name starts a new topic at offset 0. Exits 4 when there is no such topic.

            Example:
              wiber topics delete scratch
            """)
        {
            Name,
        };
        delete.SetAction((parseResult, ct) => CommandRunner.RunAsync(console, parseResult, p => new TopicsDeleteCommand(p.GetRequiredValue(Name)), ct));

        list.Add(create);
        list.Add(describe);
        list.Add(delete);
        return list;
    }
}
