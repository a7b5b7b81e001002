using System.Globalization;

namespace Wiber.Client;

/// <summary>Settings of a <see cref="WiberClient"/>. <see cref="Validate"/> names the first bad field.</summary>
public sealed record WiberClientOptions
{
    /// <summary>Client addresses of the cluster's nodes as <c>host:port</c> (IPv6 as <c>[::1]:7001</c>).</summary>
    public IReadOnlyList<string> Servers { get; init; } = [];

    /// <summary>Time allowed to open one TCP connection.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Time allowed for one request's answer before the connection is abandoned.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Total time a publish (or another retried request) may spend retrying across reconnects and failover.</summary>
    public TimeSpan FailoverDeadline { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>Publishes in flight at once on the client; further callers wait.</summary>
    public int MaxInFlight { get; init; } = 256;

    /// <summary>Throws <see cref="ArgumentException"/> naming the bad field.</summary>
    public void Validate()
    {
        if (Servers is null || Servers.Count == 0)
        {
            throw new ArgumentException("at least one server address (host:port) is required", nameof(Servers));
        }

        foreach (var server in Servers)
        {
            if (!ServerAddress.TryParse(server, out _, out var why))
            {
                throw new ArgumentException($"server address '{server}' is malformed: {why}", nameof(Servers));
            }
        }

        RequirePositive(ConnectTimeout, nameof(ConnectTimeout));
        RequirePositive(RequestTimeout, nameof(RequestTimeout));
        RequirePositive(FailoverDeadline, nameof(FailoverDeadline));
        if (MaxInFlight is < 1 or > 100_000)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"must be 1..100000, was {MaxInFlight}"), nameof(MaxInFlight));
        }
    }

    private static void RequirePositive(TimeSpan value, string name)
    {
        if (value <= TimeSpan.Zero || value > TimeSpan.FromDays(1))
        {
            throw new ArgumentException($"must be positive and at most a day, was {value}", name);
        }
    }
}

/// <summary>A parsed <c>host:port</c>.</summary>
public readonly record struct ServerAddress(string Host, int Port)
{
    public override string ToString() => Host.Contains(':', StringComparison.Ordinal) ? $"[{Host}]:{Port}" : $"{Host}:{Port}";

    public static ServerAddress Parse(string text, string paramName = "server") =>
        TryParse(text, out var address, out var why) ? address : throw new ArgumentException($"server address '{text}' is malformed: {why}", paramName);

    public static bool TryParse(string? text, out ServerAddress address, out string why)
    {
        address = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            why = "empty";
            return false;
        }

        text = text.Trim();
        string host;
        string port;
        if (text.StartsWith('['))
        {
            var close = text.IndexOf(']', StringComparison.Ordinal);
            if (close < 0 || close + 1 >= text.Length || text[close + 1] != ':')
            {
                why = "expected [ipv6]:port";
                return false;
            }

            host = text[1..close];
            port = text[(close + 2)..];
        }
        else
        {
            var colon = text.LastIndexOf(':');
            if (colon < 0 || text.IndexOf(':', StringComparison.Ordinal) != colon)
            {
                why = "expected host:port";
                return false;
            }

            host = text[..colon];
            port = text[(colon + 1)..];
        }

        if (host.Length == 0 || host.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c == '/'))
        {
            why = "missing or invalid host";
            return false;
        }

        if (!int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number is < 1 or > 65535)
        {
            why = "port must be a number 1..65535";
            return false;
        }

        address = new ServerAddress(host, number);
        why = "";
        return true;
    }
}
