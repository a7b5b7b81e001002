using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Wiber.Broker.Tests.Node;

/// <summary>The real wiber-node executable: exit codes, configuration errors, graceful stop on SIGTERM.</summary>
public sealed class NodeProcessTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "wiber-proc-" + Guid.NewGuid().ToString("N"));

    public NodeProcessTests() => Directory.CreateDirectory(_dir);

    private static string NodeDll()
    {
        // tests/Wiber.Broker.Tests/bin/<Configuration>/net10.0/ → src/Wiber.Node/bin/<Configuration>/net10.0/
        var here = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = here.Parent!.Name;
        var path = Path.GetFullPath(Path.Combine(here.FullName, "..", "..", "..", "..", "..", "src", "Wiber.Node", "bin", configuration, here.Name, "wiber-node.dll"));
        Assert.True(File.Exists(path), $"wiber-node not built at {path}");
        return path;
    }

    private static Process Start(params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true };
        info.ArgumentList.Add(NodeDll());
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }
        return Process.Start(info)!;
    }

    [Fact]
    public async Task A_bad_configuration_exits_2_naming_the_field()
    {
        var config = Path.Combine(_dir, "bad.yaml");
        await File.WriteAllTextAsync(config, """
            cluster_id: t
            nodes:
              - id: n1
                client_port: 7001
                peer_port: 7101
                admin_port: 7201
            raft:
              election_timeout: soon
            """, TestContext.Current.CancellationToken);
        using var node = Start("--id", "n1", "--config", config, "--data-root", _dir);
        var stderr = await node.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await node.WaitForExitAsync(TestContext.Current.CancellationToken);
        Assert.Equal(2, node.ExitCode);
        Assert.Contains("raft.election_timeout", stderr, StringComparison.Ordinal);
        Assert.Contains("soon", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_single_node_serves_then_stops_cleanly_on_sigterm()
    {
        var ports = Enumerable.Range(0, 3).Select(_ =>
        {
            using var l = new Socket(SocketType.Stream, ProtocolType.Tcp);
            l.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            return ((IPEndPoint)l.LocalEndPoint!).Port;
        }).ToArray();
        var config = Path.Combine(_dir, "one.yaml");
        await File.WriteAllTextAsync(config, $"""
            cluster_id: t
            nodes:
              - id: n1
                client_port: {ports[0]}
                peer_port: {ports[1]}
                admin_port: {ports[2]}
            """, TestContext.Current.CancellationToken);
        using var node = Start("--id", "n1", "--config", config, "--data-root", _dir);
        try
        {
            LineClient? client = null;
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
            while (client is null)
            {
                try
                {
                    client = await LineClient.ConnectAsync(ports[0]);
                }
                catch (SocketException) when (DateTime.UtcNow < deadline)
                {
                    await Task.Delay(100, TestContext.Current.CancellationToken);
                }
            }
            await using (client)
            {
                var reply = "";
                while (!reply.StartsWith("OK", StringComparison.Ordinal) && DateTime.UtcNow < deadline)
                {
                    reply = await client.RequestAsync("PUB chat hello");   // NO_LEADER until the election is over
                }
                Assert.Equal("OK chat 0", reply);
            }
            Assert.True(File.Exists(Path.Combine(_dir, "n1", "logs", "node.jsonl")), "structured log written");
        }
        finally
        {
            Process.Start("kill", ["-TERM", node.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!.WaitForExit();
        }
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(15));
        await node.WaitForExitAsync(timeout.Token);
        Assert.Equal(0, node.ExitCode);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
