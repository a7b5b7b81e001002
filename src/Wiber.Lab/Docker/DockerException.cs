namespace Wiber.Lab.Docker;

/// <summary>
/// The Docker engine refused a request (<see cref="StatusCode"/> is its HTTP status and
/// <see cref="EngineMessage"/> its <c>"message"</c>), or could not be reached or did not answer in time
/// (<see cref="StatusCode"/> 0, the cause in <see cref="Exception.InnerException"/>).
/// </summary>
public sealed class DockerException : Exception
{
    public DockerException()
    {
    }

    public DockerException(string message)
        : base(message)
    {
    }

    public DockerException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public DockerException(int statusCode, string engineMessage, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        StatusCode = statusCode;
        EngineMessage = engineMessage;
    }

    /// <summary>
    /// The engine's HTTP status: 400 bad parameter, 404 no such container/image/network, 409 conflict (name in
    /// use, container not running, already paused…), 500 engine error; 0 when there was no answer at all.
    /// </summary>
    public int StatusCode { get; }

    /// <summary>The engine's own words (its JSON <c>"message"</c>), or the transport error's.</summary>
    public string EngineMessage { get; } = "";

    /// <summary>True for 404: the container, image or network does not exist.</summary>
    public bool IsNotFound => StatusCode == 404;

    /// <summary>True for 409: a name already in use, or a state that forbids the call (e.g. kill of a stopped container).</summary>
    public bool IsConflict => StatusCode == 409;
}
