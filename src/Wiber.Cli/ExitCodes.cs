namespace Wiber.Cli;

/// <summary>Every exit code of <c>wiber</c>, in one place (docs/cli.md lists them; scripts depend on them).</summary>
internal static class ExitCodes
{
    /// <summary>Success.</summary>
    public const int Ok = 0;

    /// <summary>Any other failure (an unexpected server error, an internal error, cancellation).</summary>
    public const int Other = 1;

    /// <summary>The command line is wrong: unknown verb or option, invalid number, malformed <c>--servers</c>.</summary>
    public const int Usage = 2;

    /// <summary>No server of the cluster could be reached (or none answered) in time.</summary>
    public const int Unavailable = 3;

    /// <summary>The topic does not exist.</summary>
    public const int NotFound = 4;

    /// <summary>A publish definitely was not written (refused, e.g. payload over the limit).</summary>
    public const int PublishFailed = 5;

    /// <summary>A publish may or may not have been written (the answer never came); read the topic to find out.</summary>
    public const int PublishUnknown = 6;

    /// <summary>A <c>wiber lab</c> command found no lab in the directory (start one with <c>wiber lab up</c>).</summary>
    public const int LabNotRunning = 7;

    /// <summary><c>wiber lab check</c>: the history shows a safety or liveness violation.</summary>
    public const int CheckFailed = 8;
}
