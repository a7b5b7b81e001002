using System.Text.Json;
using Wiber.Lab.Docker;

namespace Wiber.Docker.Tests;

/// <summary>The JSON the adapter sends and how it reads the engine's answers, checked without an engine.</summary>
public sealed class RequestShapeTests
{
    private static readonly ContainerSpec Proxy = new()
    {
        Name = "lab-proxy",
        Image = "wiber:dev",
        Command = ["proxy", "serve", "--host", "0.0.0.0", "--port", "8474"],
        Environment = new Dictionary<string, string> { ["WIBER_RAFT__TICK"] = "50ms" },
        Network = "lab-net",
        NetworkAliases = ["proxy"],
        Ports = [new PortBinding(8474, 18474), new PortBinding(17001)],
        Binds = [new BindMount("/srv/lab/data", "/data"), new BindMount("/srv/lab/cluster.yaml", "/etc/wiber/cluster.yaml", ReadOnly: true)],
        Labels = new Dictionary<string, string> { ["wiber.lab"] = "/srv/lab" },
    };

    [Fact]
    public void Create_container_body_has_the_engines_shape()
    {
        using var body = JsonDocument.Parse(DockerRequests.CreateContainer(Proxy));
        var root = body.RootElement;

        Assert.Equal("wiber:dev", root.GetProperty("Image").GetString());
        Assert.Equal(["proxy", "serve", "--host", "0.0.0.0", "--port", "8474"], Strings(root.GetProperty("Cmd")));
        Assert.False(root.TryGetProperty("Entrypoint", out _)); // the image's stays
        Assert.Equal(["WIBER_RAFT__TICK=50ms"], Strings(root.GetProperty("Env")));
        Assert.Equal("/srv/lab", root.GetProperty("Labels").GetProperty("wiber.lab").GetString());
        Assert.False(root.GetProperty("Tty").GetBoolean()); // so logs come multiplexed
        Assert.Equal(["8474/tcp", "17001/tcp"], [.. root.GetProperty("ExposedPorts").EnumerateObject().Select(p => p.Name)]);

        var host = root.GetProperty("HostConfig");
        var api = Assert.Single(host.GetProperty("PortBindings").GetProperty("8474/tcp").EnumerateArray());
        Assert.Equal("127.0.0.1", api.GetProperty("HostIp").GetString());
        Assert.Equal("18474", api.GetProperty("HostPort").GetString());
        var picked = Assert.Single(host.GetProperty("PortBindings").GetProperty("17001/tcp").EnumerateArray());
        Assert.Equal("", picked.GetProperty("HostPort").GetString()); // the engine picks a free port
        Assert.Equal(["/srv/lab/data:/data:rw", "/srv/lab/cluster.yaml:/etc/wiber/cluster.yaml:ro"], Strings(host.GetProperty("Binds")));
        Assert.Equal("lab-net", host.GetProperty("NetworkMode").GetString());
        Assert.Equal("no", host.GetProperty("RestartPolicy").GetProperty("Name").GetString());

        var endpoint = root.GetProperty("NetworkingConfig").GetProperty("EndpointsConfig").GetProperty("lab-net");
        Assert.Equal(["proxy"], Strings(endpoint.GetProperty("Aliases")));
    }

    [Fact]
    public void Optional_fields_appear_only_when_set()
    {
        var minimal = new ContainerSpec { Name = "n", Image = "wiber-node:dev" };
        using var plain = JsonDocument.Parse(DockerRequests.CreateContainer(minimal));
        Assert.False(plain.RootElement.TryGetProperty("NetworkingConfig", out _));
        Assert.False(plain.RootElement.GetProperty("HostConfig").TryGetProperty("NetworkMode", out _));
        Assert.False(plain.RootElement.TryGetProperty("User", out _));
        Assert.Empty(plain.RootElement.GetProperty("Cmd").EnumerateArray());

        using var full = JsonDocument.Parse(DockerRequests.CreateContainer(minimal with { User = "1000:1000", Hostname = "n1", Entrypoint = ["/app/wiber"] }));
        Assert.Equal("1000:1000", full.RootElement.GetProperty("User").GetString());
        Assert.Equal("n1", full.RootElement.GetProperty("Hostname").GetString());
        Assert.Equal(["/app/wiber"], Strings(full.RootElement.GetProperty("Entrypoint")));
    }

    [Fact]
    public void Network_bodies_have_the_engines_shape()
    {
        using var create = JsonDocument.Parse(DockerRequests.CreateNetwork("lab-net", new Dictionary<string, string> { ["wiber.lab"] = "x" }));
        Assert.Equal("lab-net", create.RootElement.GetProperty("Name").GetString());
        Assert.Equal("bridge", create.RootElement.GetProperty("Driver").GetString());
        Assert.True(create.RootElement.GetProperty("CheckDuplicate").GetBoolean());
        Assert.Equal("x", create.RootElement.GetProperty("Labels").GetProperty("wiber.lab").GetString());

        using var connect = JsonDocument.Parse(DockerRequests.ConnectNetwork("n1", ["node1"]));
        Assert.Equal("n1", connect.RootElement.GetProperty("Container").GetString());
        Assert.Equal(["node1"], Strings(connect.RootElement.GetProperty("EndpointConfig").GetProperty("Aliases")));

        using var disconnect = JsonDocument.Parse(DockerRequests.DisconnectNetwork("n1", force: true));
        Assert.True(disconnect.RootElement.GetProperty("Force").GetBoolean());
    }

    [Fact]
    public void Label_filters_are_url_encoded_json()
    {
        var filter = DockerRequests.LabelFilter(new Dictionary<string, string> { ["wiber.lab"] = "/srv/lab", ["wiber.node"] = "" });

        Assert.Equal("""{"label":["wiber.lab=/srv/lab","wiber.node"]}""", Uri.UnescapeDataString(filter));
        Assert.DoesNotContain("{", filter, StringComparison.Ordinal);
        Assert.Equal("", DockerRequests.LabelFilter(null));
    }

    [Theory]
    [InlineData("wiber-node:dev", "wiber-node:dev")]
    [InlineData("registry:5000/team/wiber@sha256:ab", "registry:5000/team/wiber@sha256:ab")]
    [InlineData("a b?c", "a%20b%3Fc")]
    public void Path_segments_keep_image_reference_characters(string name, string expected) =>
        Assert.Equal(expected, DockerRequests.Segment(name));

    [Fact]
    public void Inspect_reads_state_times_ports_and_addresses()
    {
        using var document = JsonDocument.Parse("""
            {
              "Id": "4f1c", "Name": "/lab-n1",
              "State": { "Status": "paused", "Running": true, "Paused": true, "Pid": 4242, "ExitCode": 0,
                         "OOMKilled": false, "Error": "",
                         "StartedAt": "2026-11-22T00:58:08.123456789Z", "FinishedAt": "0001-01-01T00:00:00Z" },
              "Config": { "Image": "wiber-node:dev", "Labels": { "wiber.lab": "x" } },
              "NetworkSettings": {
                "Ports": { "7001/tcp": [ { "HostIp": "127.0.0.1", "HostPort": "32768" } ], "7101/tcp": null, "53/udp": [ { "HostIp": "", "HostPort": "5353" } ] },
                "Networks": { "lab-net": { "IPAddress": "172.18.0.2", "Aliases": ["n1"] } }
              },
              "Unknown": { "Ignored": true }
            }
            """);

        var info = DockerResponses.Inspect(document.RootElement);

        Assert.Equal("lab-n1", info.Name);
        Assert.Equal(ContainerState.Paused, info.State);
        Assert.Equal(4242, info.Pid);
        Assert.Equal(new DateTimeOffset(2026, 11, 22, 0, 58, 8, TimeSpan.Zero).AddTicks(1234567), info.StartedAt);
        Assert.Null(info.FinishedAt);
        Assert.Equal(new Dictionary<int, int> { [7001] = 32768 }, info.HostPorts);
        Assert.Equal("172.18.0.2", info.NetworkAddresses["lab-net"]);
        Assert.Equal("x", info.Labels["wiber.lab"]);
        Assert.Equal("wiber-node:dev", info.Image);
    }

    [Fact]
    public void Summaries_and_errors_are_read_tolerantly()
    {
        using var list = JsonDocument.Parse("""[{ "Id": "ab", "Names": ["/lab-proxy"], "Image": "wiber:dev", "State": "exited", "Status": "Exited (137) 2 seconds ago", "Created": 1700000000, "Labels": null }]""");
        var summary = DockerResponses.Summary(list.RootElement[0]);
        Assert.Equal(("lab-proxy", ContainerState.Exited), (summary.Name, summary.State));
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1700000000), summary.Created);
        Assert.Empty(summary.Labels);

        Assert.Equal("No such container: x", DockerResponses.ErrorMessage("""{"message":"No such container: x"}"""));
        Assert.Equal("page not found", DockerResponses.ErrorMessage("page not found\n"));
        Assert.Equal(ContainerState.Unknown, DockerResponses.ParseState("zombie"));
    }

    [Theory]
    [InlineData("1.41", "1.12", "1.41")] // docker 20.10
    [InlineData("1.50", "1.24", "1.41")] // docker 28
    [InlineData("1.52", "1.44", "1.44")] // docker 29 dropped versions below 1.44
    [InlineData("1.40", "1.12", "1.40")] // docker 19.03
    [InlineData("", "", "1.41")]
    public void The_api_version_is_the_preferred_one_when_accepted(string engineMax, string engineMin, string expected) =>
        Assert.Equal(expected, DockerResponses.ChooseApiVersion(DockerEngine.PreferredApiVersion, engineMax, engineMin));

    private static string[] Strings(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetString()!)];
}
