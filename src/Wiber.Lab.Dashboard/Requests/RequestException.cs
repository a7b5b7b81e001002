namespace Wiber.Lab.Dashboard.Requests;

/// <summary>A request the API cannot read: malformed JSON, a field of the wrong type, an unknown field. Answered 400, naming <see cref="Field"/>.</summary>
public sealed class RequestException : Exception
{
    public RequestException(string? field, string message)
        : base(message) => Field = field;

    public RequestException()
    {
    }

    public RequestException(string message)
        : base(message)
    {
    }

    public RequestException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The JSON field at fault (<c>groups[1][0]</c>), or null when it is the body as a whole.</summary>
    public string? Field { get; }
}
