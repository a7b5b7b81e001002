using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Wiber.Cli.Commands.Bench.Harness;

namespace Wiber.Cli.Commands.Bench.Nats;

/// <summary>
/// NATS JetStream as a benchmark target, with our own minimal client (<see cref="NatsConnection"/>): a topic
/// is the subject <c>bench.&lt;topic&gt;</c> of one stream (<c>bench.&gt;</c>, file storage, R replicas) that
/// <see cref="PrepareAsync"/> creates when missing. A publish is a PUB with its own reply subject; the
/// JetStream acknowledgement <c>{"stream":…,"seq":…}</c> arrives there once the stream's Raft group has
/// stored it on a majority. Publishers connect to the servers in turn, so producers spread like NATS
/// clients do (any server forwards to the stream leader).
/// </summary>
internal sealed class NatsJetStreamTarget(IReadOnlyList<string> servers, string stream, int replicas, TimeSpan requestTimeout) : IBenchTarget
{
    public const string SubjectPrefix = "bench.";
    private readonly List<NatsConnection> _connections = [];
    private int _nextServer;
    private string? _serverVersion;
    private string _streamDescription = "";

    public string Name => "nats-jetstream";

    public string Durability =>
        $"acknowledged after the stream's Raft group stored the message on a majority; nats-server {_serverVersion ?? "?"} writes file storage to the page cache "
        + "and fsyncs every 2 minutes by default (sync_interval; not settable before 2.10)"
        + (_streamDescription.Length > 0 ? "; stream: " + _streamDescription : "");

    public static string SubjectOf(string topic) => SubjectPrefix + topic;

    public async Task PrepareAsync(IReadOnlyList<string> topics, CancellationToken cancellationToken)
    {
        await using var connection = await NatsConnection.ConnectAsync(servers[0], TimeSpan.FromSeconds(5), cancellationToken).ConfigureAwait(false);
        _serverVersion = connection.ServerVersion;
        var config = JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["name"] = stream,
            ["subjects"] = new[] { SubjectPrefix + ">" },
            ["retention"] = "limits",
            ["storage"] = "file",
            ["num_replicas"] = replicas,
            ["discard"] = "old",
        });

        // Right after start the JetStream cluster may have no meta leader yet: retry for a while.
        var clock = Stopwatch.StartNew();
        string? last = null;
        while (clock.Elapsed < TimeSpan.FromSeconds(30))
        {
            try
            {
                var info = Encoding.UTF8.GetString(await connection.RequestAsync($"$JS.API.STREAM.INFO.{stream}", [], TimeSpan.FromSeconds(2), cancellationToken).ConfigureAwait(false));
                if (Describe(info) is { } existing)
                {
                    _streamDescription = existing;
                    return;
                }

                var created = Encoding.UTF8.GetString(await connection.RequestAsync($"$JS.API.STREAM.CREATE.{stream}", Encoding.UTF8.GetBytes(config), TimeSpan.FromSeconds(5), cancellationToken).ConfigureAwait(false));
                if (Describe(created) is { } made)
                {
                    _streamDescription = made;
                    return;
                }

                last = created;
            }
            catch (TimeoutException ex)
            {
                last = ex.Message;
            }

            await Task.Delay(250, cancellationToken).ConfigureAwait(false);
        }

        throw new IOException($"could not find or create the JetStream stream {stream}: {last}");
    }

    /// <summary>"file storage, 3 replicas, 1234 messages" from a STREAM.INFO/CREATE response, or null for an error response.</summary>
    internal static string? Describe(string response)
    {
        using var document = JsonDocument.Parse(response);
        var root = document.RootElement;
        if (root.TryGetProperty("error", out _) || !root.TryGetProperty("config", out var config))
        {
            return null;
        }

        var storage = config.TryGetProperty("storage", out var s) ? s.GetString() : "?";
        var replicas = config.TryGetProperty("num_replicas", out var r) ? r.GetInt32() : 1;
        var messages = root.TryGetProperty("state", out var state) && state.TryGetProperty("messages", out var m) ? m.GetInt64() : 0;
        return string.Create(CultureInfo.InvariantCulture, $"{storage} storage, {replicas} replicas, {messages} messages before the run");
    }

    public async Task<IBenchPublisher> ConnectPublisherAsync(int inFlight, CancellationToken cancellationToken)
    {
        var server = servers[Interlocked.Increment(ref _nextServer) % servers.Count];
        var connection = await NatsConnection.ConnectAsync(server, TimeSpan.FromSeconds(5), cancellationToken).ConfigureAwait(false);
        _serverVersion ??= connection.ServerVersion;
        lock (_connections)
        {
            _connections.Add(connection);
        }

        return new Publisher(connection, inFlight, requestTimeout);
    }

    public IAsyncEnumerable<BenchDelivery>? Subscribe(string topic, CancellationToken cancellationToken) => null;

    public async ValueTask DisposeAsync()
    {
        NatsConnection[] connections;
        lock (_connections)
        {
            connections = [.. _connections];
            _connections.Clear();
        }

        foreach (var c in connections)
        {
            await c.DisposeAsync().ConfigureAwait(false);
        }
    }

    private sealed class Publisher(NatsConnection connection, int inFlight, TimeSpan timeout) : IBenchPublisher
    {
        private readonly SemaphoreSlim _window = new(inFlight, inFlight);

        public async Task<BenchAck> PublishAsync(string topic, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
        {
            await _window.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                byte[] answer;
                try
                {
                    answer = await connection.RequestAsync(SubjectOf(topic), payload.Span, timeout, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is IOException or TimeoutException)
                {
                    return BenchAck.Failure(ex.Message);
                }

                return JetStreamAck.TryParse(answer, out var sequence, out var error) ? BenchAck.Success(sequence) : BenchAck.Failure(error ?? "no acknowledgement");
            }
            finally
            {
                _window.Release();
            }
        }

        public ValueTask DisposeAsync()
        {
            _window.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
