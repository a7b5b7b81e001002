namespace Wiber.Client;

/// <summary>Base of every error the client raises on its own.</summary>
public class WiberException : Exception
{
    public WiberException()
    {
    }

    public WiberException(string message)
        : base(message)
    {
    }

    public WiberException(string message, Exception? inner)
        : base(message, inner)
    {
    }
}

/// <summary>No server of the cluster could be reached (or none answered) within the deadline.</summary>
public sealed class WiberUnavailableException : WiberException
{
    public WiberUnavailableException()
    {
    }

    public WiberUnavailableException(string message)
        : base(message)
    {
    }

    public WiberUnavailableException(string message, Exception? inner)
        : base(message, inner)
    {
    }
}

/// <summary>The node answered <c>ERR &lt;CODE&gt; &lt;text&gt;</c> and the error is final for this request.</summary>
public sealed class WiberServerException : WiberException
{
    public WiberServerException()
    {
        Code = "";
    }

    public WiberServerException(string message)
        : base(message)
    {
        Code = "";
    }

    public WiberServerException(string message, Exception? inner)
        : base(message, inner)
    {
        Code = "";
    }

    public WiberServerException(string code, string text, string line)
        : base(line)
    {
        Code = code;
        Text = text;
    }

    /// <summary>The stable error code, e.g. <c>UNKNOWN_TOPIC</c>.</summary>
    public string Code { get; }

    /// <summary>The human-readable text after the code.</summary>
    public string? Text { get; }
}
