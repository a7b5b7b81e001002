using Wiber.Lab.State;

namespace Wiber.Lab.Runtime;

/// <summary>The runtime for a backend name (from <c>--backend</c> or a saved lab).</summary>
public static class LabRuntimes
{
    public static IReadOnlyList<string> Backends { get; } = ["process", "docker"];

    public static ILabRuntime For(string backend) => backend switch
    {
        "process" => new ProcessRuntime(),
        "docker" => new DockerRuntime(Docker.DockerEngine.FromEnvironment()),
        _ => throw new LabException(LabErrorKind.Usage, $"unknown backend '{backend}': {string.Join(" or ", Backends)}"),
    };
}
