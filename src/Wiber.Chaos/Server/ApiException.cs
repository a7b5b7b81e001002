namespace Wiber.Chaos.Server;

/// <summary>
/// An API failure with toxiproxy's status and exact message text; the HTTP layer renders it as
/// <c>{"error":"…","status":S}</c>. The messages below are compared verbatim by toxiproxy's own clients and tests.
/// </summary>
internal sealed class ApiException : Exception
{
    public ApiException()
        : this(500, "internal error")
    {
    }

    public ApiException(string message)
        : this(500, message)
    {
    }

    public ApiException(string message, Exception innerException)
        : base(message, innerException)
    {
        Status = 500;
    }

    public ApiException(int status, string message)
        : base(message)
    {
        Status = status;
    }

    public int Status { get; }

    public static ApiException BadRequestBody(string detail) => new(400, "bad request body: " + detail);

    public static ApiException MissingField(string field) => new(400, "missing required field: " + field);

    public static ApiException ProxyNotFound() => new(404, "proxy not found");

    public static ApiException ProxyAlreadyExists() => new(409, "proxy already exists");

    public static ApiException InvalidStream() => new(400, "stream was invalid, can be either upstream or downstream");

    public static ApiException InvalidToxicType() => new(400, "invalid toxic type");

    public static ApiException ToxicAlreadyExists() => new(409, "toxic already exists");

    public static ApiException ToxicNotFound() => new(404, "toxic not found");
}
