using System.Net.Sockets;
using Microsoft.Extensions.Logging.Abstractions;
using Wiber.Chaos.Server.Links;
using Wiber.Chaos.Server.Toxics;

namespace Wiber.Chaos.Tests.Unit;

/// <summary>The waits toxics build on, without sockets doing anything.</summary>
public sealed class StageRunTests
{
    /// <summary>
    /// Regression: a latency chunk whose remaining wait came out at exactly -1 ms was handed to Task.Delay,
    /// which reads -1 ms as "forever", and the connection hung (about 1 in a million chunks).
    /// </summary>
    [Theory]
    [InlineData(-1)]
    [InlineData(-2)]
    [InlineData(0)]
    public async Task A_computed_wait_at_or_below_zero_does_not_wait(int milliseconds)
    {
        using var a = new Socket(SocketType.Stream, ProtocolType.Tcp);
        using var b = new Socket(SocketType.Stream, ProtocolType.Tcp);
        var connection = new ProxyConnection(a, b, [], _ => { }, NullLogger.Instance);
        var toxic = new ToxicDefinition("l", LatencyToxic.Type, "downstream", StreamDirection.Downstream, 1, [0, 0]);
        var run = new StageRun(connection.Downstream, new StageSlot(connection.Downstream, toxic), CancellationToken.None);

        var delay = run.DelayAsync(TimeSpan.FromMilliseconds(milliseconds)).AsTask();
        Assert.Same(delay, await Task.WhenAny(delay, Task.Delay(2000, TestContext.Current.CancellationToken)));
        Assert.True(await delay);
    }

    [Fact]
    public async Task An_interrupt_ends_a_wait_early_and_says_so()
    {
        using var a = new Socket(SocketType.Stream, ProtocolType.Tcp);
        using var b = new Socket(SocketType.Stream, ProtocolType.Tcp);
        var connection = new ProxyConnection(a, b, [], _ => { }, NullLogger.Instance);
        var toxic = new ToxicDefinition("l", LatencyToxic.Type, "downstream", StreamDirection.Downstream, 1, [0, 0]);
        using var interrupt = new CancellationTokenSource(100);
        var run = new StageRun(connection.Downstream, new StageSlot(connection.Downstream, toxic), interrupt.Token);

        Assert.False(await run.DelayAsync(TimeSpan.FromSeconds(30)));
        await run.WaitForInterruptAsync(); // already interrupted: returns at once
    }
}
