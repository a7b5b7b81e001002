using System.Globalization;
using Wiber.Lab.Docker;

namespace Wiber.Docker.Tests;

/// <summary>The wiber-node image: runs, reads its config from /data, writes its data there, stops on SIGTERM.</summary>
public sealed class NodeContainerTests(DockerFixture docker)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_node_image_prints_its_usage_and_exits_0()
    {
        docker.RequireImages();
        var id = await docker.Engine.CreateContainerAsync(
            new ContainerSpec { Name = docker.Name("node-help"), Image = DockerFixture.NodeImage, Command = ["--help"], Labels = docker.Labels }, Ct);
        await docker.Engine.StartAsync(id, Ct);

        Assert.Equal(0, await docker.Engine.WaitAsync(id, Ct));
        Assert.Contains("usage: wiber-node --id <node-id>", (await docker.Engine.LogsAsync(id, cancellationToken: Ct)).Stdout, StringComparison.Ordinal);
        Assert.True(await docker.Engine.RemoveAsync(id, cancellationToken: Ct));
    }

    [Fact]
    public async Task A_node_with_its_config_and_data_in_a_bind_mounted_dir_becomes_leader()
    {
        docker.RequireImages();
        var engine = docker.Engine;
        var data = Directory.CreateTempSubdirectory("wiber-docker-node-");
        try
        {
            // In a container a node listens on every interface and advertises the names others dial.
            await File.WriteAllTextAsync(Path.Combine(data.FullName, "cluster.yaml"), """
                cluster_id: docker-test
                nodes:
                  - id: n1
                    host: 0.0.0.0
                    client_port: 7001
                    peer_port: 7101
                    admin_port: 7201
                    advertise:
                      client: n1:7001
                      peer: n1:7101
                admin:
                  bind: 0.0.0.0
                storage:
                  fsync: never
                """, Ct);
            var id = await engine.CreateContainerAsync(
                new ContainerSpec
                {
                    Name = docker.Name("node-n1"),
                    Image = DockerFixture.NodeImage,
                    Command = ["--id", "n1"], // config /data/cluster.yaml and data root /data: the image's defaults
                    Network = docker.Network,
                    NetworkAliases = ["n1"],
                    Ports = [new PortBinding(7201)],
                    Binds = [new BindMount(data.FullName, "/data")],
                    Labels = docker.Labels,
                },
                Ct);
            await engine.StartAsync(id, Ct);
            var admin = (await engine.InspectAsync(id, Ct))!.HostPorts[7201];

            var status = await Http.WaitForAsync(
                string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{admin}/status"), TimeSpan.FromSeconds(30), body => body.Contains("\"role\":\"leader\"", StringComparison.Ordinal));

            Assert.Contains("\"id\":\"n1\"", status, StringComparison.Ordinal);
            Assert.True(File.Exists(Path.Combine(data.FullName, "n1", "hardstate")), "the node's data is not in the bind-mounted directory");
            Assert.Contains("node n1 up", (await engine.LogsAsync(id, cancellationToken: Ct)).Combined, StringComparison.Ordinal);

            await engine.StopAsync(id, TimeSpan.FromSeconds(10), Ct);
            var stopped = await engine.InspectAsync(id, Ct);
            Assert.Equal((ContainerState.Exited, 0), (stopped!.State, stopped.ExitCode));
        }
        finally
        {
            data.Delete(recursive: true);
        }
    }
}
