using Wiber.Lab.Docker;

namespace Wiber.Docker.Tests;

/// <summary>The adapter against the real engine: version, images, networks and the engine's refusals.</summary>
public sealed class EngineTests(DockerFixture docker)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_engine_answers_in_an_api_version_it_accepts()
    {
        docker.RequireEngine();

        Assert.True(await docker.Engine.PingAsync(Ct));
        var version = await docker.Engine.VersionAsync(Ct);
        var spoken = Version.Parse(await docker.Engine.ApiVersionAsync(Ct));

        Assert.InRange(spoken, Version.Parse(version.MinApiVersion), Version.Parse(version.ApiVersion));
    }

    [Fact]
    public async Task The_images_exist_and_unknown_ones_do_not()
    {
        docker.RequireImages();

        Assert.True(await docker.Engine.ImageExistsAsync(DockerFixture.NodeImage, Ct));
        Assert.True(await docker.Engine.ImageExistsAsync(DockerFixture.CliImage, Ct));
        Assert.False(await docker.Engine.ImageExistsAsync("wiber-no-such-image:none", Ct));
    }

    [Fact]
    public async Task Networks_are_created_listed_by_label_and_removed()
    {
        docker.RequireEngine();
        var labels = new Dictionary<string, string>(docker.Labels) { ["wiber.test.case"] = "networks" };
        var name = docker.Name("extra-net");

        var id = await docker.Engine.CreateNetworkAsync(name, labels, Ct);
        var duplicate = await Assert.ThrowsAsync<DockerException>(() => docker.Engine.CreateNetworkAsync(name, labels, Ct));
        var listed = await docker.Engine.ListNetworksAsync(new Dictionary<string, string> { ["wiber.test.case"] = "networks", [DockerFixture.RunLabel] = docker.RunId }, Ct);

        Assert.True(duplicate.IsConflict, duplicate.Message);
        var network = Assert.Single(listed);
        Assert.Equal((id, name, "bridge"), (network.Id, network.Name, network.Driver));
        Assert.True(await docker.Engine.RemoveNetworkAsync(id, Ct));
        Assert.False(await docker.Engine.RemoveNetworkAsync(id, Ct));
    }

    [Fact]
    public async Task Refusals_name_the_problem()
    {
        docker.RequireImages();
        var engine = docker.Engine;

        Assert.Null(await engine.InspectAsync(docker.Name("never-created"), Ct));
        Assert.False(await engine.RemoveAsync(docker.Name("never-created"), cancellationToken: Ct));
        var missing = await Assert.ThrowsAsync<DockerException>(() => engine.StartAsync(docker.Name("never-created"), Ct));
        Assert.True(missing.IsNotFound);
        Assert.Contains("No such container", missing.EngineMessage, StringComparison.OrdinalIgnoreCase);

        var noImage = await Assert.ThrowsAsync<DockerException>(() => engine.CreateContainerAsync(
            new ContainerSpec { Name = docker.Name("no-image"), Image = "wiber-no-such-image:none", Labels = docker.Labels }, Ct));
        Assert.True(noImage.IsNotFound);
        Assert.Contains("No such image", noImage.EngineMessage, StringComparison.OrdinalIgnoreCase);

        var spec = new ContainerSpec { Name = docker.Name("created-only"), Image = DockerFixture.NodeImage, Command = ["--help"], Labels = docker.Labels };
        var id = await engine.CreateContainerAsync(spec, Ct);
        var twice = await Assert.ThrowsAsync<DockerException>(() => engine.CreateContainerAsync(spec, Ct));
        Assert.True(twice.IsConflict);
        Assert.Equal(ContainerState.Created, (await engine.InspectAsync(id, Ct))!.State);
        var notRunning = await Assert.ThrowsAsync<DockerException>(() => engine.PauseAsync(id, Ct));
        Assert.True(notRunning.IsConflict, notRunning.Message);
        Assert.True(await engine.RemoveAsync(id, cancellationToken: Ct));
    }
}
