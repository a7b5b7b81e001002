using System.Text;

namespace Wiber.Module.Tests.PowerShell;

/// <summary>What a token is, as far as the checks need to know.</summary>
internal enum PsTokenKind
{
    /// <summary>The end of a line that does not continue (no backtick before it).</summary>
    NewLine,

    /// <summary><c># …</c> or <c>&lt;# … #&gt;</c>; <see cref="PsToken.Text"/> is the whole comment.</summary>
    Comment,

    /// <summary><c>$name</c>, <c>$script:name</c>, <c>${any name}</c>; Text is the name without <c>$</c>.</summary>
    Variable,

    /// <summary><c>@name</c> (splatting); Text is the name.</summary>
    Splat,

    /// <summary><c>-Name</c> or <c>-Name:</c>; Text is the name without dash and colon. Operators such as -eq come out as this too.</summary>
    Parameter,

    /// <summary><c>'…'</c> or <c>@'…'@</c>; Text is the value.</summary>
    StringLiteral,

    /// <summary><c>"…"</c> or <c>@"…"@</c>; Text is the raw content between the quotes.</summary>
    StringExpandable,

    /// <summary>A bare word: a command name, a keyword, an argument, a number.</summary>
    Word,

    /// <summary>A member name after <c>.</c> or <c>::</c> (<c>$x.Name</c>); <see cref="PsToken.IsMethod"/> when a call follows.</summary>
    Member,

    /// <summary><c>( { [ @( @{ $(</c>.</summary>
    Open,

    /// <summary><c>) } ]</c>.</summary>
    Close,

    /// <summary><c>|</c>.</summary>
    Pipe,

    /// <summary><c>;</c>.</summary>
    Semicolon,

    /// <summary><c>,</c>.</summary>
    Comma,

    /// <summary>Anything else: <c>= += . .. :: &amp; &amp;&amp; || ! &gt;</c> …; Text is the operator.</summary>
    Operator,
}

/// <summary>One token. <see cref="Depth"/> is the bracket depth it sits at (an Open and its Close share it).</summary>
internal sealed record PsToken(PsTokenKind Kind, string Text, int Line, int Column, int Depth)
{
    /// <summary>True when whitespace (or a line start) comes right before the token.</summary>
    public bool SpaceBefore { get; init; }

    /// <summary>For a <see cref="PsTokenKind.Member"/>: a <c>(</c> follows at once, so it is a method call.</summary>
    public bool IsMethod { get; init; }

    /// <summary>For a <see cref="PsTokenKind.Parameter"/>: written <c>-Name:value</c>.</summary>
    public bool HasColon { get; init; }

    public override string ToString() => $"{Kind} '{Text}' at {Line}:{Column}";
}

/// <summary>A problem a check found, with where it is.</summary>
internal sealed record PsFinding(string File, int Line, int Column, string Message)
{
    public override string ToString() => $"{File}:{Line}:{Column}: {Message}";
}

/// <summary>
/// A small PowerShell tokenizer: enough of the language to prove that brackets, quotes (with backtick and
/// doubled-quote escapes), here-strings and block comments are balanced, and to find commands, parameters,
/// function definitions and help for the other checks. It is not a parser: it knows statements only as far
/// as <see cref="PsScript"/> needs them. Problems are collected, never thrown.
/// </summary>
internal sealed class PsTokenizer
{
    private static readonly HashSet<char> SmartQuotes = ['\u2018', '\u2019', '\u201A', '\u201B', '\u201C', '\u201D', '\u201E'];
    private static readonly HashSet<char> SmartDashes = ['\u2013', '\u2014', '\u2015'];

    private readonly string _text;
    private readonly string _file;
    private readonly List<PsToken> _tokens = [];
    private readonly List<PsFinding> _findings = [];
    private readonly Stack<(string Open, int Line, int Column)> _open = new();
    private int _pos;
    private int _line = 1;
    private int _lineStart;
    private bool _space = true;

    private PsTokenizer(string text, string file, int firstLine)
    {
        _text = text.Replace("\r\n", "\n", StringComparison.Ordinal);
        _file = file;
        _line = firstLine;
    }

    public static (IReadOnlyList<PsToken> Tokens, IReadOnlyList<PsFinding> Findings) Tokenize(string text, string file, int firstLine = 1)
    {
        var tokenizer = new PsTokenizer(text, file, firstLine);
        tokenizer.Run();
        return (tokenizer._tokens, tokenizer._findings);
    }

    private int Column => _pos - _lineStart + 1;

    private char Peek(int ahead = 0) => _pos + ahead < _text.Length ? _text[_pos + ahead] : '\0';

    private void Find(int line, int column, string message) => _findings.Add(new PsFinding(_file, line, column, message));

    private void Add(PsTokenKind kind, string text, int line, int column, bool isMethod = false, bool hasColon = false)
    {
        _tokens.Add(new PsToken(kind, text, line, column, _open.Count) { SpaceBefore = _space, IsMethod = isMethod, HasColon = hasColon });
        _space = false;
    }

    private void NewLine()
    {
        _pos++;
        _line++;
        _lineStart = _pos;
        _space = true;
    }

    private void Run()
    {
        while (_pos < _text.Length)
        {
            Step();
        }

        foreach (var (open, line, column) in _open)
        {
            Find(line, column, $"'{open}' is never closed");
        }
    }

    private void Step()
    {
        var c = Peek();
        var line = _line;
        var column = Column;
        switch (c)
        {
            case '\n':
                Add(PsTokenKind.NewLine, "\n", line, column);
                NewLine();
                return;
            case ' ' or '\t' or '\r' or '\f' or '\u00A0':
                _pos++;
                _space = true;
                return;
            case '`':
                Backtick(line, column);
                return;
            case '#':
                Comment(line, column);
                return;
            case '<' when Peek(1) == '#':
                BlockComment(line, column);
                return;
            case '\'':
                _pos++;
                Add(PsTokenKind.StringLiteral, SingleQuoted(line, column), line, column);
                return;
            case '"':
                _pos++;
                Add(PsTokenKind.StringExpandable, DoubleQuoted(line, column, hereString: false), line, column);
                return;
            case '@' when Peek(1) is '\'' or '"':
                HereString(line, column);
                return;
            case '@' when Peek(1) is '(' or '{':
                Open("@" + Peek(1), 2, line, column);
                return;
            case '@' when IsNameChar(Peek(1)):
                _pos++;
                Add(PsTokenKind.Splat, ReadName(), line, column);
                return;
            case '$':
                Dollar(line, column);
                return;
            case '(' or '{' or '[':
                Open(c.ToString(), 1, line, column);
                return;
            case ')' or '}' or ']':
                Close(c, line, column);
                return;
            case '|':
                if (Peek(1) == '|')
                {
                    _pos += 2;
                    Add(PsTokenKind.Operator, "||", line, column);
                }
                else
                {
                    _pos++;
                    Add(PsTokenKind.Pipe, "|", line, column);
                }

                return;
            case ';':
                _pos++;
                Add(PsTokenKind.Semicolon, ";", line, column);
                return;
            case ',':
                _pos++;
                Add(PsTokenKind.Comma, ",", line, column);
                return;
            case '&':
                var and = Peek(1) == '&' ? "&&" : "&";
                _pos += and.Length;
                Add(PsTokenKind.Operator, and, line, column);
                return;
            case '.':
                Dot(line, column);
                return;
            case ':' when Peek(1) == ':':
                _pos += 2;
                Add(PsTokenKind.Operator, "::", line, column);
                MemberAfterOperator();
                return;
            case '=' or '!' or '+' or '*' or '/' or '%' or '>' or '<':
                Operator(line, column);
                return;
            case '-' when IsParameterStart():
                Parameter(line, column);
                return;
            default:
                if (SmartQuotes.Contains(c))
                {
                    Find(line, column, $"'{c}' is a typographic quote: PowerShell takes it for a quote; write ' or \"");
                    _pos++;
                    return;
                }

                if (SmartDashes.Contains(c))
                {
                    Find(line, column, $"'{c}' is a typographic dash: PowerShell takes it for '-'; write '-'");
                    _pos++;
                    return;
                }

                Add(PsTokenKind.Word, ReadWord(), line, column);
                return;
        }
    }

    private void Backtick(int line, int column)
    {
        // A backtick at the end of a line continues it; trailing spaces after it silently break that.
        var ahead = 1;
        while (Peek(ahead) is ' ' or '\t')
        {
            ahead++;
        }

        if (Peek(ahead) == '\n' && ahead > 1)
        {
            Find(line, column, "backtick followed by spaces: the line does not continue");
        }

        if (Peek(1) == '\n')
        {
            _pos++;
            NewLine();
            _space = true;
            return;
        }

        if (Peek(1) == '\0')
        {
            Find(line, column, "backtick at the end of the file");
            _pos++;
            return;
        }

        // An escaped character starts a word (`$, `-Name …).
        Add(PsTokenKind.Word, ReadWord(), line, column);
    }

    private void Comment(int line, int column)
    {
        var start = _pos;
        while (_pos < _text.Length && _text[_pos] != '\n')
        {
            _pos++;
        }

        Add(PsTokenKind.Comment, _text[start.._pos], line, column);
    }

    private void BlockComment(int line, int column)
    {
        var end = _text.IndexOf("#>", _pos + 2, StringComparison.Ordinal);
        if (end < 0)
        {
            Find(line, column, "block comment '<#' is never closed with '#>'");
            end = _text.Length - 2;
        }

        var text = _text[_pos..Math.Min(end + 2, _text.Length)];
        Add(PsTokenKind.Comment, text, line, column);
        Skip(text.Length);
    }

    /// <summary>Moves over text already consumed, counting its lines.</summary>
    private void Skip(int length)
    {
        var end = Math.Min(_pos + length, _text.Length);
        while (_pos < end)
        {
            if (_text[_pos] == '\n')
            {
                NewLine();
            }
            else
            {
                _pos++;
            }
        }
    }

    /// <summary>After the opening quote: up to the closing one; <c>''</c> is a quote.</summary>
    private string SingleQuoted(int line, int column)
    {
        var value = new StringBuilder();
        while (true)
        {
            var c = Peek();
            if (c == '\0')
            {
                Find(line, column, "string ' is never closed");
                return value.ToString();
            }

            if (SmartQuotes.Contains(c))
            {
                Find(_line, Column, $"'{c}' inside a string: PowerShell takes it for a quote and ends the string there");
            }

            if (c == '\'')
            {
                if (Peek(1) == '\'')
                {
                    value.Append('\'');
                    _pos += 2;
                    continue;
                }

                _pos++;
                return value.ToString();
            }

            value.Append(c);
            if (c == '\n')
            {
                NewLine();
            }
            else
            {
                _pos++;
            }
        }
    }

    /// <summary>
    /// After the opening quote: up to the closing one (or, for a here-string, a line starting with <c>"@</c>).
    /// A backtick escapes the next character, <c>""</c> is a quote, and <c>$( … )</c> is code whose brackets and
    /// strings are checked like any other.
    /// </summary>
    private string DoubleQuoted(int line, int column, bool hereString)
    {
        var start = _pos;
        while (true)
        {
            var c = Peek();
            if (c == '\0')
            {
                Find(line, column, hereString ? "here-string @\" is never closed by \"@ at the start of a line" : "string \" is never closed");
                return _text[start.._pos];
            }

            if (hereString && c == '"' && Peek(1) == '@' && _pos == _lineStart)
            {
                var value = _text[start..Math.Max(start, _pos - 1)];
                _pos += 2;
                return value;
            }

            if (!hereString && SmartQuotes.Contains(c))
            {
                Find(_line, Column, $"'{c}' inside a string: PowerShell takes it for a quote and ends the string there");
            }

            switch (c)
            {
                case '`':
                    if (Peek(1) == '\n')
                    {
                        _pos++;
                        NewLine();
                    }
                    else
                    {
                        _pos += 2;
                    }

                    continue;
                case '"' when !hereString:
                    if (Peek(1) == '"')
                    {
                        _pos += 2;
                        continue;
                    }

                    var text = _text[start.._pos];
                    _pos++;
                    return text;
                case '$' when Peek(1) == '(':
                    SubExpression();
                    continue;
                case '\n':
                    NewLine();
                    continue;
                default:
                    _pos++;
                    continue;
            }
        }
    }

    /// <summary><c>$( … )</c> inside a string: tokenized on its own (tokens dropped, problems kept).</summary>
    private void SubExpression()
    {
        var line = _line;
        var column = Column;
        var inner = new PsTokenizer(_text, _file, _line) { _pos = _pos + 2, _lineStart = _lineStart };
        inner._open.Push(("$(", line, column));
        while (inner._pos < inner._text.Length && inner._open.Count > 0)
        {
            inner.Step();
        }

        _findings.AddRange(inner._findings);
        if (inner._open.Count > 0)
        {
            Find(line, column, "'$(' in a string is never closed");
        }

        Skip(inner._pos - _pos);
    }

    private void HereString(int line, int column)
    {
        var quote = Peek(1);
        _pos += 2;
        while (Peek() is ' ' or '\t' or '\r')
        {
            _pos++;
        }

        if (Peek() != '\n')
        {
            Find(line, column, $"here-string @{quote} must end its line: its text starts on the next one");
        }
        else
        {
            NewLine();
        }

        if (quote == '"')
        {
            Add(PsTokenKind.StringExpandable, DoubleQuoted(line, column, hereString: true), line, column);
            return;
        }

        var start = _pos;
        while (true)
        {
            if (_pos >= _text.Length)
            {
                Find(line, column, "here-string @' is never closed by '@ at the start of a line");
                Add(PsTokenKind.StringLiteral, _text[start..], line, column);
                return;
            }

            if (_pos == _lineStart && Peek() == '\'' && Peek(1) == '@')
            {
                Add(PsTokenKind.StringLiteral, _text[start..Math.Max(start, _pos - 1)], line, column);
                _pos += 2;
                return;
            }

            if (Peek() == '\n')
            {
                NewLine();
            }
            else
            {
                _pos++;
            }
        }
    }

    private void Dollar(int line, int column)
    {
        var next = Peek(1);
        if (next == '(')
        {
            Open("$(", 2, line, column);
            return;
        }

        if (next == '{')
        {
            var end = _text.IndexOf('}', _pos + 2);
            if (end < 0)
            {
                Find(line, column, "variable '${' is never closed");
                end = _text.Length - 1;
            }

            var name = _text[(_pos + 2)..end];
            Skip(end + 1 - _pos);
            Add(PsTokenKind.Variable, name, line, column);
            MemberAfterValue();
            return;
        }

        if (next is '_' or '$' or '?' or '^' && !IsNameChar(Peek(2)))
        {
            _pos += 2;
            Add(PsTokenKind.Variable, next.ToString(), line, column);
            MemberAfterValue();
            return;
        }

        if (IsNameChar(next))
        {
            _pos++;
            var name = ReadName();
            // Scope and drive qualifiers: $script:x, $env:PATH, $using:lab.
            if (Peek() == ':' && IsNameChar(Peek(1)))
            {
                _pos++;
                name += ":" + ReadName();
            }

            Add(PsTokenKind.Variable, name, line, column);
            MemberAfterValue();
            return;
        }

        Add(PsTokenKind.Word, ReadWord(), line, column);
    }

    private void Open(string open, int length, int line, int column)
    {
        _pos += length;
        Add(PsTokenKind.Open, open, line, column);
        _open.Push((open, line, column));
    }

    private void Close(char close, int line, int column)
    {
        _pos++;
        if (_open.Count == 0)
        {
            Find(line, column, $"'{close}' closes nothing");
            Add(PsTokenKind.Close, close.ToString(), line, column);
            return;
        }

        var (open, openLine, openColumn) = _open.Pop();
        var expected = open[^1] switch { '(' => ')', '{' => '}', _ => ']' };
        if (expected != close)
        {
            Find(line, column, $"'{close}' closes '{open}' opened at {openLine}:{openColumn}, which needs '{expected}'");
        }

        Add(PsTokenKind.Close, close.ToString(), line, column);
        MemberAfterValue();
    }

    private void Dot(int line, int column)
    {
        if (Peek(1) == '.')
        {
            // '..' is the range operator; '../x' is a path word.
            if (Peek(2) is '/' or '\\')
            {
                Add(PsTokenKind.Word, ReadWord(), line, column);
                return;
            }

            _pos += 2;
            Add(PsTokenKind.Operator, "..", line, column);
            return;
        }

        if (Peek(1) is '/' or '\\')
        {
            Add(PsTokenKind.Word, ReadWord(), line, column);
            return;
        }

        if (char.IsAsciiDigit(Peek(1)) && _space)
        {
            Add(PsTokenKind.Word, ReadWord(), line, column);
            return;
        }

        _pos++;
        Add(PsTokenKind.Operator, ".", line, column);
    }

    /// <summary>After a variable or a closing bracket: <c>.Name</c> with no space before it is member access.</summary>
    private void MemberAfterValue()
    {
        while (true)
        {
            if (Peek() == '.' && (char.IsAsciiLetter(Peek(1)) || Peek(1) == '_'))
            {
                var line = _line;
                _pos++;
                var column = Column;
                var name = ReadName();
                Add(PsTokenKind.Member, name, line, column, isMethod: Peek() == '(');
                continue;
            }

            return;
        }
    }

    private void MemberAfterOperator()
    {
        if (char.IsAsciiLetter(Peek()) || Peek() == '_')
        {
            var line = _line;
            var column = Column;
            var name = ReadName();
            Add(PsTokenKind.Member, name, line, column, isMethod: Peek() == '(');
            MemberAfterValue();
        }
    }

    private void Operator(int line, int column)
    {
        var c = Peek();
        var text = c.ToString();
        if (Peek(1) == '=' && c is '=' or '+' or '*' or '/' or '%' or '!')
        {
            text += "=";
        }
        else if (c == '>' && Peek(1) == '>')
        {
            text = ">>";
        }

        _pos += text.Length;
        Add(PsTokenKind.Operator, text, line, column);
    }

    /// <summary><c>-</c> starts a parameter (or an operator such as -eq) when a letter follows and no word is running into it.</summary>
    private bool IsParameterStart()
    {
        var next = Peek(1);
        if (next == '-' && Peek(2) is ' ' or '\t' or '\n' or '\0')
        {
            return true;   // '--': end of parameters
        }

        return (char.IsAsciiLetter(next) || next is '_' or '?') && (_space || _tokens.Count == 0 || _tokens[^1].Kind is PsTokenKind.Open or PsTokenKind.Pipe or PsTokenKind.Comma or PsTokenKind.Semicolon);
    }

    private void Parameter(int line, int column)
    {
        if (Peek(1) == '-')
        {
            _pos += 2;
            Add(PsTokenKind.Operator, "--", line, column);
            return;
        }

        _pos++;
        var start = _pos;
        while (IsNameChar(Peek()) || Peek() == '-')
        {
            _pos++;
        }

        var name = _text[start.._pos];
        var colon = Peek() == ':';
        if (colon)
        {
            _pos++;
        }

        Add(PsTokenKind.Parameter, name, line, column, hasColon: colon);
    }

    private static bool IsNameChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '?';

    private string ReadName()
    {
        var start = _pos;
        while (IsNameChar(Peek()))
        {
            _pos++;
        }

        return _text[start.._pos];
    }

    /// <summary>A bare word: up to whitespace or a character that ends words (backtick escapes the next one).</summary>
    private string ReadWord()
    {
        var word = new StringBuilder();
        while (_pos < _text.Length)
        {
            var c = Peek();
            if (c == '`' && Peek(1) is not '\n' and not '\0')
            {
                word.Append(Peek(1));
                _pos += 2;
                continue;
            }

            if (c is ' ' or '\t' or '\r' or '\n' or '(' or ')' or '{' or '}' or ';' or ',' or '|' or '"' or '\'' or '`' or '&'
                || (c == '[' && word.Length > 0 && !word.ToString().EndsWith('-'))
                || c == ']'
                || (c == '.' && word.Length > 0 && char.IsAsciiLetter(Peek(1)) && !word.ToString().Contains('/', StringComparison.Ordinal) && LooksLikeValue(word)))
            {
                break;
            }

            word.Append(c);
            _pos++;
        }

        if (word.Length == 0)
        {
            // A character no rule takes (a lone '$', say): one character, so the tokenizer always moves.
            word.Append(Peek());
            _pos++;
        }

        return word.ToString();
    }

    /// <summary>A word that can take a member (<c>5.ToString()</c> no; <c>Foo.Bar</c> as a name yes): only plain numbers do.</summary>
    private static bool LooksLikeValue(StringBuilder word) => word.ToString().All(char.IsAsciiDigit);
}
