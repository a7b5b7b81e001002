using System.Text.Json;
using Wiber.Lab.Topology;

namespace Wiber.Lab.Dashboard.Requests;

/// <summary>
/// <c>POST /cluster/partition</c>, in one of two forms:
/// <list type="bullet">
/// <item>groups (Blockade's form, as <c>wiber lab partition</c>): <c>{"groups": [["n1"], ["n2", "n3"]], "one_way": false, "reset": false}</c>;
/// a group may also be written <c>"n1,n2"</c>; the nodes not named form one more group;</item>
/// <item>links (what the page's link matrix sends): <c>{"links": [{"from": "n1", "to": "n2"}]}</c> cuts exactly those directed links.</item>
/// </list>
/// Only the shape is checked here; which ids exist, overlaps and the like are checked by the lab under its
/// lock, in the CLI's words, before anything is changed.
/// </summary>
public sealed record PartitionRequest(IReadOnlyList<string>? Groups, IReadOnlyList<Link>? Links, bool OneWay, bool Reset)
{
    public static readonly string[] Fields = ["groups", "links", "one_way", "reset"];

    private const string GroupsExample = "[[\"n1\"], [\"n2\", \"n3\"]]";

    public static PartitionRequest Parse(ReadOnlySpan<byte> body)
    {
        var json = JsonRequest.Parse(body, Fields);
        var oneWay = json.Bool("one_way") ?? false;
        var reset = json.Bool("reset") ?? false;
        var groups = json.Element("groups");
        var links = json.Element("links");
        if (groups is not null && links is not null)
        {
            throw new RequestException("links", "give either groups or links, not both");
        }

        if (links is { } list)
        {
            if (oneWay || reset)
            {
                throw new RequestException(oneWay ? "one_way" : "reset", $"{(oneWay ? "one_way" : "reset")} applies to groups; links are cut one way each already");
            }

            return new PartitionRequest(null, ParseLinks(list), false, false);
        }

        if (groups is not { } array)
        {
            throw new RequestException("groups", $"groups: required, e.g. {GroupsExample} (or links: [{{\"from\": \"n1\", \"to\": \"n2\"}}])");
        }

        return new PartitionRequest(ParseGroups(array), null, oneWay, reset);
    }

    /// <summary>How the links form is described in the event log and status: <c>n1-/->n2, n2-/->n1</c>.</summary>
    public static string Describe(IReadOnlyList<Link> links) => string.Join(", ", links.Select(l => $"{l.From}-/->{l.To}"));

    /// <summary>Groups as the CLI's arguments (<c>"n1,n2"</c>), for <see cref="LabController.PartitionAsync"/>.</summary>
    private static List<string> ParseGroups(JsonElement array)
    {
        if (array.ValueKind != JsonValueKind.Array)
        {
            throw JsonRequest.Wrong("groups", $"an array of groups, e.g. {GroupsExample}", array);
        }

        var groups = new List<string>();
        var g = 0;
        foreach (var group in array.EnumerateArray())
        {
            var field = $"groups[{g}]";
            switch (group.ValueKind)
            {
                case JsonValueKind.String:
                    groups.Add(group.GetString()!);
                    break;
                case JsonValueKind.Array:
                    var ids = new List<string>();
                    var i = 0;
                    foreach (var id in group.EnumerateArray())
                    {
                        ids.Add(NodeId(id, $"{field}[{i++}]"));
                    }

                    if (ids.Count == 0)
                    {
                        throw new RequestException(field, $"{field}: a group needs at least one node id");
                    }

                    groups.Add(string.Join(',', ids));
                    break;
                default:
                    throw JsonRequest.Wrong(field, "an array of node ids such as [\"n1\", \"n2\"] or a string \"n1,n2\"", group);
            }

            g++;
        }

        return groups;
    }

    private static List<Link> ParseLinks(JsonElement array)
    {
        if (array.ValueKind != JsonValueKind.Array)
        {
            throw JsonRequest.Wrong("links", "an array of links, e.g. [{\"from\": \"n1\", \"to\": \"n2\"}]", array);
        }

        var links = new List<Link>();
        var i = 0;
        foreach (var link in array.EnumerateArray())
        {
            var field = $"links[{i++}]";
            if (link.ValueKind != JsonValueKind.Object)
            {
                throw JsonRequest.Wrong(field, "an object {\"from\": \"n1\", \"to\": \"n2\"}", link);
            }

            foreach (var property in link.EnumerateObject())
            {
                if (property.Name is not ("from" or "to"))
                {
                    throw new RequestException($"{field}.{property.Name}", $"unknown field '{property.Name}' in {field} (a link takes from, to)");
                }
            }

            var from = link.TryGetProperty("from", out var f) ? NodeId(f, $"{field}.from") : throw new RequestException($"{field}.from", $"{field}.from: required");
            var to = link.TryGetProperty("to", out var t) ? NodeId(t, $"{field}.to") : throw new RequestException($"{field}.to", $"{field}.to: required");
            links.Add(new Link(from, to));
        }

        return links.Count > 0 ? links : throw new RequestException("links", "links: name at least one link, e.g. [{\"from\": \"n1\", \"to\": \"n2\"}]");
    }

    /// <summary>A node id as text; whether the lab has it is the lab's to say.</summary>
    private static string NodeId(JsonElement id, string field) =>
        id.ValueKind != JsonValueKind.String ? throw JsonRequest.Wrong(field, "a node id such as \"n1\"", id)
        : id.GetString() is { Length: > 0 } text && !text.Any(c => c == ',' || char.IsWhiteSpace(c)) ? text
        : throw new RequestException(field, $"{field}: '{id.GetString()}' is not a node id (no commas or spaces)");
}
