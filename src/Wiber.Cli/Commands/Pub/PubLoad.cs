using System.Diagnostics;
using System.Globalization;
using Wiber.Client;

namespace Wiber.Cli.Commands.Pub;

/// <summary>
/// <c>wiber pub --count N [--rate R]</c>: N publishes, many in flight (the client pipelines them), paced at R
/// per second when asked. Every publish has its own id (<c>&lt;id&gt;-&lt;i&gt;</c> with <c>--id</c>), so the
/// run can be repeated after an unknown outcome without duplicating anything.
/// </summary>
internal sealed class PubLoad(WiberClient client, string topic, string template, string? idPrefix, long count, double? rate, int inFlight)
{
    /// <summary>The payload of message <paramref name="i"/> (1-based): <c>{i}</c> in the template is replaced by it.</summary>
    public static string Payload(string template, long i) => template.Replace("{i}", i.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);

    public async Task<PubLoadResult> RunAsync(Action<long, long>? progress, CancellationToken cancellationToken)
    {
        var latencies = new double[count];
        var outcomes = new PublishOutcome[count];
        var firstOffset = long.MaxValue;
        var lastOffset = long.MinValue;
        long done = 0;
        string? firstError = null;
        using var window = new SemaphoreSlim(inFlight);
        var clock = Stopwatch.StartNew();
        var tasks = new List<Task>((int)Math.Min(count, 1_000_000));
        for (long i = 1; i <= count; i++)
        {
            if (rate is { } perSecond)
            {
                var due = TimeSpan.FromSeconds((i - 1) / perSecond) - clock.Elapsed;
                if (due > TimeSpan.Zero)
                {
                    await Task.Delay(due, cancellationToken).ConfigureAwait(false);
                }
            }

            await window.WaitAsync(cancellationToken).ConfigureAwait(false);
            var index = i;
            tasks.Add(PublishOneAsync(index));
        }

        await Task.WhenAll(tasks).ConfigureAwait(false);
        clock.Stop();
        Array.Sort(latencies);
        return new PubLoadResult(
            count,
            outcomes.Count(o => o == PublishOutcome.Ok),
            outcomes.Count(o => o == PublishOutcome.Failed),
            outcomes.Count(o => o == PublishOutcome.Unknown),
            firstOffset == long.MaxValue ? null : firstOffset,
            lastOffset == long.MinValue ? null : lastOffset,
            clock.Elapsed.TotalSeconds,
            count / Math.Max(clock.Elapsed.TotalSeconds, 1e-9),
            Percentile(latencies, 0.50),
            Percentile(latencies, 0.99),
            firstError);

        async Task PublishOneAsync(long i)
        {
            try
            {
                var started = Stopwatch.GetTimestamp();
                var id = idPrefix is null ? null : FormattableString.Invariant($"{idPrefix}-{i}");
                var result = await client.PublishAsync(topic, Payload(template, i), id, cancellationToken).ConfigureAwait(false);
                latencies[i - 1] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                outcomes[i - 1] = result.Outcome;
                lock (latencies)
                {
                    if (result.Offset is { } offset)
                    {
                        firstOffset = Math.Min(firstOffset, offset);
                        lastOffset = Math.Max(lastOffset, offset);
                    }
                    else
                    {
                        firstError ??= result.Error;
                    }
                }

                progress?.Invoke(Interlocked.Increment(ref done), count);
            }
            finally
            {
                window.Release();
            }
        }
    }

    private static double Percentile(double[] sorted, double p) => sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
}

/// <summary>The JSON summary of a <c>pub --count</c> run. Field names are a contract (docs/cli.md).</summary>
internal sealed record PubLoadResult(long Count, long Ok, long Failed, long Unknown, long? FirstOffset, long? LastOffset, double Seconds, double MessagesPerSecond, double P50Ms, double P99Ms, string? FirstError);
