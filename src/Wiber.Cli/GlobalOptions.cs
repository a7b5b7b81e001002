using System.CommandLine;
using System.Globalization;
using Wiber.Cli.ServerSources;
using Wiber.Client;

namespace Wiber.Cli;

/// <summary>The options every verb accepts (declared once on the root, recursive).</summary>
internal static class GlobalOptions
{
    public static readonly Option<string?> Servers = new("--servers", "-s")
    {
        Description = $"Client addresses of the cluster, host:port,host:port,… (default: ${ServerResolver.ServersVariable}, else the lab in this directory, else ./config/cluster.yaml, else {ServerResolver.DefaultServers})",
        HelpName = "host:port,…",
        Recursive = true,
    };

    public static readonly Option<bool> Json = new("--json")
    {
        Description = "Machine-readable output: one JSON object per result, JSON lines for lists (snake_case field names)",
        Recursive = true,
    };

    public static readonly Option<bool> Verbose = new("--verbose", "-v")
    {
        Description = "Print stack traces of errors",
        Recursive = true,
    };

    public static readonly Option<double> Timeout = CreateTimeout();

    private static Option<double> CreateTimeout()
    {
        var option = new Option<double>("--timeout")
        {
            Description = "Seconds to keep trying to reach the cluster (and to retry a publish across failover)",
            HelpName = "seconds",
            DefaultValueFactory = _ => 10,
            Recursive = true,
        };
        option.Validators.Add(r =>
        {
            if (r.Tokens.Count == 1 && double.TryParse(r.Tokens[0].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
                && !(value > 0 && value <= 3600))
            {
                r.AddError(string.Create(CultureInfo.InvariantCulture, $"--timeout must be more than 0 and at most 3600 seconds, was {value}"));
            }
        });
        return option;
    }

    public static void AddTo(RootCommand root)
    {
        root.Add(Servers);
        root.Add(Json);
        root.Add(Verbose);
        root.Add(Timeout);
    }
}

/// <summary>The resolved global settings of one run.</summary>
internal sealed record GlobalSettings(IReadOnlyList<string> Servers, bool Json, bool Verbose, TimeSpan Timeout)
{
    /// <summary>Reads the global options; a malformed server list throws <see cref="ArgumentException"/> (a usage error).</summary>
    public static GlobalSettings From(ParseResult parseResult, CliConsole console)
    {
        var (servers, _) = ServerResolver.Resolve(parseResult.GetValue(GlobalOptions.Servers), console);
        return new GlobalSettings(servers, parseResult.GetValue(GlobalOptions.Json), parseResult.GetValue(GlobalOptions.Verbose), TimeSpan.FromSeconds(parseResult.GetValue(GlobalOptions.Timeout)));
    }

    public WiberClientOptions ClientOptions => new()
    {
        Servers = Servers,
        ConnectTimeout = Min(TimeSpan.FromSeconds(2), Timeout),
        RequestTimeout = Min(TimeSpan.FromSeconds(5), Timeout),
        FailoverDeadline = Timeout,
        MaxInFlight = 256,
    };

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
