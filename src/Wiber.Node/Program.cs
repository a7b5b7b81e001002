using Microsoft.Extensions.Logging;
using Wiber.Broker.Configuration;
using Wiber.Broker.Node;
using Wiber.Node;
using Wiber.Storage;

// wiber-node --id n1 [--config config/cluster.yaml] [--data-root ./.data] [--fsync always|interval:<ms>|never]
// Exit codes: 0 stopped cleanly, 1 failed while running (e.g. storage), 2 bad configuration or arguments.
if (args.Contains("--help") || args.Contains("-h"))
{
    Console.WriteLine(NodeOptions.Usage);
    return 0;
}

var resolved = NodeOptions.Resolve(args, NodeOptions.ProcessEnvironment());
if (!resolved.IsValid)
{
    foreach (var error in resolved.Errors)
    {
        Console.Error.WriteLine($"wiber-node: {error}");
    }
    Console.Error.WriteLine("run wiber-node --help for usage");
    return 2;
}
var options = resolved.Value!;

using var fileLog = new JsonFileLoggerProvider(Path.Combine(options.DataRoot, options.Self.Id, "logs"), options.Self.Id);
using var loggerFactory = LoggerFactory.Create(logging =>
{
    logging.SetMinimumLevel(LogLevel.Information);
    logging.AddSimpleConsole(o =>
    {
        o.SingleLine = true;
        o.TimestampFormat = "HH:mm:ss.fff ";
    });
    logging.AddProvider(fileLog);
});
var logger = loggerFactory.CreateLogger("wiber-node");

using var stop = new CancellationTokenSource();
// SIGTERM and Ctrl+C stop gracefully; SIGKILL is safe by design (nothing acknowledged is only in memory).
using var sigterm = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, c =>
{
    c.Cancel = true;
    stop.Cancel();
});
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};

BrokerNode node;
try
{
    node = await BrokerNode.StartAsync(options, loggerFactory, stop.Token);
}
catch (StorageException ex)
{
    logger.LogCritical("refusing to start: {Reason}", ex.Message);
    return 1;
}
catch (Exception ex) when (ex is System.Net.Sockets.SocketException or IOException)
{
    logger.LogCritical("cannot start: {Reason}", ex.Message);
    return 1;
}

var exitCode = 0;
try
{
    await node.Failed.WaitAsync(stop.Token);
}
catch (OperationCanceledException)
{
    logger.LogInformation("stopping");
}
#pragma warning disable CA1031 // The failure is reported and turned into the exit code.
catch (Exception ex)
#pragma warning restore CA1031
{
    logger.LogCritical("stopped on an error: {Reason}", ex.Message);
    exitCode = 1;
}
await node.DisposeAsync();
return exitCode;
