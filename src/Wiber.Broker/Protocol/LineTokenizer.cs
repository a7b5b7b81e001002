namespace Wiber.Broker.Protocol;

/// <summary>
/// Walks one command line. Arguments are separated by runs of spaces; free text (a PUB message, a
/// CREATE description, a PING echo) starts after exactly one space and is taken verbatim, so a
/// message may begin with spaces.
/// </summary>
internal ref struct LineTokenizer
{
    private readonly ReadOnlySpan<byte> _line;
    private int _position;

    public LineTokenizer(ReadOnlySpan<byte> line)
    {
        _line = line;
        _position = 0;
    }

    /// <summary>True when only spaces remain.</summary>
    public readonly bool AtEnd => _line[_position..].TrimStart((byte)' ').IsEmpty;

    /// <summary>Skips spaces and returns the next run of non-space bytes.</summary>
    public bool TryNext(out ReadOnlySpan<byte> token)
    {
        while (_position < _line.Length && _line[_position] == (byte)' ')
        {
            _position++;
        }

        var start = _position;
        var length = _line[start..].IndexOf((byte)' ');
        _position = length < 0 ? _line.Length : start + length;
        token = _line[start.._position];
        return !token.IsEmpty;
    }

    /// <summary>
    /// The token that would start free text here: after exactly one space, up to the next space.
    /// Empty when the line ends here or the free text begins with a space.
    /// </summary>
    public readonly ReadOnlySpan<byte> PeekFreeToken()
    {
        if (_position >= _line.Length)
        {
            return default;
        }

        var rest = _line[(_position + 1)..];
        var length = rest.IndexOf((byte)' ');
        return length < 0 ? rest : rest[..length];
    }

    /// <summary>True when something (even a single space) follows the free token of the given length.</summary>
    public readonly bool HasTextAfterFreeToken(int tokenLength) => _position + 1 + tokenLength < _line.Length;

    /// <summary>Consumes the separating space and a free token of the given length.</summary>
    public void SkipFreeToken(int tokenLength) => _position = Math.Min(_line.Length, _position + 1 + tokenLength);

    /// <summary>Everything after the one separating space, verbatim; empty at the end of the line.</summary>
    public readonly ReadOnlySpan<byte> FreeText() =>
        _position + 1 >= _line.Length ? default : _line[(_position + 1)..];
}
