namespace Wiber.Chaos.Server.Http;

internal enum ApiRoute
{
    Reset,
    Proxies,
    Populate,
    Proxy,
    Toxics,
    Toxic,
    Version,
}

/// <summary>A matched route and its path variables (already URL-decoded).</summary>
internal readonly record struct RouteMatch(ApiRoute Route, string Proxy, string Toxic);

/// <summary>
/// Toxiproxy's route table (gorilla/mux): variables match <c>[^/]+</c> on the decoded path, no trailing-slash
/// redirect, and a known path with another method is a 405.
/// </summary>
internal static class ApiRoutes
{
    public static RouteMatch? Match(string path)
    {
        if (!path.StartsWith('/'))
        {
            return null;
        }
        var parts = path[1..].Split('/');
        if (parts.Any(p => p.Length == 0))
        {
            return null;
        }
        return parts switch
        {
            ["reset"] => new RouteMatch(ApiRoute.Reset, "", ""),
            ["proxies"] => new RouteMatch(ApiRoute.Proxies, "", ""),
            ["populate"] => new RouteMatch(ApiRoute.Populate, "", ""),
            ["version"] => new RouteMatch(ApiRoute.Version, "", ""),
            ["proxies", var proxy] => new RouteMatch(ApiRoute.Proxy, proxy, ""),
            ["proxies", var proxy, "toxics"] => new RouteMatch(ApiRoute.Toxics, proxy, ""),
            ["proxies", var proxy, "toxics", var toxic] => new RouteMatch(ApiRoute.Toxic, proxy, toxic),
            _ => null,
        };
    }

    /// <summary>The methods each route answers; HEAD is not among them, as upstream.</summary>
    public static bool Allows(ApiRoute route, string method) => route switch
    {
        ApiRoute.Reset or ApiRoute.Populate => method == "POST",
        ApiRoute.Proxies or ApiRoute.Toxics => method is "GET" or "POST",
        ApiRoute.Proxy or ApiRoute.Toxic => method is "GET" or "POST" or "PATCH" or "DELETE",
        ApiRoute.Version => method == "GET",
        _ => false,
    };
}
