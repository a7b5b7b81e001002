using System.Diagnostics;

namespace Wiber.Broker.Tests.Transport;

/// <summary>Waits for a condition with a deadline instead of sleeping a guessed amount of time.</summary>
internal static class Eventually
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(15);

    public static async Task True(Func<bool> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = Stopwatch.StartNew();
        var limit = timeout ?? DefaultTimeout;
        while (!condition())
        {
            if (deadline.Elapsed > limit)
            {
                Assert.Fail($"timed out after {limit.TotalSeconds:0.#} s waiting for: {what}");
            }
            await Task.Delay(10, TestContext.Current.CancellationToken);
        }
    }
}
