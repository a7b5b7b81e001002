namespace Wiber.Broker.Configuration;

/// <summary>
/// Collects problems as "field: problem" lines. Remembers which fields were set by an environment
/// variable or flag, so an error in an override says where the bad value came from.
/// </summary>
internal sealed class ConfigErrors
{
    private readonly List<string> _errors = [];
    private readonly Dictionary<string, string> _origins = new(StringComparer.Ordinal);

    public int Count => _errors.Count;

    public IReadOnlyList<string> Items => _errors;

    public void SetOrigin(string path, string origin) => _origins[path] = origin;

    public void Add(string path, string problem) =>
        _errors.Add(_origins.TryGetValue(path, out var origin)
            ? $"{path}: {problem} (from {origin})"
            : $"{path}: {problem}");

    /// <summary>A problem that is not about one field (a missing file, a bad flag).</summary>
    public void AddGeneral(string message) => _errors.Add(message);
}
