using System.Globalization;
using Wiber.Cli.Output;
using Wiber.Client;

namespace Wiber.Cli.Commands.Topics;

/// <summary><c>wiber topics</c>: a table, or one JSON line per topic.</summary>
internal sealed record TopicsListCommand : ICliCommand
{
    public async Task<int> RunAsync(CliContext context, CancellationToken cancellationToken)
    {
        await using var client = await context.ConnectAsync(cancellationToken).ConfigureAwait(false);
        var topics = await client.TopicsAsync(cancellationToken).ConfigureAwait(false);
        if (context.Json)
        {
            foreach (var topic in topics)
            {
                context.WriteJson(TopicJson.From(topic));
            }

            return ExitCodes.Ok;
        }

        var table = new Table("TOPIC", "NEXT OFFSET", "RETENTION", "DESCRIPTION");
        foreach (var topic in topics)
        {
            table.Add(topic.Name, topic.NextOffset.ToString(CultureInfo.InvariantCulture), topic.Retention, topic.Description ?? "");
        }

        table.Write(context.Out, context.Console.UseColor);
        return ExitCodes.Ok;
    }
}

/// <summary><c>wiber topics create &lt;topic&gt;</c>.</summary>
internal sealed record TopicsCreateCommand(string Topic, string? Retention, string? Description) : ICliCommand
{
    public async Task<int> RunAsync(CliContext context, CancellationToken cancellationToken)
    {
        await using var client = await context.ConnectAsync(cancellationToken).ConfigureAwait(false);
        var created = await client.CreateTopicAsync(Topic, Retention, Description, cancellationToken).ConfigureAwait(false);
        if (context.Json)
        {
            context.WriteJson(new TopicCreatedJson(Topic, created));
        }
        else
        {
            context.Out.WriteLine($"{Topic} {(created ? "created" : "exists")}");
        }

        return ExitCodes.Ok;
    }
}

/// <summary><c>wiber topics describe &lt;topic&gt;</c>.</summary>
internal sealed record TopicsDescribeCommand(string Topic) : ICliCommand
{
    public async Task<int> RunAsync(CliContext context, CancellationToken cancellationToken)
    {
        await using var client = await context.ConnectAsync(cancellationToken).ConfigureAwait(false);
        var topics = await client.TopicsAsync(cancellationToken).ConfigureAwait(false);
        if (topics.FirstOrDefault(t => t.Name == Topic) is not { } topic)
        {
            context.WriteError($"not found: topic {Topic} does not exist");
            return ExitCodes.NotFound;
        }

        if (context.Json)
        {
            context.WriteJson(TopicJson.From(topic));
        }
        else
        {
            context.Out.WriteLine($"topic        {topic.Name}");
            context.Out.WriteLine($"next offset  {topic.NextOffset.ToString(CultureInfo.InvariantCulture)}");
            context.Out.WriteLine($"retention    {topic.Retention}");
            context.Out.WriteLine($"description  {topic.Description ?? ""}".TrimEnd());
        }

        return ExitCodes.Ok;
    }
}

/// <summary><c>wiber topics delete &lt;topic&gt;</c>.</summary>
internal sealed record TopicsDeleteCommand(string Topic) : ICliCommand
{
    public async Task<int> RunAsync(CliContext context, CancellationToken cancellationToken)
    {
        await using var client = await context.ConnectAsync(cancellationToken).ConfigureAwait(false);
        await client.DeleteTopicAsync(Topic, cancellationToken).ConfigureAwait(false);
        if (context.Json)
        {
            context.WriteJson(new TopicDeletedJson(Topic, true));
        }
        else
        {
            context.Out.WriteLine($"{Topic} deleted");
        }

        return ExitCodes.Ok;
    }
}

/// <summary>One topic in JSON. Field names are a contract (docs/cli.md).</summary>
internal sealed record TopicJson(string Name, long NextOffset, string Retention, string? Description)
{
    public static TopicJson From(TopicInfo topic) => new(topic.Name, topic.NextOffset, topic.Retention, topic.Description);
}

/// <summary>The JSON of <c>topics create</c>: <c>created</c> is false when it already existed identically.</summary>
internal sealed record TopicCreatedJson(string Topic, bool Created);

/// <summary>The JSON of <c>topics delete</c>.</summary>
internal sealed record TopicDeletedJson(string Topic, bool Deleted);
