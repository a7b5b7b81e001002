using System.Globalization;
using System.Text.Json;

namespace Wiber.Lab.Docker;

/// <summary>Tolerant parsing of the engine's answers: missing or null fields read as empty, unknown ones are ignored.</summary>
internal static class DockerResponses
{
    /// <summary>The engine's <c>{"message": "…"}</c>, or the body itself when it is not that JSON.</summary>
    public static string ErrorMessage(string body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return "";
        }
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.String)
            {
                return message.GetString() ?? "";
            }
        }
        catch (JsonException)
        {
        }
        return body.Trim();
    }

    /// <summary>The <c>Id</c> of a create answer.</summary>
    public static string Id(JsonElement root) => String(root, "Id");

    public static DockerVersion Version(JsonElement root) => new(
        String(root, "Version"),
        String(root, "ApiVersion"),
        String(root, "MinAPIVersion"),
        String(root, "Os"),
        String(root, "Arch"),
        String(root, "KernelVersion"));

    /// <summary><c>GET /containers/{id}/json</c>.</summary>
    public static ContainerInfo Inspect(JsonElement root)
    {
        var state = Object(root, "State");
        var config = Object(root, "Config");
        var network = Object(root, "NetworkSettings");

        var hostPorts = new Dictionary<int, int>();
        if (Object(network, "Ports") is { ValueKind: JsonValueKind.Object } ports)
        {
            foreach (var port in ports.EnumerateObject())
            {
                var slash = port.Name.IndexOf('/', StringComparison.Ordinal);
                var protocol = slash < 0 ? "tcp" : port.Name[(slash + 1)..];
                if (protocol != "tcp" || !int.TryParse(slash < 0 ? port.Name : port.Name[..slash], NumberStyles.None, CultureInfo.InvariantCulture, out var containerPort) || port.Value.ValueKind != JsonValueKind.Array)
                {
                    continue;
                }
                foreach (var binding in port.Value.EnumerateArray())
                {
                    if (int.TryParse(String(binding, "HostPort"), NumberStyles.None, CultureInfo.InvariantCulture, out var hostPort))
                    {
                        hostPorts.TryAdd(containerPort, hostPort);
                    }
                }
            }
        }

        var addresses = new Dictionary<string, string>();
        if (Object(network, "Networks") is { ValueKind: JsonValueKind.Object } networks)
        {
            foreach (var attached in networks.EnumerateObject())
            {
                addresses[attached.Name] = String(attached.Value, "IPAddress");
            }
        }

        return new ContainerInfo(
            Id: String(root, "Id"),
            Name: String(root, "Name").TrimStart('/'),
            Image: String(config, "Image"),
            State: ParseState(String(state, "Status")),
            Pid: Int(state, "Pid"),
            ExitCode: Int(state, "ExitCode"),
            StartedAt: Time(String(state, "StartedAt")),
            FinishedAt: Time(String(state, "FinishedAt")),
            OomKilled: Object(state, "OOMKilled").ValueKind == JsonValueKind.True,
            Error: String(state, "Error"),
            HostPorts: hostPorts,
            Labels: Map(Object(config, "Labels")),
            NetworkAddresses: addresses);
    }

    /// <summary>One element of <c>GET /containers/json</c>.</summary>
    public static ContainerSummary Summary(JsonElement element)
    {
        var names = Object(element, "Names");
        var name = names.ValueKind == JsonValueKind.Array && names.GetArrayLength() > 0 ? names[0].GetString() ?? "" : "";
        var created = Object(element, "Created");
        return new ContainerSummary(
            String(element, "Id"),
            name.TrimStart('/'),
            String(element, "Image"),
            ParseState(String(element, "State")),
            String(element, "Status"),
            created.ValueKind == JsonValueKind.Number ? DateTimeOffset.FromUnixTimeSeconds(created.GetInt64()) : DateTimeOffset.MinValue,
            Map(Object(element, "Labels")));
    }

    /// <summary>One element of <c>GET /networks</c>.</summary>
    public static NetworkSummary Network(JsonElement element) => new(
        String(element, "Id"), String(element, "Name"), String(element, "Driver"), Map(Object(element, "Labels")));

    public static ContainerState ParseState(string status) => status switch
    {
        "created" => ContainerState.Created,
        "running" => ContainerState.Running,
        "paused" => ContainerState.Paused,
        "restarting" => ContainerState.Restarting,
        "removing" => ContainerState.Removing,
        "exited" => ContainerState.Exited,
        "dead" => ContainerState.Dead,
        _ => ContainerState.Unknown,
    };

    /// <summary>
    /// The engine's RFC 3339 times have nanoseconds (more digits than .NET parses) and use
    /// <c>0001-01-01T00:00:00Z</c> for "never"; both are handled.
    /// </summary>
    public static DateTimeOffset? Time(string text)
    {
        if (string.IsNullOrEmpty(text) || text.StartsWith("0001-01-01", StringComparison.Ordinal))
        {
            return null;
        }
        var dot = text.IndexOf('.', StringComparison.Ordinal);
        if (dot >= 0)
        {
            var end = dot + 1;
            while (end < text.Length && char.IsAsciiDigit(text[end]))
            {
                end++;
            }
            if (end - dot - 1 > 7)
            {
                text = string.Concat(text.AsSpan(0, dot + 8), text.AsSpan(end));
            }
        }
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time) ? time : null;
    }

    /// <summary>
    /// The API version to speak: <paramref name="preferred"/> when the engine accepts it, else the engine's
    /// newest (an older engine) or its oldest accepted (a newer engine that dropped the preferred one).
    /// </summary>
    public static string ChooseApiVersion(string preferred, string engineMax, string engineMin)
    {
        if (!System.Version.TryParse(engineMax, out var max))
        {
            return preferred;
        }
        var wanted = System.Version.Parse(preferred);
        if (max < wanted)
        {
            return engineMax;
        }
        if (System.Version.TryParse(engineMin, out var min) && min > wanted)
        {
            return engineMin;
        }
        return preferred;
    }

    private static JsonElement Object(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) ? value : default;

    private static string String(JsonElement element, string name) =>
        Object(element, name) is { ValueKind: JsonValueKind.String } value ? value.GetString() ?? "" : "";

    private static int Int(JsonElement element, string name) =>
        Object(element, name) is { ValueKind: JsonValueKind.Number } value && value.TryGetInt32(out var number) ? number : 0;

    private static Dictionary<string, string> Map(JsonElement element)
    {
        var map = new Dictionary<string, string>();
        if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in element.EnumerateObject())
            {
                map[property.Name] = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString() ?? "" : property.Value.ToString();
            }
        }
        return map;
    }
}
