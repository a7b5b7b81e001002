using System.CommandLine;
using System.Runtime.InteropServices;
using Wiber.Lab;
using Wiber.Lab.Dashboard;

namespace Wiber.Cli.Commands.Lab;

/// <summary><c>wiber lab dashboard [--port 8080] [--host 127.0.0.1]</c>: the page and the REST control API of the lab (docs/dashboard.md).</summary>
internal sealed record LabDashboardCommand(string Host, int Port) : LabCommandBase
{
    private static readonly Option<int> PortOption = new("--port", "-p") { Description = "Port of the page and the API (0 = any free port)", DefaultValueFactory = _ => 8080 };

    private static readonly Option<string> HostOption = new("--host") { Description = "Address to bind; 127.0.0.1 keeps it to this machine", DefaultValueFactory = _ => "127.0.0.1" };

    public static Command Definition(CliConsole console)
    {
        var command = new Command("dashboard", """
            Serve the lab dashboard in the browser, and the lab's REST control API, until Ctrl+C. Start, break and
            heal the lab from the page; the CLI and PowerShell see the same lab. Stopping the dashboard leaves
            the lab running.

            Examples:
              wiber lab dashboard                  then open http://127.0.0.1:8080/
              wiber lab dashboard --port 9090
              curl -X POST http://127.0.0.1:8080/cluster/node/n1/kill
            """)
        {
            PortOption,
            HostOption,
        };
        LabCommandDefinition.SetAction(command, console, p => new LabDashboardCommand(p.GetRequiredValue(HostOption), p.GetValue(PortOption)));
        return command;
    }

    protected override async Task<int> RunAsync(CliContext context, LabController lab, CancellationToken cancellationToken)
    {
        await using var server = await DashboardServer.StartAsync(new DashboardOptions { Directory = lab.Directory, Host = Host, Port = Port }, cancellationToken).ConfigureAwait(false);
        if (context.Json)
        {
            context.WriteJson(new LabDashboardJson(server.Url.ToString()));
        }
        else
        {
            context.Out.WriteLine($"dashboard on {server.Url} for the lab in {lab.Directory.Path} (Ctrl+C stops it; the lab keeps running)");
        }

        await context.Out.FlushAsync(cancellationToken).ConfigureAwait(false);
        var stopped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var onTerm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c =>
        {
            c.Cancel = true;
            stopped.TrySetResult();
        });
        using var onCancel = cancellationToken.Register(() => stopped.TrySetResult());
        await stopped.Task.ConfigureAwait(false);
        return ExitCodes.Ok;
    }
}

/// <summary>The JSON of <c>lab dashboard --json</c>: where the page is.</summary>
internal sealed record LabDashboardJson(string Url);
