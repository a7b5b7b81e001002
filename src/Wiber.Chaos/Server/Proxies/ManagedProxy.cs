using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Wiber.Chaos.Server.Links;
using Wiber.Chaos.Server.Toxics;

namespace Wiber.Chaos.Server.Proxies;

/// <summary>
/// One proxy: its settings, its toxics, its listener and its live connections. Mutations are serialised by
/// <see cref="Gate"/> (held by the caller); a short lock guards the fields, so reads never wait on a slow
/// mutation and a connection is either created before a toxic change (and receives it) or after (and starts
/// with it).
/// </summary>
internal sealed partial class ManagedProxy
{
    private readonly Lock _sync = new();
    private readonly List<ToxicDefinition> _upstreamToxics = [];
    private readonly List<ToxicDefinition> _downstreamToxics = [];
    private readonly HashSet<ProxyConnection> _connections = [];
    private readonly ILogger _log;
    private string _listen;
    private string _upstream;
    private Listener? _listener;

    public ManagedProxy(string name, string listen, string upstream, ILogger log)
    {
        Name = name;
        _listen = listen;
        _upstream = upstream;
        _log = log;
    }

    public string Name { get; }

    /// <summary>Held by whoever changes this proxy; API calls on one proxy run one at a time.</summary>
    public SemaphoreSlim Gate { get; } = new(1, 1);

    /// <summary>Set (under <see cref="Gate"/>) once the proxy left the collection; later calls answer 404.</summary>
    public bool Removed { get; set; }

    public bool Enabled
    {
        get
        {
            lock (_sync)
            {
                return _listener is not null;
            }
        }
    }

    /// <summary>Live connections; they leave this set when both directions have ended.</summary>
    public int ConnectionCount
    {
        get
        {
            lock (_sync)
            {
                return _connections.Count;
            }
        }
    }

    public ProxySnapshot Snapshot()
    {
        lock (_sync)
        {
            return new ProxySnapshot(Name, _listen, _upstream, _listener is not null, [.. _upstreamToxics, .. _downstreamToxics]);
        }
    }

    /// <summary>Binds the listen address (storing the bound address back, as upstream) and starts accepting.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        string listen;
        lock (_sync)
        {
            if (_listener is not null)
            {
                return;
            }
            listen = _listen;
        }
        var (socket, bound) = await ProxySockets.ListenAsync(listen, cancellationToken).ConfigureAwait(false);
        var listener = new Listener(socket);
        lock (_sync)
        {
            _listen = bound;
            _listener = listener;
        }
        listener.AcceptLoop = Task.Run(() => AcceptLoopAsync(listener));
        LogStarted(_log, Name, bound, _upstream);
    }

    /// <summary>Closes the listener (new connects are refused) and every connection, immediately.</summary>
    public async Task StopAsync()
    {
        Listener? listener;
        ProxyConnection[] connections;
        lock (_sync)
        {
            listener = _listener;
            if (listener is null)
            {
                return;
            }
            _listener = null;
            listener.Stopped = true;
            connections = [.. _connections];
            _connections.Clear();
        }
        await listener.Cancellation.CancelAsync().ConfigureAwait(false);
        listener.Socket.Dispose();
        await listener.AcceptLoop.ConfigureAwait(false);
        foreach (var connection in connections)
        {
            connection.Close();
        }
        // The cancellation source is left undisposed: dials still finishing may read its token.
        LogStopped(_log, Name);
    }

    /// <summary>
    /// Toxiproxy's update: a listen (compared after resolving) or upstream that differs stops the proxy and
    /// stores the new values; then the proxy is started or stopped to match <paramref name="enabled"/>.
    /// </summary>
    public async Task UpdateAsync(string listen, string upstream, bool enabled, CancellationToken cancellationToken)
    {
        var (resolved, error) = await GoAddress.ResolveAsync(listen, cancellationToken).ConfigureAwait(false);
        if (error is not null)
        {
            throw new ApiException(500, error);
        }
        if (Differs(resolved.ToString(), upstream))
        {
            await StopAsync().ConfigureAwait(false);
            lock (_sync)
            {
                _listen = listen;
                _upstream = upstream;
            }
        }
        if (enabled && !Enabled)
        {
            await StartAsync(cancellationToken).ConfigureAwait(false);
        }
        else if (!enabled)
        {
            await StopAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Toxiproxy's "differs": plain string compares of the resolved listen and of upstream.</summary>
    public bool Differs(string resolvedListen, string upstream)
    {
        lock (_sync)
        {
            return resolvedListen != _listen || upstream != _upstream;
        }
    }

    /// <summary>One bound listener; a re-enable makes a new one, so stale accepts can tell they are stale.</summary>
    private sealed class Listener(Socket socket)
    {
        public Socket Socket { get; } = socket;
        public CancellationTokenSource Cancellation { get; } = new();
        public Task AcceptLoop { get; set; } = Task.CompletedTask;
        public bool Stopped { get; set; }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Started proxy {Name} on {Listen} to {Upstream}")]
    private static partial void LogStarted(ILogger logger, string name, string listen, string upstream);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stopped proxy {Name}")]
    private static partial void LogStopped(ILogger logger, string name);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Proxy {Name}: error while accepting a client: {Reason}")]
    private static partial void LogAcceptFailed(ILogger logger, string name, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Proxy {Name}: unable to open connection to upstream {Upstream}: {Reason}")]
    private static partial void LogDialFailed(ILogger logger, string name, string upstream, string reason);
}
