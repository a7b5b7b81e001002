using Wiber.Client;

namespace Wiber.Cli.ServerSources;

/// <summary>
/// Decides which servers a command talks to, first match wins: <c>--servers</c>; <c>$WIBER_SERVERS</c>; a
/// running lab in the working directory (its client proxies); <c>$WIBER_CONFIG</c> or
/// <c>./config/cluster.yaml</c>; the shipped default. The source is kept so errors can say where a bad
/// address came from.
/// </summary>
internal static class ServerResolver
{
    public const string ServersVariable = "WIBER_SERVERS";

    public const string ConfigVariable = "WIBER_CONFIG";

    /// <summary>The shipped config/cluster.yaml's client ports.</summary>
    public const string DefaultServers = "127.0.0.1:7001,127.0.0.1:7002,127.0.0.1:7003";

    /// <summary>The servers and a phrase naming where they came from; a malformed address throws <see cref="ArgumentException"/>.</summary>
    public static (IReadOnlyList<string> Servers, string Source) Resolve(string? flag, CliConsole console)
    {
        var (text, source) = Pick(flag, console);
        var servers = text.Split(',', StringSplitOptions.TrimEntries);
        foreach (var server in servers)
        {
            if (!ServerAddress.TryParse(server, out _, out var why))
            {
                throw new ArgumentException($"{source}: '{server}' is not host:port ({why})");
            }
        }

        return (servers, source);
    }

    private static (string Text, string Source) Pick(string? flag, CliConsole console)
    {
        if (!string.IsNullOrWhiteSpace(flag))
        {
            return (flag, "--servers");
        }

        if (console.GetEnvironmentVariable(ServersVariable) is { } fromEnvironment && !string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return (fromEnvironment, "$" + ServersVariable);
        }

        if (LabServers.TryRead(console) is { } lab)
        {
            return (string.Join(',', lab.Servers), lab.Source);
        }

        var configured = console.GetEnvironmentVariable(ConfigVariable);
        var config = string.IsNullOrWhiteSpace(configured) ? Path.Combine(console.Directory, "config", "cluster.yaml") : Path.Combine(console.Directory, configured);
        if (File.Exists(config))
        {
            try
            {
                return (string.Join(',', ClusterYamlServers.Read(config)), config);
            }
            catch (Exception ex) when (ex is FormatException or YamlDotNet.Core.YamlException or IOException)
            {
                throw new ArgumentException($"cannot take the servers from {config}: {ex.Message.ReplaceLineEndings(" ")} (give --servers)", ex);
            }
        }

        if (!string.IsNullOrWhiteSpace(configured))
        {
            throw new ArgumentException($"${ConfigVariable}: {config} does not exist");
        }

        return (DefaultServers, "the default servers");
    }
}
