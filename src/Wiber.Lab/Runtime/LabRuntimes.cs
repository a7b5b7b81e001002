using Wiber.Lab.State;

namespace Wiber.Lab.Runtime;

/// <summary>The runtime for a backend name (from <c>--backend</c> or a saved lab).</summary>
public static class LabRuntimes
{
    public static IReadOnlyList<string> Backends { get; } = ["process", "docker"];

    public static ILabRuntime For(string backend) => backend switch
    {
        "process" => new ProcessRuntime(),
        "docker" => DockerRuntimeFactory?.Invoke() ?? throw new LabException(LabErrorKind.Failed, "the docker backend is not available in this build"),
        _ => throw new LabException(LabErrorKind.Usage, $"unknown backend '{backend}': {string.Join(" or ", Backends)}"),
    };

    /// <summary>Set by the Docker backend when it is compiled in.</summary>
    internal static Func<ILabRuntime>? DockerRuntimeFactory { get; set; }
}
