using Wiber.Chaos.Server.Json;

namespace Wiber.Chaos.Server.Http;

/// <summary>A finished response: status, content type (null for none) and the exact body bytes.</summary>
internal sealed record ApiReply(int Status, string? ContentType, byte[] Body, bool NoSniff = false)
{
    public const string TextPlain = "text/plain; charset=utf-8";

    public static ApiReply Json(int status, byte[] body) => new(status, "application/json", body);

    public static ApiReply NoContent() => new(204, null, []);

    /// <summary>Go's http.Error: JSON text served as text/plain with nosniff, and a trailing newline.</summary>
    public static ApiReply Error(ApiException error) => new(error.Status, TextPlain, ApiJson.Error(error), NoSniff: true);

    public static ApiReply Text(int status, string text) => new(status, TextPlain, System.Text.Encoding.UTF8.GetBytes(text), NoSniff: true);
}
