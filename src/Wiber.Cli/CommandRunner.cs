using System.CommandLine;
using Wiber.Client;
using Wiber.Lab.State;

namespace Wiber.Cli;

/// <summary>Runs one verb: resolves the global settings, builds the command, maps every failure to one stderr line and an exit code.</summary>
internal static class CommandRunner
{
    public static async Task<int> RunAsync(CliConsole console, ParseResult parseResult, Func<ParseResult, ICliCommand> build, CancellationToken cancellationToken)
    {
        var verbose = parseResult.GetValue(GlobalOptions.Verbose);
        try
        {
            var context = new CliContext(console, GlobalSettings.From(parseResult, console));
            var command = build(parseResult);
            return await command.RunAsync(context, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            var (code, message) = Classify(ex, cancellationToken);
            console.Error.WriteLine("wiber: " + message);
            if (verbose)
            {
                console.Error.WriteLine(ex.ToString());
            }

            return code;
        }
    }

    /// <summary>The exit code and the one line to print for an error.</summary>
    public static (int Code, string Message) Classify(Exception ex, CancellationToken cancellationToken) => ex switch
    {
        UsageException => (ExitCodes.Usage, ex.Message),
        WiberUnavailableException => (ExitCodes.Unavailable, "cluster unavailable: " + OneLine(ex.Message)),
        WiberServerException { Code: "UNKNOWN_TOPIC" } server => (ExitCodes.NotFound, "not found: " + OneLine(server.Text ?? server.Message)),
        WiberServerException { Code: "BAD_ARGUMENT" } server => (ExitCodes.Usage, "invalid argument: " + OneLine(server.Text ?? server.Message)),
        LabException lab => (lab.Kind switch
        {
            LabErrorKind.Usage => ExitCodes.Usage,
            LabErrorKind.UnknownNode => ExitCodes.NotFound,
            LabErrorKind.NotRunning => ExitCodes.LabNotRunning,
            _ => ExitCodes.Other,
        }, OneLine(lab.Message)),
        WiberServerException server => (ExitCodes.Other, $"server refused: {OneLine(server.Message)}"),
        ArgumentException => (ExitCodes.Usage, OneLine(ex.Message)),
        OperationCanceledException when cancellationToken.IsCancellationRequested => (ExitCodes.Other, "cancelled"),
        _ => (ExitCodes.Other, $"{OneLine(ex.Message)} ({ex.GetType().Name}; --verbose for details)"),
    };

    private static string OneLine(string text) => text.ReplaceLineEndings(" ").Trim();
}

/// <summary>A usage error found after parsing (e.g. options that cannot be combined): exit code 2.</summary>
internal sealed class UsageException : Exception
{
    public UsageException()
    {
    }

    public UsageException(string message)
        : base(message)
    {
    }

    public UsageException(string message, Exception? inner)
        : base(message, inner)
    {
    }
}
