using System.Globalization;
using Wiber.Lab.Processes;
using Wiber.Lab.State;

namespace Wiber.Lab.Runtime;

/// <summary>The default backend: every node and the proxy are processes on this machine, controlled by signals.</summary>
public sealed class ProcessRuntime : ILabRuntime
{
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(5);

    public string Backend => "process";

    public LabAddressing Addressing => LabAddressing.Process;

    public Task PrepareAsync(LabDirectory directory, string labId, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<LabProxy> StartProxyAsync(LabDirectory directory, string labId, int apiPort, IReadOnlyList<int> publishedPorts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(directory);
        var (cli, prefix) = Executables.Cli();
        var (pid, started) = LabProcess.Start(cli, [.. prefix, "proxy", "serve", "--host", "127.0.0.1", "--port", apiPort.ToString(CultureInfo.InvariantCulture)], directory.ProxyLog, directory.Path);
        return Task.FromResult(new LabProxy(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{apiPort}"), pid, started));
    }

    public Task<bool> IsProxyAliveAsync(LabProxy proxy, CancellationToken cancellationToken) =>
        Task.FromResult(proxy?.Pid is { } pid && LabProcess.IsAlive(pid, proxy.ProcessStartedAt));

    public async Task StopProxyAsync(LabProxy proxy, CancellationToken cancellationToken)
    {
        if (proxy?.Pid is { } pid && LabProcess.IsAlive(pid, proxy.ProcessStartedAt))
        {
            await TerminateAsync(pid, proxy.ProcessStartedAt, cancellationToken).ConfigureAwait(false);
        }
    }

    public Task<LabNode> StartNodeAsync(LabDirectory directory, string labId, LabNode node, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(node);
        var (executable, prefix) = Executables.Node();
        var arguments = new List<string>(prefix) { "--id", node.Id, "--config", directory.ConfigFile, "--data-root", directory.NodesRoot };
        var (pid, started) = LabProcess.Start(executable, arguments, directory.NodeConsoleLog(node.Id), directory.Path);
        return Task.FromResult(node with { Pid = pid, ProcessStartedAt = started, State = "running", ClockSkewMs = 0 });
    }

    public Task<bool> IsAliveAsync(LabNode node, CancellationToken cancellationToken) => Task.FromResult(IsAlive(node));

    /// <summary>The same check without a runtime instance (tests and the process-only paths use it).</summary>
    public static bool IsAlive(LabNode node) => node is not null && LabProcess.IsAlive(node.Pid, node.ProcessStartedAt);

    public async Task KillAsync(LabNode node, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(node);
        Signals.Send(node.Pid!.Value, Signals.Kill);
        await LabProcess.WaitForExitAsync(node.Pid.Value, node.ProcessStartedAt, Grace, cancellationToken).ConfigureAwait(false);
    }

    public Task TerminateAsync(LabNode node, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(node);
        return TerminateAsync(node.Pid!.Value, node.ProcessStartedAt, cancellationToken);
    }

    /// <summary>SIGCONT (a stopped process cannot act on SIGTERM), SIGTERM, and SIGKILL if it is still there after the grace period.</summary>
    private static async Task TerminateAsync(int pid, DateTimeOffset? startedAt, CancellationToken cancellationToken)
    {
        Signals.Send(pid, Signals.Term);
        Signals.Send(pid, Signals.Continue);
        if (!await LabProcess.WaitForExitAsync(pid, startedAt, Grace, cancellationToken).ConfigureAwait(false))
        {
            Signals.Send(pid, Signals.Kill);
            await LabProcess.WaitForExitAsync(pid, startedAt, Grace, cancellationToken).ConfigureAwait(false);
        }
    }

    public Task PauseAsync(LabNode node, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(node);
        Signals.Send(node.Pid!.Value, Signals.Stop);
        return Task.CompletedTask;
    }

    public Task ResumeAsync(LabNode node, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(node);
        Signals.Send(node.Pid!.Value, Signals.Continue);
        return Task.CompletedTask;
    }

    public Task CleanupAsync(LabState state, CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose()
    {
    }
}
