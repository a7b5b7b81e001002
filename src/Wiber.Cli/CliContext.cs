using System.Text.Json;
using Wiber.Client;

namespace Wiber.Cli;

/// <summary>What a command runs with: the console, the global settings and a way to reach the cluster.</summary>
internal sealed class CliContext(CliConsole console, GlobalSettings settings)
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = false,
    };

    public CliConsole Console { get; } = console;

    public GlobalSettings Settings { get; } = settings;

    public TextWriter Out => Console.Out;

    public bool Json => Settings.Json;

    public Task<WiberClient> ConnectAsync(CancellationToken cancellationToken) => WiberClient.ConnectAsync(Settings.ClientOptions, cancellationToken);

    /// <summary>For status and ping: ask each server directly, leader or not.</summary>
    public WiberClient CreateForQueries() => WiberClient.CreateUnconnected(Settings.ClientOptions);

    /// <summary>Writes one result as a single JSON line (the field names are a contract: see docs/cli.md).</summary>
    public void WriteJson<T>(T value) => Out.WriteLine(JsonSerializer.Serialize(value, JsonOptions));

    /// <summary>One clear line on stderr, prefixed with <c>wiber:</c>.</summary>
    public void WriteError(string message) => Console.Error.WriteLine("wiber: " + message);
}

/// <summary>An immutable command built from a parse result; runs once and returns an exit code.</summary>
internal interface ICliCommand
{
    Task<int> RunAsync(CliContext context, CancellationToken cancellationToken);
}
