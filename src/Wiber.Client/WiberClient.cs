using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Wiber.Client.Internal;

namespace Wiber.Client;

/// <summary>
/// A client of a Wiber cluster. Writes go to the leader over one pipelined connection (found through
/// STATUS and <c>ERR NOT_LEADER</c>); publishes are idempotent and retried across failover until
/// <see cref="WiberClientOptions.FailoverDeadline"/>; each subscription has its own connection and resumes
/// after the last delivered offset. Partial files by concern: <c>.Publish</c>, <c>.Subscribe</c>, <c>.Admin</c>.
/// </summary>
public sealed partial class WiberClient : IAsyncDisposable
{
    private readonly WiberClientOptions _options;
    private readonly ServerAddress[] _servers;
    private readonly SemaphoreSlim _inFlight;
    private readonly SemaphoreSlim _leaderLock = new(1, 1);
    private readonly CancellationTokenSource _disposing = new();
    private readonly string _idPrefix = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
    private Connection? _leader;
    private ServerAddress? _leaderHint;
    private int _nextServer;
    private long _sequence;
    private int _disposed;

    private WiberClient(WiberClientOptions options)
    {
        _options = options;
        _servers = [.. options.Servers.Select(s => ServerAddress.Parse(s, nameof(options.Servers)))];
        _inFlight = new SemaphoreSlim(options.MaxInFlight, options.MaxInFlight);
    }

    /// <summary>The options this client runs with.</summary>
    public WiberClientOptions Options => _options;

    /// <summary>The address of the node this client currently writes to, if it knows one.</summary>
    public string? CurrentLeader => _leader is { IsAlive: true } leader ? leader.Address.ToString() : null;

    /// <summary>
    /// Validates the options, reaches a server and looks for the leader. Throws
    /// <see cref="WiberUnavailableException"/> when no server can be reached within the failover deadline.
    /// </summary>
    public static async Task<WiberClient> ConnectAsync(WiberClientOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var client = new WiberClient(options);
        try
        {
            await client.RetryAsync((_, _) => Task.FromResult(true), cancellationToken).ConfigureAwait(false);
            return client;
        }
        catch
        {
            await client.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// A client that has not looked for a leader: enough for per-server queries (<see cref="StatusAsync"/>,
    /// <see cref="PingAsync"/>), which are most wanted exactly when there is no leader (an election, a
    /// minority partition). Other calls find the leader on first use, as after <see cref="ConnectAsync"/>.
    /// </summary>
    public static WiberClient CreateUnconnected(WiberClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        return new WiberClient(options);
    }

    /// <summary>A new unique message id: this client's random prefix and a sequence number.</summary>
    public string NewMessageId() => string.Create(CultureInfo.InvariantCulture, $"{_idPrefix}-{Interlocked.Increment(ref _sequence)}");

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _disposing.CancelAsync().ConfigureAwait(false);
        if (Interlocked.Exchange(ref _leader, null) is { } leader)
        {
            await leader.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>The live leader connection, discovering the leader if there is none.</summary>
    private async Task<Connection> GetLeaderAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        if (_leader is { IsAlive: true } current)
        {
            return current;
        }

        await _leaderLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_leader is { IsAlive: true } again)
            {
                return again;
            }

            var found = await DiscoverLeaderAsync(cancellationToken).ConfigureAwait(false);
            _leader = found;
            return found;
        }
        finally
        {
            _leaderLock.Release();
        }
    }

    /// <summary>Asks the hinted leader, then every server in turn, for STATUS; keeps the connection to the one that leads.</summary>
    private async Task<Connection> DiscoverLeaderAsync(CancellationToken cancellationToken)
    {
        var candidates = new List<ServerAddress>();
        if (_leaderHint is { } hint)
        {
            candidates.Add(hint);
            _leaderHint = null;
        }

        var first = _nextServer++;
        for (var i = 0; i < _servers.Length; i++)
        {
            var address = _servers[(int)((uint)(first + i) % (uint)_servers.Length)];
            if (!candidates.Contains(address))
            {
                candidates.Add(address);
            }
        }

        var failures = new List<string>();
        var reachable = 0;
        foreach (var address in candidates)
        {
            Connection? connection = null;
            try
            {
                connection = await Connection.ConnectAsync(address, _options.ConnectTimeout, cancellationToken).ConfigureAwait(false);
                var reply = await connection.RequestLineAsync(Wire.Line("STATUS"), _options.RequestTimeout, cancellationToken).ConfigureAwait(false);
                reachable++;
                var status = StatusParser.Parse(reply);
                if (status.Role == "leader")
                {
                    var found = connection;
                    connection = null;
                    return found;
                }

                failures.Add($"{address}: {status.Role} (leader {status.Leader ?? "unknown"})");
            }
            catch (Exception ex) when (ex is ConnectionLostException or WiberServerException)
            {
                failures.Add($"{address}: {ex.Message}");
            }
            finally
            {
                if (connection is not null)
                {
                    await connection.DisposeAsync().ConfigureAwait(false);
                }
            }
        }

        throw new LeaderNotFoundException(reachable, "no leader found: " + string.Join("; ", failures));
    }

    /// <summary>Stops using a connection for new requests; requests already on it still get their answers for a while.</summary>
    private void Retire(Connection connection, ServerAddress? hint = null)
    {
        if (hint is not null)
        {
            _leaderHint = hint;
        }

        if (Interlocked.CompareExchange(ref _leader, null, connection) == connection)
        {
            _ = Task.Delay(_options.RequestTimeout, CancellationToken.None)
                .ContinueWith(_ => connection.Kill("retired"), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
        }
    }

    /// <summary>
    /// Runs an idempotent request against the leader, retrying on connection loss and on transient errors
    /// (NOT_LEADER, NO_LEADER, TIMEOUT, SHUTTING_DOWN) with back-off until the failover deadline.
    /// </summary>
    private async Task<T> RetryAsync<T>(Func<Connection, CancellationToken, Task<T>> action, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var reachedAny = false;
        string? lastError = null;
        for (var attempt = 1; ; attempt++)
        {
            Connection? connection = null;
            try
            {
                connection = await GetLeaderAsync(cancellationToken).ConfigureAwait(false);
                reachedAny = true;
                return await action(connection, cancellationToken).ConfigureAwait(false);
            }
            catch (LeaderNotFoundException ex)
            {
                reachedAny |= ex.Reachable > 0;
                lastError = ex.Message;
            }
            catch (ConnectionLostException ex)
            {
                lastError = ex.Message;
                if (connection is not null)
                {
                    Retire(connection);
                }
            }
            catch (WiberServerException ex) when (IsTransient(ex.Code))
            {
                lastError = ex.Message;
                Retire(connection!, ex.Code == "NOT_LEADER" ? LeaderFromError(ex.Text) : null);
            }

            var remaining = _options.FailoverDeadline - Stopwatch.GetElapsedTime(started);
            if (remaining <= TimeSpan.Zero)
            {
                throw reachedAny
                    ? new WiberUnavailableException($"the cluster did not answer within the failover deadline ({_options.FailoverDeadline}): {lastError}")
                    : new WiberUnavailableException($"no server of [{string.Join(", ", _servers)}] could be reached within {_options.FailoverDeadline}: {lastError}");
            }

            await Task.Delay(Backoff(attempt, remaining), cancellationToken).ConfigureAwait(false);
        }
    }

    private static bool IsTransient(string code) => code is "NOT_LEADER" or "NO_LEADER" or "TIMEOUT" or "SHUTTING_DOWN";

    /// <summary>
    /// Exponential back-off from 20 ms to 250 ms with jitter (half to full), never past the deadline. The
    /// ceiling is low because a failover takes well under a second: a client waiting a whole second
    /// between probes would add most of that second again after the new leader is already serving.
    /// </summary>
    internal static TimeSpan Backoff(int attempt, TimeSpan remaining)
    {
        var ceiling = Math.Min(250.0, 20.0 * Math.Pow(2, Math.Min(attempt - 1, 10)));
        var delay = TimeSpan.FromMilliseconds(ceiling * (0.5 + (Random.Shared.NextDouble() * 0.5)));
        return delay < remaining ? delay : remaining;
    }

    private static ServerAddress? LeaderFromError(string? text)
    {
        var first = text?.Split(' ', 2)[0];
        return ServerAddress.TryParse(first, out var address, out _) ? address : null;
    }

    /// <summary>Throws <see cref="WiberServerException"/> when the frame is an ERR line.</summary>
    private static Frame ThrowIfError(Frame frame)
    {
        if (frame.IsError)
        {
            var (code, text) = frame.Error();
            throw new WiberServerException(code, text, frame.Line);
        }

        return frame;
    }

    private sealed class LeaderNotFoundException(int reachable, string message) : ConnectionLostExceptionBase(message)
    {
        public int Reachable { get; } = reachable;
    }
}

/// <summary>Marker base so discovery failures are not confused with lost requests.</summary>
internal class ConnectionLostExceptionBase(string message) : WiberException(message);
