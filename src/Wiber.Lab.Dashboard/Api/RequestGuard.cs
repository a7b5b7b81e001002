using System.Net;

namespace Wiber.Lab.Dashboard.Api;

/// <summary>
/// The API starts and kills processes and has no login, so it refuses what a web page on another site could
/// make a browser send: a request whose <c>Origin</c> is another site (a form POST needs no CORS preflight),
/// and, when the dashboard listens on loopback only, a <c>Host</c> that is not a loopback name (DNS
/// rebinding). Tools such as curl send no <c>Origin</c> and are not affected. Pure.
/// </summary>
public static class RequestGuard
{
    /// <summary>Null when the request may go on; otherwise why not.</summary>
    public static string? Refusal(string? host, string? origin, bool loopbackOnly)
    {
        if (string.IsNullOrEmpty(host) || !Uri.TryCreate("http://" + host, UriKind.Absolute, out var hostUri))
        {
            return "a request needs a valid Host header";
        }

        if (loopbackOnly && !IsLoopback(hostUri.Host))
        {
            return $"host '{host}' refused: this dashboard listens on loopback only (use 127.0.0.1 or localhost)";
        }

        if (!string.IsNullOrEmpty(origin) && !(Uri.TryCreate(origin, UriKind.Absolute, out var originUri) && originUri.Authority.Equals(hostUri.Authority, StringComparison.OrdinalIgnoreCase)))
        {
            return $"a request from the page of another site ({origin}) is refused";
        }

        return null;
    }

    private static bool IsLoopback(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
}
