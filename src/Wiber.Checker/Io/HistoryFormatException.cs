namespace Wiber.Checker;

/// <summary>A history line that cannot be read; names the line so the file can be fixed by hand.</summary>
public sealed class HistoryFormatException : FormatException
{
    public HistoryFormatException()
    {
    }

    public HistoryFormatException(string message)
        : base(message)
    {
    }

    public HistoryFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public HistoryFormatException(long lineNumber, string problem, Exception? innerException = null)
        : base($"history line {lineNumber}: {problem}", innerException)
    {
        LineNumber = lineNumber;
    }

    /// <summary>The 1-based line that failed, or 0 when not known.</summary>
    public long LineNumber { get; }
}
