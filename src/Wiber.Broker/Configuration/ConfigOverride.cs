namespace Wiber.Broker.Configuration;

/// <summary>
/// One value set from outside the file: a path of YAML keys (a node is named by its id inside
/// <c>nodes</c>), the text to put there, and where it came from for error messages.
/// </summary>
internal sealed record ConfigOverride(IReadOnlyList<string> Segments, string Value, string Origin);
