using System.Globalization;
using System.Text.RegularExpressions;

namespace Wiber.Broker.Configuration;

/// <summary>
/// Rules that relate several fields or nodes. Runs only once every value has the right type, so its
/// messages are never about a default that stood in for a value that did not parse.
/// </summary>
internal static partial class ClusterConfigValidator
{
    private static readonly string[] WildcardHosts = ["0.0.0.0", "::", "[::]", "*", "+"];

    public static void Validate(ClusterConfig config, ConfigErrors errors)
    {
        if (!ClusterIdPattern().IsMatch(config.ClusterId))
        {
            errors.Add("cluster_id", $"'{config.ClusterId}' is not a valid cluster id (letters, digits, '.', '_', '-'; at most 64)");
        }
        if (config.Nodes.Count == 0)
        {
            errors.Add("nodes", "must list at least one node");
        }
        ValidateNodeIds(config, errors);
        ValidateAddresses(config, errors);
        ValidatePorts(config, errors);
        ValidateRaft(config.Raft, errors);
        ValidateLimits(config, errors);
    }

    private static void ValidateNodeIds(ClusterConfig config, ConfigErrors errors)
    {
        var firstIndexOf = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < config.Nodes.Count; i++)
        {
            var id = config.Nodes[i].Id;
            if (!NodeIdPattern().IsMatch(id))
            {
                errors.Add(NodePath(i, "id"), $"'{id}' is not a valid node id (lower-case letters, digits and '-', starting with a letter or digit, at most 32)");
            }
            else if (firstIndexOf.TryGetValue(id, out var first))
            {
                errors.Add(NodePath(i, "id"), $"duplicate node id '{id}' (also {NodePath(first, "id")})");
            }
            else
            {
                firstIndexOf[id] = i;
            }
        }
    }

    private static void ValidateAddresses(ClusterConfig config, ConfigErrors errors)
    {
        for (var i = 0; i < config.Nodes.Count; i++)
        {
            var node = config.Nodes[i];
            if (node.Host.Any(char.IsWhiteSpace))
            {
                errors.Add(NodePath(i, "host"), $"'{node.Host}' is not a host name or address");
            }
            foreach (var dialer in node.AdvertisePeerFrom.Keys)
            {
                var path = NodePath(i, $"advertise.peer_from.{dialer}");
                if (dialer == node.Id)
                {
                    errors.Add(path, "a node never dials itself; remove this entry");
                }
                else if (config.FindNode(dialer) is null)
                {
                    errors.Add(path, $"no node '{dialer}' in nodes");
                }
            }
            // A wildcard listener accepts connections from anywhere, but is no address to dial.
            if (IsWildcard(node.Host))
            {
                var everyDialerCovered = config.Nodes.All(n => n.Id == node.Id || node.AdvertisePeerFrom.ContainsKey(n.Id));
                if (node.AdvertiseClient is null || (node.AdvertisePeer is null && !everyDialerCovered))
                {
                    errors.Add(NodePath(i, "host"), $"{node.Host} listens on every interface but is not an address to connect to; set {NodePath(i, "advertise.client")} and {NodePath(i, "advertise.peer")}");
                }
            }
        }
    }

    private static void ValidatePorts(ClusterConfig config, ConfigErrors errors)
    {
        var listeners = new List<(string Path, string Host, int Port)>();
        for (var i = 0; i < config.Nodes.Count; i++)
        {
            var node = config.Nodes[i];
            listeners.Add((NodePath(i, "client_port"), node.Host, node.ClientPort));
            listeners.Add((NodePath(i, "peer_port"), node.Host, node.PeerPort));
            listeners.Add((NodePath(i, "admin_port"), config.Admin.Bind, node.AdminPort));
        }
        for (var i = 0; i < listeners.Count; i++)
        {
            var clash = listeners.Take(i).FirstOrDefault(
                earlier => earlier.Port == listeners[i].Port && HostsOverlap(earlier.Host, listeners[i].Host));
            if (clash.Path is not null)
            {
                errors.Add(listeners[i].Path, string.Create(CultureInfo.InvariantCulture, $"{listeners[i].Port} is already used by {clash.Path}"));
            }
        }
    }

    private static void ValidateRaft(RaftSettings raft, ConfigErrors errors)
    {
        var tick = DurationText.Format(raft.Tick);
        if (raft.ElectionTimeout.Ticks % raft.Tick.Ticks != 0)
        {
            errors.Add("raft.election_timeout", $"{DurationText.Format(raft.ElectionTimeout)} is not a whole number of raft.tick ({tick})");
        }
        if (raft.Heartbeat.Ticks % raft.Tick.Ticks != 0)
        {
            errors.Add("raft.heartbeat", $"{DurationText.Format(raft.Heartbeat)} is not a whole number of raft.tick ({tick})");
        }
        if (raft.ElectionTimeout <= raft.Heartbeat)
        {
            errors.Add("raft.election_timeout", $"{DurationText.Format(raft.ElectionTimeout)} must be longer than raft.heartbeat ({DurationText.Format(raft.Heartbeat)}), or followers campaign against a healthy leader");
        }
    }

    private static void ValidateLimits(ClusterConfig config, ConfigErrors errors)
    {
        var uncommitted = config.Raft.MaxUncommittedBytes;
        if (uncommitted > 0 && config.Limits.MaxPayloadBytes > uncommitted)
        {
            errors.Add("limits.max_payload_bytes", $"{ByteSizeText.Format(config.Limits.MaxPayloadBytes)} is larger than raft.max_uncommitted_bytes ({ByteSizeText.Format(uncommitted)}), so such a message could never be proposed");
        }
    }

    private static bool HostsOverlap(string a, string b) =>
        a.Equals(b, StringComparison.OrdinalIgnoreCase) || IsWildcard(a) || IsWildcard(b);

    private static bool IsWildcard(string host) => WildcardHosts.Contains(host, StringComparer.Ordinal);

    private static string NodePath(int index, string key) =>
        string.Create(CultureInfo.InvariantCulture, $"nodes[{index}].{key}");

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,31}$")]
    private static partial Regex NodeIdPattern();

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$")]
    private static partial Regex ClusterIdPattern();
}
