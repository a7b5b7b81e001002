using Microsoft.AspNetCore.Http;
using Wiber.Lab.Dashboard.Requests;

namespace Wiber.Lab.Dashboard.Api;

/// <summary>Reads a request's body whole, up to a bound (the API's requests are a few hundred bytes).</summary>
internal static class RequestBody
{
    public const int MaxBytes = 64 * 1024;

    public static async Task<byte[]> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        while (true)
        {
            var read = await request.Body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                return buffer.ToArray();
            }

            if (buffer.Length + read > MaxBytes)
            {
                throw new RequestException(null, $"request body is larger than {MaxBytes / 1024} KiB");
            }

            buffer.Write(chunk, 0, read);
        }
    }
}
