using Wiber.Lab.Docker;
using Wiber.Lab.Runtime;

namespace Wiber.Scenarios.Tests;

/// <summary>
/// Docker scenarios need an engine and the two images. Without them a test is skipped with the reason
/// shown in the results (never silently passed); CI installs both (scripts/install-docker.sh,
/// scripts/docker-images.sh), so there they run.
/// </summary>
internal static class DockerAvailability
{
    private static readonly Lazy<Task<string?>> Reason = new(FindReasonAsync);

    public static async Task SkipUnlessUsableAsync(string backend)
    {
        if (backend == "docker" && await Reason.Value is { } reason)
        {
            Assert.Skip(reason);
        }
    }

    private static async Task<string?> FindReasonAsync()
    {
        using var engine = DockerEngine.FromEnvironment();
        if (!await engine.PingAsync())
        {
            return $"no Docker engine at {engine.Endpoint}: run scripts/install-docker.sh";
        }

        foreach (var image in new[] { DockerRuntime.NodeImage, DockerRuntime.CliImage })
        {
            if (!await engine.ImageExistsAsync(image))
            {
                return $"image {image} missing: run scripts/docker-images.sh";
            }
        }

        return null;
    }
}
