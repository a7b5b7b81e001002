using Wiber.Client;
using Wiber.Lab.Dashboard.Requests;
using Wiber.Lab.State;

namespace Wiber.Lab.Dashboard.Api;

/// <summary>
/// An error as RFC 9457 problem details (<c>application/problem+json</c>). <see cref="Detail"/> is the very
/// line <c>wiber lab …</c> prints after <c>wiber: </c>, so the page, the API and the CLI say the same thing;
/// <see cref="Kind"/> is stable for programs; <see cref="Field"/> names the request field at fault, if any.
/// </summary>
public sealed record Problem(string Type, string Title, int Status, string Detail, string Kind, string? Field = null)
{
    public const string ContentType = "application/problem+json";

    /// <summary>The problem for an exception (pure: the mapping from error to status lives here only).</summary>
    public static Problem From(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception switch
        {
            RequestException request => Create(400, "invalid_request", "Invalid request", request.Message, request.Field),
            LabException lab => lab.Kind switch
            {
                LabErrorKind.Usage => Create(400, "usage", "Invalid request", lab.Message),
                LabErrorKind.UnknownNode => Create(404, "unknown_node", "Unknown node", lab.Message),
                LabErrorKind.NotRunning => Create(409, "not_running", "No lab", lab.Message),
                LabErrorKind.AlreadyRunning => Create(409, "already_running", "A lab is already up", lab.Message),
                LabErrorKind.VersionMismatch => Create(409, "version_mismatch", "A lab of another version", lab.Message),
                LabErrorKind.PortInUse => Create(409, "port_in_use", "Port in use", lab.Message),
                _ => Create(500, "failed", "The lab failed", lab.Message),
            },
            WiberUnavailableException => Create(503, "cluster_unavailable", "Cluster unavailable", "cluster unavailable: " + OneLine(exception.Message)),
            WiberServerException server => Create(502, "server_refused", "The cluster refused", "server refused: " + OneLine(server.Message)),
            ArgumentException argument => Create(400, "invalid_request", "Invalid request", OneLine(argument.Message), FieldOf(argument.ParamName)),
            _ => Create(500, "internal", "Internal error", $"{OneLine(exception.Message)} ({exception.GetType().Name})"),
        };
    }

    private static Problem Create(int status, string kind, string title, string detail, string? field = null) =>
        new($"urn:wiber:problem:{kind.Replace('_', '-')}", title, status, OneLine(detail), kind, field);

    /// <summary>The client library names its parameters; the API's fields are snake_case.</summary>
    private static string? FieldOf(string? parameter) => parameter switch
    {
        null => null,
        "messageId" => "id",
        _ => parameter,
    };

    private static string OneLine(string text) => text.ReplaceLineEndings(" ").Trim();
}
