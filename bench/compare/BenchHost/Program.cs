using Wiber.Cli;
using Wiber.Cli.Commands.Bench;

// wiber-bench <args of 'wiber bench'>: the same as 'wiber bench <args>'.
using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};
return await BenchStandalone.RunAsync(["bench", .. args], CliConsole.System(), cancel.Token).ConfigureAwait(false);
