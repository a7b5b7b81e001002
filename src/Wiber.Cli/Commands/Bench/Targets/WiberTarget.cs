using System.Runtime.CompilerServices;
using Wiber.Cli.Commands.Bench.Harness;
using Wiber.Client;

namespace Wiber.Cli.Commands.Bench.Targets;

/// <summary>
/// Wiber through <see cref="WiberClient"/>, exactly as an application uses it: every publisher is its own
/// client (one pipelined connection to the leader, <c>MaxInFlight</c> = the window), every publish carries a
/// generated id and is retried across failover by the client.
/// </summary>
internal sealed class WiberTarget(WiberClientOptions options, string fsyncDescription) : IBenchTarget
{
    private readonly List<WiberClient> _clients = [];

    public string Name => "wiber";

    public string Durability => $"acknowledged after a majority has the entry in its log; node fsync policy: {fsyncDescription}";

    public async Task PrepareAsync(IReadOnlyList<string> topics, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(topics);
        await using var client = await WiberClient.ConnectAsync(options, cancellationToken).ConfigureAwait(false);
        foreach (var topic in topics)
        {
            await client.CreateTopicAsync(topic, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<IBenchPublisher> ConnectPublisherAsync(int inFlight, CancellationToken cancellationToken)
    {
        var client = await WiberClient.ConnectAsync(options with { MaxInFlight = inFlight }, cancellationToken).ConfigureAwait(false);
        lock (_clients)
        {
            _clients.Add(client);
        }

        return new Publisher(client);
    }

    public IAsyncEnumerable<BenchDelivery>? Subscribe(string topic, CancellationToken cancellationToken) => SubscribeAsync(topic, cancellationToken);

    private async IAsyncEnumerable<BenchDelivery> SubscribeAsync(string topic, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var client = WiberClient.CreateUnconnected(options);
        try
        {
            await foreach (var message in client.SubscribeAsync(topic, SubscribeFrom.Offset(0), cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                yield return new BenchDelivery(message.Offset, message.Payload);
            }
        }
        finally
        {
            await client.DisposeAsync().ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        WiberClient[] clients;
        lock (_clients)
        {
            clients = [.. _clients];
            _clients.Clear();
        }

        foreach (var client in clients)
        {
            await client.DisposeAsync().ConfigureAwait(false);
        }
    }

    private sealed class Publisher(WiberClient client) : IBenchPublisher
    {
        public async Task<BenchAck> PublishAsync(string topic, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
        {
            var result = await client.PublishAsync(topic, payload, cancellationToken: cancellationToken).ConfigureAwait(false);
            return result.Outcome == PublishOutcome.Ok ? BenchAck.Success(result.Offset ?? -1) : BenchAck.Failure($"{result.Outcome.ToString().ToLowerInvariant()}: {result.Error}");
        }

        public ValueTask DisposeAsync() => client.DisposeAsync();
    }
}
