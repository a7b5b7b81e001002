using System.Globalization;

namespace Wiber.Raft.Tests.Interaction;

/// <summary>
/// The words after a command's name: positional values (<c>2 3</c>, <c>drop</c>) and <c>key=value</c> options.
/// Every option must be read by the command, so a misspelt option fails the script instead of being ignored.
/// </summary>
internal sealed class ScriptArgs
{
    private readonly Dictionary<string, string> _named = new(StringComparer.Ordinal);
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);

    public ScriptArgs(IEnumerable<string> words)
    {
        foreach (var word in words)
        {
            var eq = word.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0)
            {
                _named[word[..eq]] = word[(eq + 1)..];
            }
            else
            {
                Positional.Add(word);
            }
        }
    }

    public List<string> Positional { get; } = [];

    /// <summary>Removes a leading flag word such as <c>drop</c>; true if it was there.</summary>
    public bool TakeFlag(string flag)
    {
        if (Positional.Count > 0 && Positional[0] == flag)
        {
            Positional.RemoveAt(0);
            return true;
        }
        return false;
    }

    public ulong Id(int position) => position < Positional.Count
        ? ParseUlong(Positional[position], $"argument {position + 1}")
        : throw new FormatException($"missing argument {position + 1} (a node id)");

    public IReadOnlyList<ulong> Ids() => Positional.Select(p => ParseUlong(p, "node id")).ToArray();

    public string Word(int position) => position < Positional.Count
        ? Positional[position]
        : throw new FormatException($"missing argument {position + 1}");

    public bool Bool(string key, bool fallback) => Named(key) switch
    {
        null => fallback,
        "true" => true,
        "false" => false,
        var v => throw new FormatException($"{key}={v}: expected true or false"),
    };

    public int Int(string key, int fallback) => Named(key) is { } v
        ? int.Parse(v, NumberStyles.None, CultureInfo.InvariantCulture)
        : fallback;

    public ulong RequiredId(string key) => Named(key) is { } v
        ? ParseUlong(v, key)
        : throw new FormatException($"missing {key}=<node id>");

    public void EnsureAllRead()
    {
        var unknown = _named.Keys.Where(k => !_read.Contains(k)).ToArray();
        if (unknown.Length > 0)
        {
            throw new FormatException($"unknown option(s): {string.Join(", ", unknown)}");
        }
    }

    private string? Named(string key)
    {
        _read.Add(key);
        return _named.TryGetValue(key, out var v) ? v : null;
    }

    private static ulong ParseUlong(string text, string what) =>
        ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var v)
            ? v
            : throw new FormatException($"{what} '{text}' is not a number");
}
