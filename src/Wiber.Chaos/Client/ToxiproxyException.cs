namespace Wiber.Chaos.Client;

/// <summary>A non-success answer from the Toxiproxy API; the message is the server's <c>error</c> text.</summary>
public sealed class ToxiproxyException : Exception
{
    public ToxiproxyException()
    {
    }

    public ToxiproxyException(string message)
        : base(message)
    {
    }

    public ToxiproxyException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ToxiproxyException(int statusCode, string message)
        : base(message)
    {
        StatusCode = statusCode;
    }

    /// <summary>The HTTP status (404 proxy not found, 409 already exists, 400 bad request, 500 listen failures…).</summary>
    public int StatusCode { get; }
}
