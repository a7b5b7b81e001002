using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Wiber.Lab.Docker;

/// <summary>Request paths, query strings and JSON bodies of the Engine API calls the adapter makes.</summary>
internal static class DockerRequests
{
    /// <summary><c>POST /containers/create?name=…</c> body.</summary>
    public static byte[] CreateContainer(ContainerSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return Write(json =>
        {
            json.WriteStartObject();
            json.WriteString("Image", spec.Image);
            WriteStrings(json, "Cmd", spec.Command);
            if (spec.Entrypoint is { } entrypoint)
            {
                WriteStrings(json, "Entrypoint", entrypoint);
            }
            WriteStrings(json, "Env", spec.Environment.Select(e => $"{e.Key}={e.Value}"));
            WriteMap(json, "Labels", spec.Labels);
            if (spec.Hostname is { } hostname)
            {
                json.WriteString("Hostname", hostname);
            }
            if (spec.User is { } user)
            {
                json.WriteString("User", user);
            }
            json.WriteBoolean("Tty", false);
            json.WriteBoolean("AttachStdin", false);
            json.WriteBoolean("OpenStdin", false);

            json.WriteStartObject("ExposedPorts");
            foreach (var port in spec.Ports.Select(p => p.ContainerPort).Distinct())
            {
                json.WriteStartObject(PortKey(port));
                json.WriteEndObject();
            }
            json.WriteEndObject();

            json.WriteStartObject("HostConfig");
            json.WriteStartObject("PortBindings");
            foreach (var group in spec.Ports.GroupBy(p => p.ContainerPort))
            {
                json.WriteStartArray(PortKey(group.Key));
                foreach (var binding in group)
                {
                    json.WriteStartObject();
                    json.WriteString("HostIp", binding.HostIp);
                    // "" asks the engine for a free port.
                    json.WriteString("HostPort", binding.HostPort == 0 ? "" : binding.HostPort.ToString(CultureInfo.InvariantCulture));
                    json.WriteEndObject();
                }
                json.WriteEndArray();
            }
            json.WriteEndObject();
            WriteStrings(json, "Binds", spec.Binds.Select(b => $"{b.HostPath}:{b.ContainerPath}:{(b.ReadOnly ? "ro" : "rw")}"));
            if (spec.Network is { } network)
            {
                json.WriteString("NetworkMode", network);
            }
            json.WriteBoolean("AutoRemove", false);
            json.WriteStartObject("RestartPolicy");
            json.WriteString("Name", "no");
            json.WriteEndObject();
            json.WriteEndObject();

            if (spec.Network is { } attached)
            {
                json.WriteStartObject("NetworkingConfig");
                json.WriteStartObject("EndpointsConfig");
                json.WriteStartObject(attached);
                WriteStrings(json, "Aliases", spec.NetworkAliases);
                json.WriteEndObject();
                json.WriteEndObject();
                json.WriteEndObject();
            }
            json.WriteEndObject();
        });
    }

    /// <summary><c>POST /networks/create</c> body: a bridge network, refused if the name exists.</summary>
    public static byte[] CreateNetwork(string name, IReadOnlyDictionary<string, string>? labels) => Write(json =>
    {
        json.WriteStartObject();
        json.WriteString("Name", name);
        json.WriteString("Driver", "bridge");
        json.WriteBoolean("CheckDuplicate", true);
        json.WriteBoolean("Attachable", true);
        WriteMap(json, "Labels", labels ?? new Dictionary<string, string>());
        json.WriteEndObject();
    });

    /// <summary><c>POST /networks/{id}/connect</c> body.</summary>
    public static byte[] ConnectNetwork(string container, IReadOnlyList<string>? aliases) => Write(json =>
    {
        json.WriteStartObject();
        json.WriteString("Container", container);
        json.WriteStartObject("EndpointConfig");
        WriteStrings(json, "Aliases", aliases ?? []);
        json.WriteEndObject();
        json.WriteEndObject();
    });

    /// <summary><c>POST /networks/{id}/disconnect</c> body.</summary>
    public static byte[] DisconnectNetwork(string container, bool force) => Write(json =>
    {
        json.WriteStartObject();
        json.WriteString("Container", container);
        json.WriteBoolean("Force", force);
        json.WriteEndObject();
    });

    /// <summary>The <c>filters</c> query value selecting by labels: <c>{"label":["k=v","k2"]}</c>, URL-encoded; "" for none.</summary>
    public static string LabelFilter(IReadOnlyDictionary<string, string>? labels)
    {
        if (labels is null || labels.Count == 0)
        {
            return "";
        }
        var filter = Write(json =>
        {
            json.WriteStartObject();
            WriteStrings(json, "label", labels.Select(l => l.Value.Length == 0 ? l.Key : $"{l.Key}={l.Value}"));
            json.WriteEndObject();
        });
        return Uri.EscapeDataString(Encoding.UTF8.GetString(filter));
    }

    /// <summary>
    /// An id or name as a path segment: escaped, except <c>/ : @</c> which image references use
    /// (<c>registry:5000/repo/name:tag@sha256:…</c>) and the engine's routes take as they are.
    /// </summary>
    public static string Segment(string idOrName)
    {
        ArgumentException.ThrowIfNullOrEmpty(idOrName);
        return string.Join('/', idOrName.Split('/').Select(part => Uri.EscapeDataString(part)
            .Replace("%3A", ":", StringComparison.OrdinalIgnoreCase)
            .Replace("%40", "@", StringComparison.OrdinalIgnoreCase)));
    }

    public static string PortKey(int port) => string.Create(CultureInfo.InvariantCulture, $"{port}/tcp");

    private static void WriteStrings(Utf8JsonWriter json, string name, IEnumerable<string> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values)
        {
            json.WriteStringValue(value);
        }
        json.WriteEndArray();
    }

    private static void WriteMap(Utf8JsonWriter json, string name, IReadOnlyDictionary<string, string> map)
    {
        json.WriteStartObject(name);
        foreach (var (key, value) in map)
        {
            json.WriteString(key, value);
        }
        json.WriteEndObject();
    }

    private static byte[] Write(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            write(json);
        }
        return buffer.ToArray();
    }
}
