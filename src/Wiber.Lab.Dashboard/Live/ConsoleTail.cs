using System.Text;

namespace Wiber.Lab.Dashboard.Live;

/// <summary>
/// Follows one node's console log (<c>nodes/&lt;id&gt;/logs/console.log</c>, its stdout and stderr) like
/// <c>tail -f</c>: starts with the last lines, then returns what was appended at each <see cref="Poll"/>.
/// A file that got shorter was replaced, and is read again from its start. Keeps the last lines for a page
/// that connects later; memory and work per poll are bounded.
/// </summary>
public sealed class ConsoleTail(string path, int keep = 300)
{
    /// <summary>How much of an existing file is read at the start, and at most per poll.</summary>
    internal const int Window = 64 * 1024;

    /// <summary>Longer lines are cut (a console pane is for people).</summary>
    internal const int MaxLineLength = 2000;

    private readonly Queue<string> _recent = new();
    private readonly StringBuilder _partial = new();
    private Decoder _decoder = Encoding.UTF8.GetDecoder();
    private long? _position;

    public string Path { get; } = path;

    public IReadOnlyList<string> Recent => [.. _recent];

    /// <summary>The complete lines appended since the last poll (none when the file does not exist yet).</summary>
    public IReadOnlyList<string> Poll()
    {
        FileStream stream;
        try
        {
            stream = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException or IOException)
        {
            return [];
        }

        using (stream)
        {
            var length = stream.Length;
            var skipFirst = false;
            if (_position is null || length < _position)
            {
                // First look, or the file was replaced: begin with its last window, from a line start.
                _partial.Clear();
                _decoder = Encoding.UTF8.GetDecoder();
                _position = Math.Max(0, length - Window);
                skipFirst = _position > 0;
            }

            var available = (int)Math.Min(length - _position.Value, Window);
            if (available <= 0)
            {
                return [];
            }

            var buffer = new byte[available];
            stream.Position = _position.Value;
            stream.ReadExactly(buffer);
            _position += available;
            var chars = new char[_decoder.GetCharCount(buffer, flush: false)];
            _decoder.GetChars(buffer, chars, flush: false);   // a character cut by the window waits for its other bytes
            return Split(new string(chars), skipFirst);
        }
    }

    private List<string> Split(string text, bool skipFirst)
    {
        var lines = new List<string>();
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] != '\n')
            {
                continue;
            }

            _partial.Append(text, start, i - start);
            start = i + 1;
            var line = _partial.ToString().TrimEnd('\r');
            _partial.Clear();
            if (skipFirst)
            {
                skipFirst = false;
                continue;
            }

            lines.Add(line.Length > MaxLineLength ? line[..MaxLineLength] + " …" : line);
        }

        if (_partial.Length + (text.Length - start) <= MaxLineLength * 4)
        {
            _partial.Append(text, start, text.Length - start);
        }

        foreach (var line in lines)
        {
            _recent.Enqueue(line);
            if (_recent.Count > keep)
            {
                _recent.Dequeue();
            }
        }

        return lines;
    }
}
