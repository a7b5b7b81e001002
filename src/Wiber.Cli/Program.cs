using Wiber.Cli;

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};
return await WiberCli.RunAsync(args, CliConsole.System(), cancel.Token).ConfigureAwait(false);
