using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace Wiber.Broker.Configuration;

/// <summary>
/// Reads one YAML mapping of the configuration with its path (<c>nodes[1].advertise</c>), turning type
/// problems into "field: problem" errors instead of exceptions, and remembering which keys were read
/// so that the rest can be reported as unknown rather than silently ignored.
/// </summary>
internal sealed class YamlSection
{
    private readonly YamlMappingNode? _node;
    private readonly ConfigErrors _errors;
    private readonly List<string> _known = [];

    public YamlSection(YamlMappingNode? node, string path, ConfigErrors errors)
    {
        _node = node;
        Path = path;
        _errors = errors;
    }

    public string Path { get; }

    public string PathOf(string key) => Path.Length == 0 ? key : $"{Path}.{key}";

    public void Error(string key, string problem) => _errors.Add(PathOf(key), problem);

    public string? OptionalString(string key)
    {
        var text = Scalar(key);
        return string.IsNullOrWhiteSpace(text) ? null : text.Trim();
    }

    public string RequiredString(string key) =>
        Has(key) ? OptionalString(key) ?? string.Empty : Missing(key, string.Empty);

    public int RequiredInt(string key, int min, int max) =>
        Has(key) ? (int?)Long(key, min, max) ?? 0 : Missing(key, 0);

    public int OptionalInt(string key, int defaultValue, int min, int max) =>
        (int?)Long(key, min, max) ?? defaultValue;

    public long OptionalLong(string key, long defaultValue, long min, long max) =>
        Long(key, min, max) ?? defaultValue;

    public long Bytes(string key, long defaultValue, long min, long max)
    {
        var text = Scalar(key);
        if (text is null)
        {
            return defaultValue;
        }
        if (!ByteSizeText.TryParse(text, out var bytes))
        {
            _errors.Add(PathOf(key), $"\"{text}\" is not a byte size (write e.g. 65536, 64KiB, 1MiB)");
            return defaultValue;
        }
        return InRange(key, bytes, min, max, ByteSizeText.Format) ? bytes : defaultValue;
    }

    public TimeSpan Duration(string key, TimeSpan defaultValue, TimeSpan min, TimeSpan max)
    {
        var text = Scalar(key);
        if (text is null)
        {
            return defaultValue;
        }
        if (!DurationText.TryParse(text, out var duration))
        {
            _errors.Add(PathOf(key), $"\"{text}\" is not a duration (write e.g. 150ms, 2s, 1m)");
            return defaultValue;
        }
        if (duration < min || duration > max)
        {
            _errors.Add(PathOf(key), $"{text} is out of range ({DurationText.Format(min)} to {DurationText.Format(max)})");
            return defaultValue;
        }
        return duration;
    }

    public bool Bool(string key, bool defaultValue)
    {
        var text = Scalar(key);
        if (text is null)
        {
            return defaultValue;
        }
        if (bool.TryParse(text, out var value))
        {
            return value;
        }
        _errors.Add(PathOf(key), $"\"{text}\" is not true or false");
        return defaultValue;
    }

    /// <summary>A nested section; an empty one when absent, so defaults apply.</summary>
    public YamlSection Section(string key)
    {
        var node = Node(key);
        if (node is not null and not YamlMappingNode)
        {
            _errors.Add(PathOf(key), $"expected a mapping of settings (key: value lines), got {Describe(node)}");
        }
        return new YamlSection(node as YamlMappingNode, PathOf(key), _errors);
    }

    /// <summary>A list of sections, each with its index in the path (<c>nodes[0]</c>); null when absent.</summary>
    public IReadOnlyList<YamlSection>? SectionList(string key)
    {
        var node = Node(key);
        if (node is null)
        {
            return null;
        }
        if (node is not YamlSequenceNode sequence)
        {
            _errors.Add(PathOf(key), $"expected a list (lines starting with '- '), got {Describe(node)}");
            return [];
        }
        var sections = new List<YamlSection>();
        for (var i = 0; i < sequence.Children.Count; i++)
        {
            var itemPath = string.Create(CultureInfo.InvariantCulture, $"{PathOf(key)}[{i}]");
            if (sequence.Children[i] is not YamlMappingNode item)
            {
                _errors.Add(itemPath, $"expected a mapping of settings, got {Describe(sequence.Children[i])}");
                continue;
            }
            sections.Add(new YamlSection(item, itemPath, _errors));
        }
        return sections;
    }

    /// <summary>Every key of a free-form mapping (its keys are data, not setting names).</summary>
    public IEnumerable<(string Key, string? Value)> Entries()
    {
        if (_node is null)
        {
            yield break;
        }
        foreach (var key in Keys())
        {
            yield return (key, OptionalString(key));
        }
    }

    /// <summary>Reports each key that no reader asked for, with a suggestion when it looks like a typo.</summary>
    public void ReportUnknownKeys()
    {
        foreach (var key in Keys().Where(k => !_known.Contains(k, StringComparer.Ordinal)))
        {
            var suggestion = _known.MinBy(k => EditDistance.Between(k, key));
            _errors.Add(PathOf(key), suggestion is not null && EditDistance.Between(suggestion, key) <= 2
                ? $"unknown key (did you mean '{suggestion}'?)"
                : $"unknown key (known keys here: {string.Join(", ", _known)})");
        }
    }

    private IEnumerable<string> Keys() =>
        _node?.Children.Keys.Select(k => k is YamlScalarNode s ? s.Value ?? string.Empty : k.ToString()) ?? [];

    private bool Has(string key) => Node(key) is not null;

    private T Missing<T>(string key, T placeholder)
    {
        _errors.Add(PathOf(key), "is required");
        return placeholder;
    }

    private long? Long(string key, long min, long max)
    {
        var text = Scalar(key);
        if (text is null)
        {
            return null;
        }
        if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            _errors.Add(PathOf(key), $"\"{text}\" is not a whole number");
            return null;
        }
        return InRange(key, value, min, max, v => v.ToString(CultureInfo.InvariantCulture)) ? value : null;
    }

    private bool InRange(string key, long value, long min, long max, Func<long, string> format)
    {
        if (value >= min && value <= max)
        {
            return true;
        }
        _errors.Add(PathOf(key), $"{format(value)} is out of range ({format(min)} to {format(max)})");
        return false;
    }

    // A key present with an empty value (or ~ / null) counts as absent, so the default applies.
    private string? Scalar(string key)
    {
        var node = Node(key);
        switch (node)
        {
            case null:
                return null;
            case YamlScalarNode scalar:
                return scalar.Value;
            default:
                _errors.Add(PathOf(key), $"expected a single value, got {Describe(node)}");
                return null;
        }
    }

    private YamlNode? Node(string key)
    {
        if (!_known.Contains(key, StringComparer.Ordinal))
        {
            _known.Add(key);
        }
        if (_node is null)
        {
            return null;
        }
        foreach (var (k, v) in _node.Children)
        {
            if (k is YamlScalarNode s && s.Value == key)
            {
                return IsNull(v) ? null : v;
            }
        }
        return null;
    }

    internal static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: YamlDotNet.Core.ScalarStyle.Plain, Value: null or "" or "~" or "null" or "Null" or "NULL" };

    private static string Describe(YamlNode node) => node switch
    {
        YamlMappingNode => "a mapping",
        YamlSequenceNode => "a list",
        YamlScalarNode s => $"the value \"{s.Value}\"",
        _ => "something else",
    };
}
