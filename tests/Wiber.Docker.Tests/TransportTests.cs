using System.Text;
using Wiber.Lab.Docker;

namespace Wiber.Docker.Tests;

/// <summary>The adapter's transport, API version negotiation and error mapping, against a fake engine on a unix socket.</summary>
public sealed class TransportTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Without_an_engine_ping_is_false_and_calls_say_where_they_looked()
    {
        using var engine = new DockerEngine("/nonexistent/wiber-test/docker.sock");

        Assert.False(await engine.PingAsync(Ct));
        var error = await Assert.ThrowsAsync<DockerException>(() => engine.InspectAsync("x", Ct));
        Assert.Equal(0, error.StatusCode);
        Assert.Contains("unix:///nonexistent/wiber-test/docker.sock", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_preferred_api_version_is_spoken_when_the_engine_accepts_it()
    {
        await using var fake = FakeEngine.WithVersion("1.50", "1.24", _ => (404, """{"message":"No such container: x"}"""));
        using var engine = new DockerEngine(fake.SocketPath);

        Assert.Null(await engine.InspectAsync("x", Ct));
        Assert.Null(await engine.InspectAsync("x", Ct));

        Assert.Equal(["/version", "/v1.41/containers/x/json", "/v1.41/containers/x/json"], fake.Requests.Select(r => r.Target));
    }

    [Fact]
    public async Task An_engine_that_dropped_the_preferred_version_is_spoken_to_in_its_oldest()
    {
        await using var fake = FakeEngine.WithVersion("1.52", "1.44", _ => (200, """{"Id":"abc","Warnings":[]}"""));
        using var engine = new DockerEngine(fake.SocketPath);

        var id = await engine.CreateContainerAsync(new ContainerSpec { Name = "lab n1", Image = "wiber-node:dev", Command = ["--id", "n1"] }, Ct);

        Assert.Equal("abc", id);
        var create = fake.Requests.Last();
        Assert.Equal(("POST", "/v1.44/containers/create?name=lab%20n1"), (create.Method, create.Target));
        Assert.Contains("\"Cmd\":[\"--id\",\"n1\"]", create.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refusals_carry_the_status_and_the_engines_message()
    {
        await using var fake = FakeEngine.WithVersion("1.41", "1.12", request => request.Target.Contains("/kill", StringComparison.Ordinal)
            ? (409, """{"message":"Container abc is not running"}""")
            : (500, "plain text failure"));
        using var engine = new DockerEngine(fake.SocketPath);

        var conflict = await Assert.ThrowsAsync<DockerException>(() => engine.KillAsync("abc", "SIGTERM", Ct));
        Assert.Equal(409, conflict.StatusCode);
        Assert.True(conflict.IsConflict);
        Assert.Equal("Container abc is not running", conflict.EngineMessage);
        Assert.Contains("POST /containers/abc/kill?signal=SIGTERM: 409 Container abc is not running", conflict.Message, StringComparison.Ordinal);

        var failure = await Assert.ThrowsAsync<DockerException>(() => engine.PauseAsync("abc", Ct));
        Assert.Equal((500, "plain text failure"), (failure.StatusCode, failure.EngineMessage));
    }

    [Fact]
    public async Task Not_found_is_false_or_null_where_documented()
    {
        await using var fake = FakeEngine.WithVersion("1.41", "1.12", _ => (404, """{"message":"no such thing"}"""));
        using var engine = new DockerEngine(fake.SocketPath);

        Assert.False(await engine.ImageExistsAsync("wiber-node:dev", Ct));
        Assert.False(await engine.RemoveAsync("gone", cancellationToken: Ct));
        Assert.False(await engine.RemoveNetworkAsync("gone", Ct));
        Assert.Null(await engine.InspectAsync("gone", Ct));
        Assert.True((await Assert.ThrowsAsync<DockerException>(() => engine.StartAsync("gone", Ct))).IsNotFound);

        Assert.Contains(fake.Requests, r => r is { Method: "GET", Target: "/v1.41/images/wiber-node:dev/json" });
        Assert.Contains(fake.Requests, r => r is { Method: "DELETE", Target: "/v1.41/containers/gone?force=true&v=true" });
    }

    [Fact]
    public async Task Logs_are_demultiplexed_and_lists_filtered_by_label()
    {
        var frames = DemultiplexTests.Concat(DemultiplexTests.Frame(1, "up\n"), DemultiplexTests.Frame(2, "oops\n"));
        await using var fake = new FakeEngine(request => Task.FromResult(request.Target switch
        {
            "/version" => FakeEngine.Utf8((200, """{"ApiVersion":"1.41","MinAPIVersion":"1.12"}""")),
            var t when t.Contains("/logs", StringComparison.Ordinal) => (200, frames),
            _ => FakeEngine.Utf8((200, """[{"Id":"c1","Names":["/lab-n1"],"State":"running","Labels":{"wiber.lab":"x"}}]""")),
        }));
        using var engine = new DockerEngine(fake.SocketPath);

        var logs = await engine.LogsAsync("c1", tail: 50, cancellationToken: Ct);
        var listed = await engine.ListAsync(new Dictionary<string, string> { ["wiber.lab"] = "x" }, Ct);

        Assert.Equal(("up\n", "oops\n"), (logs.Stdout, logs.Stderr));
        Assert.Equal("lab-n1", Assert.Single(listed).Name);
        var targets = fake.Requests.Select(r => r.Target).ToList();
        Assert.Contains("/v1.41/containers/c1/logs?stdout=true&stderr=true&tail=50", targets);
        Assert.Contains("/v1.41/containers/json?all=true&filters=" + Uri.EscapeDataString("""{"label":["wiber.lab=x"]}"""), targets);
    }

    [Fact]
    public async Task A_call_the_engine_never_answers_times_out_as_a_docker_error()
    {
        await using var fake = new FakeEngine(async request =>
        {
            if (request.Target == "/version")
            {
                return FakeEngine.Utf8((200, """{"ApiVersion":"1.41","MinAPIVersion":"1.12"}"""));
            }
            await Task.Delay(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
            return (204, Encoding.UTF8.GetBytes(""));
        });
        using var engine = new DockerEngine(fake.SocketPath) { RequestTimeout = TimeSpan.FromMilliseconds(300) };

        var error = await Assert.ThrowsAsync<DockerException>(() => engine.UnpauseAsync("slow", Ct));

        Assert.Equal(0, error.StatusCode);
        Assert.Contains("no answer", error.Message, StringComparison.Ordinal);
    }
}
