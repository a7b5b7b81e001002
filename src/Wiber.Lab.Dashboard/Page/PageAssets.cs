using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Wiber.Lab.Dashboard.Page;

/// <summary>
/// The page's files, embedded in this assembly (<c>page/*</c>) and served from memory: no wwwroot folder to
/// find, so an installed <c>wiber</c> serves the page wherever it is run from.
/// </summary>
internal static class PageAssets
{
    private const string Prefix = "page/";

    private static readonly Lazy<IReadOnlyDictionary<string, (byte[] Content, string ContentType)>> Files = new(Load);

    /// <summary>The file names served (<c>index.html</c>, <c>dashboard.css</c>, <c>js/…</c>).</summary>
    public static IEnumerable<string> Names => Files.Value.Keys;

    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet("/", () => Serve("index.html"));
        routes.MapGet("/{file}", (string file) => Serve(file));
    }

    private static IResult Serve(string name) =>
        Files.Value.TryGetValue(name, out var file)
            ? Results.Bytes(file.Content, file.ContentType)
            : Results.NotFound();

    private static Dictionary<string, (byte[], string)> Load()
    {
        var assembly = typeof(PageAssets).Assembly;
        var files = new Dictionary<string, (byte[], string)>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames().Where(r => r.StartsWith(Prefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            var name = resource[Prefix.Length..];
            files[name] = (copy.ToArray(), ContentType(name));
        }

        return files;
    }

    internal static string ContentType(string name) => Path.GetExtension(name) switch
    {
        ".html" => "text/html; charset=utf-8",
        ".css" => "text/css; charset=utf-8",
        ".js" => "text/javascript; charset=utf-8",
        ".svg" => "image/svg+xml",
        _ => "application/octet-stream",
    };
}
