using System.Diagnostics;

namespace Wiber.Cli.Commands.Bench.Harness;

/// <summary>What to run: the shape of the load (independent of the target).</summary>
internal sealed record BenchWorkload(int InFlight, int Size, TimeSpan Duration, TimeSpan Warmup, int Topics, int Producers, int Subscribers, string TopicPrefix)
{
    public IReadOnlyList<string> TopicNames => [.. Enumerable.Range(0, Topics).Select(i => FormattableString.Invariant($"{TopicPrefix}-{i}"))];
}

/// <summary>What a run measured. Latencies in nanoseconds.</summary>
internal sealed record BenchRunResult(
    long Acknowledged,
    long AcknowledgedTotal,
    long Errors,
    string? FirstError,
    double Seconds,
    LogLinearHistogram Latency,
    long Delivered,
    long DeliveredTotal,
    LogLinearHistogram? EndToEnd,
    bool SubscribersCaughtUp);

/// <summary>
/// A closed-loop load: <c>Producers</c> connections, each with <c>InFlight</c> workers that publish, wait for
/// the acknowledgement and publish again (so 1 = one at a time; 256 = a pipelined window of 256), topics
/// in turn. The clock: warm-up (published, not counted), then the measured window, then no new publishes
/// while the outstanding ones finish. Throughput counts acknowledgements received inside the window;
/// latency is recorded for every publish sent inside it (publish → acknowledgement). Every payload starts
/// with the send time (16 hex digits of the monotonic clock), so subscribers in this process measure
/// end-to-end latency publish → delivery; each subscriber follows every topic from offset 0.
/// </summary>
internal sealed class BenchRunner(IBenchTarget target, BenchWorkload workload)
{
    public const int StampLength = 16;
    private static readonly TimeSpan CatchUpWait = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Runs the workload. <paramref name="window"/> is called at the start and at the end of the measured window
    /// (true/false) — to sample server counters; it runs beside the load and is awaited at the end.
    /// </summary>
    public async Task<BenchRunResult> RunAsync(Func<bool, Task>? window, Action<string>? progress, CancellationToken cancellationToken)
    {
        var topics = workload.TopicNames;
        progress?.Invoke($"preparing {topics.Count} topic(s) on {target.Name}");
        await target.PrepareAsync(topics, cancellationToken).ConfigureAwait(false);

        var publishers = new List<IBenchPublisher>();
        using var stopSubscribers = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var subscriberTasks = new List<Task>();
        var latency = new LogLinearHistogram();
        var endToEnd = workload.Subscribers > 0 ? new LogLinearHistogram() : null;
        var state = new RunState(topics.Count);
        try
        {
            for (var p = 0; p < workload.Producers; p++)
            {
                publishers.Add(await target.ConnectPublisherAsync(workload.InFlight, cancellationToken).ConfigureAwait(false));
            }

            var clockStart = Stopwatch.GetTimestamp();
            var measureStart = clockStart + ToTicks(workload.Warmup);
            var measureEnd = measureStart + ToTicks(workload.Duration);
            state.MeasureStart = measureStart;
            state.MeasureEnd = measureEnd;

            var followers = new List<Follower>();
            for (var s = 0; s < workload.Subscribers; s++)
            {
                for (var t = 0; t < topics.Count; t++)
                {
                    var stream = target.Subscribe(topics[t], stopSubscribers.Token)
                        ?? throw new UsageException($"--subscribers: {target.Name} cannot be subscribed to by this harness");
                    var follower = new Follower(t);
                    followers.Add(follower);
                    subscriberTasks.Add(Task.Run(() => FollowAsync(stream, follower, state, endToEnd!, stopSubscribers.Token), CancellationToken.None));
                }
            }

            progress?.Invoke($"warm-up {workload.Warmup.TotalSeconds:0.#} s, then {workload.Duration.TotalSeconds:0.#} s measured");
            var windowTask = window is null ? Task.CompletedTask : RunWindowAsync(window, measureStart, measureEnd, cancellationToken);
            var workers = new List<Task>();
            foreach (var publisher in publishers)
            {
                for (var w = 0; w < workload.InFlight; w++)
                {
                    workers.Add(Task.Run(() => PublishLoopAsync(publisher, topics, state, latency, cancellationToken), CancellationToken.None));
                }
            }

            await Task.WhenAll(workers).ConfigureAwait(false);
            await windowTask.ConfigureAwait(false);
            var caughtUp = true;
            if (followers.Count > 0)
            {
                progress?.Invoke("waiting for subscribers to receive everything acknowledged");
                caughtUp = await WaitForCatchUpAsync(followers, state, cancellationToken).ConfigureAwait(false);
            }

            var seconds = (measureEnd - measureStart) / (double)Stopwatch.Frequency;
            return new BenchRunResult(
                Interlocked.Read(ref state.AckedInWindow),
                Interlocked.Read(ref state.AckedTotal),
                Interlocked.Read(ref state.Errors),
                state.FirstError,
                seconds,
                latency,
                Interlocked.Read(ref state.DeliveredInWindow),
                Interlocked.Read(ref state.DeliveredTotal),
                endToEnd,
                caughtUp);
        }
        finally
        {
            await stopSubscribers.CancelAsync().ConfigureAwait(false);
            try
            {
                await Task.WhenAll(subscriberTasks).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException || stopSubscribers.IsCancellationRequested)
            {
                // stopped on purpose
            }

            foreach (var publisher in publishers)
            {
                await publisher.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private static long ToTicks(TimeSpan span) => (long)(span.TotalSeconds * Stopwatch.Frequency);

    private static async Task RunWindowAsync(Func<bool, Task> window, long start, long end, CancellationToken cancellationToken)
    {
        await DelayUntilAsync(start, cancellationToken).ConfigureAwait(false);
        await window(true).ConfigureAwait(false);
        await DelayUntilAsync(end, cancellationToken).ConfigureAwait(false);
        await window(false).ConfigureAwait(false);
    }

    private static async Task DelayUntilAsync(long timestamp, CancellationToken cancellationToken)
    {
        var remaining = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), timestamp);
        if (remaining > TimeSpan.Zero)
        {
            await Task.Delay(remaining, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task PublishLoopAsync(IBenchPublisher publisher, IReadOnlyList<string> topics, RunState state, LogLinearHistogram latency, CancellationToken cancellationToken)
    {
        var payload = NewPayload(workload.Size);
        while (true)
        {
            var sent = Stopwatch.GetTimestamp();
            if (sent >= state.MeasureEnd)
            {
                return;
            }

            var topic = (int)(Interlocked.Increment(ref state.Sequence) % topics.Count);
            WriteStamp(payload, sent);
            BenchAck ack;
            try
            {
                ack = await publisher.PublishAsync(topics[topic], payload, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested && ex is not UsageException)
            {
                ack = BenchAck.Failure(ex.Message);
            }

            var done = Stopwatch.GetTimestamp();
            if (!ack.Ok)
            {
                if (sent >= state.MeasureStart)
                {
                    Interlocked.Increment(ref state.Errors);
                }

                Interlocked.CompareExchange(ref state.FirstError, ack.Error ?? "error", null);
                await Task.Delay(10, cancellationToken).ConfigureAwait(false);   // do not spin on a refusing target
                continue;
            }

            Interlocked.Increment(ref state.AckedTotal);
            state.RaiseAckedOffset(topic, ack.Offset);
            if (sent >= state.MeasureStart)
            {
                latency.Record(LogLinearHistogram.TicksToNanoseconds(done - sent));
            }

            if (done >= state.MeasureStart && done < state.MeasureEnd)
            {
                Interlocked.Increment(ref state.AckedInWindow);
            }
        }
    }

    private static async Task FollowAsync(IAsyncEnumerable<BenchDelivery> stream, Follower follower, RunState state, LogLinearHistogram endToEnd, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var delivery in stream.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                var now = Stopwatch.GetTimestamp();
                Interlocked.Increment(ref state.DeliveredTotal);
                if (TryReadStamp(delivery.Payload.Span, out var sent) && sent >= state.MeasureStart && sent < state.MeasureEnd)
                {
                    endToEnd.Record(LogLinearHistogram.TicksToNanoseconds(now - sent));
                }

                if (now >= state.MeasureStart && now < state.MeasureEnd)
                {
                    Interlocked.Increment(ref state.DeliveredInWindow);
                }

                Volatile.Write(ref follower.HighestOffset, Math.Max(follower.HighestOffset, delivery.Offset));
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // the run is over
        }
    }

    private static async Task<bool> WaitForCatchUpAsync(List<Follower> followers, RunState state, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < CatchUpWait)
        {
            if (followers.All(f => Volatile.Read(ref f.HighestOffset) >= state.AckedOffset(f.Topic)))
            {
                return true;
            }

            await Task.Delay(20, cancellationToken).ConfigureAwait(false);
        }

        return false;
    }

    /// <summary>A payload of <paramref name="size"/> printable bytes (so Wiber sends it as a text PUB line).</summary>
    public static byte[] NewPayload(int size)
    {
        var payload = new byte[size];
        for (var i = 0; i < size; i++)
        {
            payload[i] = (byte)('a' + (i % 26));
        }

        return payload;
    }

    /// <summary>Writes the send time as 16 lowercase hex digits at the start of the payload (when it has room).</summary>
    public static void WriteStamp(Span<byte> payload, long timestamp)
    {
        if (payload.Length < StampLength)
        {
            return;
        }

        for (var i = StampLength - 1; i >= 0; i--)
        {
            var digit = (int)(timestamp & 0xF);
            payload[i] = (byte)(digit < 10 ? '0' + digit : 'a' + digit - 10);
            timestamp >>= 4;
        }
    }

    public static bool TryReadStamp(ReadOnlySpan<byte> payload, out long timestamp)
    {
        timestamp = 0;
        if (payload.Length < StampLength)
        {
            return false;
        }

        for (var i = 0; i < StampLength; i++)
        {
            var c = payload[i];
            int digit = c switch
            {
                >= (byte)'0' and <= (byte)'9' => c - '0',
                >= (byte)'a' and <= (byte)'f' => c - 'a' + 10,
                _ => -1,
            };
            if (digit < 0)
            {
                return false;
            }

            timestamp = (timestamp << 4) | (uint)digit;
        }

        return true;
    }

    private sealed class Follower(int topic)
    {
        public long HighestOffset = -1;

        public int Topic { get; } = topic;
    }

    private sealed class RunState(int topics)
    {
        private readonly long[] _ackedOffsets = Enumerable.Repeat(-1L, topics).ToArray();
        public long MeasureStart;
        public long MeasureEnd;
        public long Sequence = -1;
        public long AckedInWindow;
        public long AckedTotal;
        public long Errors;
        public string? FirstError;
        public long DeliveredInWindow;
        public long DeliveredTotal;

        public void RaiseAckedOffset(int topic, long offset)
        {
            var current = Volatile.Read(ref _ackedOffsets[topic]);
            while (offset > current)
            {
                var seen = Interlocked.CompareExchange(ref _ackedOffsets[topic], offset, current);
                if (seen == current)
                {
                    return;
                }

                current = seen;
            }
        }

        public long AckedOffset(int topic) => Volatile.Read(ref _ackedOffsets[topic]);
    }
}
