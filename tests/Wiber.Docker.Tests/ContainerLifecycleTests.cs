using Wiber.Lab.Docker;

namespace Wiber.Docker.Tests;

/// <summary>
/// <c>wiber proxy serve</c> in containers on a user network: published ports, DNS between containers,
/// pause/unpause, kill, stop, inspect, logs, list and remove through the adapter.
/// </summary>
public sealed class ContainerLifecycleTests(DockerFixture docker)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_paused_container_answers_nothing_until_unpaused_and_a_killed_one_exits_137()
    {
        docker.RequireImages();
        var engine = docker.Engine;
        var (id, port) = await docker.StartProxyAsync("pause", "toxi");
        var version = $"http://127.0.0.1:{port}/version";

        var running = await engine.InspectAsync(id, Ct);
        Assert.NotNull(running);
        Assert.Equal(ContainerState.Running, running.State);
        Assert.True(running.Pid > 0);
        Assert.NotNull(running.StartedAt);
        Assert.InRange(running.StartedAt.Value, DateTimeOffset.UtcNow.AddMinutes(-2), DateTimeOffset.UtcNow.AddMinutes(1));
        Assert.Contains(docker.Network, running.NetworkAddresses.Keys);
        Assert.Equal(docker.RunId, running.Labels[DockerFixture.RunLabel]);
        var logs = await engine.LogsAsync(id, cancellationToken: Ct);
        Assert.Contains("wiber proxy: Toxiproxy API on", logs.Stdout, StringComparison.Ordinal);

        await engine.PauseAsync(id, Ct);
        Assert.Equal(ContainerState.Paused, (await engine.InspectAsync(id, Ct))!.State);
        Assert.Null(await Http.TryGetAsync(version, TimeSpan.FromSeconds(1.5)));

        await engine.UnpauseAsync(id, Ct);
        Assert.Equal(ContainerState.Running, (await engine.InspectAsync(id, Ct))!.State);
        Assert.Contains("version", await Http.WaitForAsync(version, TimeSpan.FromSeconds(5)), StringComparison.Ordinal);

        await engine.KillAsync(id, cancellationToken: Ct);
        var killed = await WaitForStateAsync(id, ContainerState.Exited);
        Assert.Equal(137, killed.ExitCode);
        Assert.Equal(0, killed.Pid);
        Assert.NotNull(killed.FinishedAt);
        Assert.Null(await Http.TryGetAsync(version, TimeSpan.FromSeconds(1)));
        var again = await Assert.ThrowsAsync<DockerException>(() => engine.KillAsync(id, cancellationToken: Ct));
        Assert.True(again.IsConflict, again.Message);

        Assert.True(await engine.RemoveAsync(id, cancellationToken: Ct));
        Assert.Null(await engine.InspectAsync(id, Ct));
        Assert.DoesNotContain(await engine.ListAsync(docker.Labels, Ct), c => c.Id == id);
    }

    [Fact]
    public async Task Containers_on_the_user_network_reach_each_other_by_alias()
    {
        docker.RequireImages();
        var engine = docker.Engine;
        var (target, _) = await docker.StartProxyAsync("dns-target", "upstream-api");
        var (front, frontApi) = await docker.StartProxyAsync("dns-front", "front", 9000);
        var frontForwarded = (await engine.InspectAsync(front, Ct))!.HostPorts[9000];

        // A proxy in 'front' listening on 9000, forwarding by name to the other container's API.
        await Http.PostAsync($"http://127.0.0.1:{frontApi}/proxies", """{"name":"via-dns","listen":"0.0.0.0:9000","upstream":"upstream-api:8474"}""");
        var answer = await Http.WaitForAsync($"http://127.0.0.1:{frontForwarded}/proxies", Patience);

        // The answer comes from the target's API: it has no 'via-dns' proxy, the front one has.
        Assert.DoesNotContain("via-dns", answer, StringComparison.Ordinal);
        Assert.Contains("via-dns", await Http.WaitForAsync($"http://127.0.0.1:{frontApi}/proxies", Patience), StringComparison.Ordinal);

        // SIGTERM: the proxy stops cleanly.
        await engine.StopAsync(target, TimeSpan.FromSeconds(10), Ct);
        var stopped = await WaitForStateAsync(target, ContainerState.Exited);
        Assert.Equal(0, stopped.ExitCode);
        Assert.Null(await Http.TryGetAsync($"http://127.0.0.1:{frontForwarded}/proxies", TimeSpan.FromSeconds(2)));

        var mine = await engine.ListAsync(docker.Labels, Ct);
        Assert.Contains(mine, c => c.Id == front && c.State == ContainerState.Running);
        Assert.Contains(mine, c => c.Id == target && c.State == ContainerState.Exited);
    }

    private async Task<ContainerInfo> WaitForStateAsync(string id, ContainerState state)
    {
        var deadline = DateTimeOffset.UtcNow + Patience;
        while (true)
        {
            var info = await docker.Engine.InspectAsync(id, Ct);
            Assert.NotNull(info);
            if (info.State == state)
            {
                return info;
            }
            Assert.True(DateTimeOffset.UtcNow < deadline, $"{id} stayed {info.State}, expected {state}");
            await Task.Delay(50, Ct);
        }
    }
}
