using System.CommandLine;
using Wiber.Chaos.Server;

namespace Wiber.Cli.Commands.Proxy;

/// <summary><c>wiber proxy serve</c>: the embedded Toxiproxy-compatible server, standalone (docs/toxiproxy.md).</summary>
internal static class ProxyCommandDefinition
{
    public static readonly Option<string> Host = new("--host") { Description = "Address the HTTP API binds to", DefaultValueFactory = _ => "127.0.0.1" };

    public static readonly Option<int> Port = CreatePort();

    public static readonly Option<string?> Config = new("--config") { Description = "A JSON file of proxies created at start, like POST /populate", HelpName = "file" };

    private static Option<int> CreatePort()
    {
        var option = new Option<int>("--port") { Description = "Port of the HTTP API (0 = any free port, printed at start)", DefaultValueFactory = _ => 8474 };
        option.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() is < 0 or > 65535)
            {
                r.AddError($"--port must be 0..65535, was {r.GetValueOrDefault<int>()}");
            }
        });
        return option;
    }

    public static Command Create(CliConsole console)
    {
        var serve = new Command("serve", """
            Run the Toxiproxy-compatible proxy until Ctrl+C or SIGTERM. Any Toxiproxy client works against it
            (toxiproxy-cli, the Go client, Testcontainers' module).

            Examples:
              wiber proxy serve
              wiber proxy serve --port 8475 --config proxies.json
              toxiproxy-cli --host http://127.0.0.1:8474 list
            """)
        {
            Host,
            Port,
            Config,
        };
        serve.SetAction(async (parseResult, ct) =>
        {
            var options = new ToxiproxyServerOptions { Host = parseResult.GetRequiredValue(Host), Port = parseResult.GetValue(Port), ConfigFile = parseResult.GetValue(Config) };
            try
            {
                await using var server = await ToxiproxyServer.StartAsync(options, ct).ConfigureAwait(false);
                await console.Out.WriteLineAsync($"wiber proxy: Toxiproxy API on {server.BaseAddress}").ConfigureAwait(false);
                await console.Out.FlushAsync(ct).ConfigureAwait(false);
                var stopped = new TaskCompletionSource();
                using var onTerm = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, c =>
                {
                    c.Cancel = true;
                    stopped.TrySetResult();
                });
                using var onCancel = ct.Register(() => stopped.TrySetResult());
                await stopped.Task.ConfigureAwait(false);
                await server.StopAsync(CancellationToken.None).ConfigureAwait(false);
                return ExitCodes.Ok;
            }
            catch (IOException ex)
            {
                console.Error.WriteLine($"wiber: cannot listen on {options.Host}:{options.Port}: {ex.Message}");
                return ExitCodes.Other;
            }
        });
        var proxy = new Command("proxy", "The embedded Toxiproxy-compatible proxy.") { serve };
        return proxy;
    }
}
