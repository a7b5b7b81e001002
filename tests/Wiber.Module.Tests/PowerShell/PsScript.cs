namespace Wiber.Module.Tests.PowerShell;

/// <summary>One parameter of a param block, with what its attributes say.</summary>
internal sealed record PsParameter(string Name, string? Type, IReadOnlyList<string> Aliases, IReadOnlyList<string> ValidateSet, IReadOnlyList<string> ParameterSets)
{
    public bool Mandatory { get; init; }

    public bool FromPipeline { get; init; }

    public bool FromPipelineByPropertyName { get; init; }

    public bool IsSwitch => string.Equals(Type, "switch", StringComparison.OrdinalIgnoreCase);

    /// <summary>The name and every alias.</summary>
    public IEnumerable<string> Names => Aliases.Prepend(Name);
}

/// <summary>A param block and the attributes before it (<c>[CmdletBinding(…)]</c>, <c>[OutputType(…)]</c>).</summary>
internal sealed record PsParamBlock(IReadOnlyList<PsParameter> Parameters, string? CmdletBinding, IReadOnlyList<string> OutputTypes)
{
    public bool IsAdvanced => CmdletBinding is not null || Parameters.Any(p => p.ParameterSets.Count > 0 || p.Mandatory || p.FromPipeline || p.FromPipelineByPropertyName);

    public bool SupportsShouldProcess => CmdletBinding is { } b && b.Contains("SupportsShouldProcess", StringComparison.OrdinalIgnoreCase)
        && !b.Contains("SupportsShouldProcess=$false", StringComparison.OrdinalIgnoreCase);

    public string? ConfirmImpact => CmdletBinding is { } b && System.Text.RegularExpressions.Regex.Match(b, "ConfirmImpact='(\\w+)'", System.Text.RegularExpressions.RegexOptions.IgnoreCase) is { Success: true } m ? m.Groups[1].Value : null;

    public PsParameter? Find(string name) => Parameters.FirstOrDefault(p => p.Names.Any(n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase)));
}

/// <summary>A function definition: its name, parameters, help, and the tokens of its body.</summary>
internal sealed record PsFunction(string Name, int Line, PsParamBlock? Params, PsHelp? Help, int BodyStart, int BodyEnd, bool TopLevel);

/// <summary>A command invocation: its name, the parameters named, the command it is piped from.</summary>
internal sealed record PsInvocation(string Name, PsToken NameToken, int TokenIndex, IReadOnlyList<PsToken> Parameters, bool HasSplat, PsInvocation? PipedFrom)
{
    /// <summary>Tokens of the whole invocation after its name, to the end of the command (same depth and nested).</summary>
    public IReadOnlyList<PsToken> Arguments { get; init; } = [];

    /// <summary>The first argument when it is a bare word (Where-Object Role … → Role).</summary>
    public PsToken? FirstWord { get; init; }

    /// <summary>The value tokens given to a parameter: the token after it and any joined to it by commas.</summary>
    public IReadOnlyList<PsToken> ValueOf(string parameter)
    {
        var at = -1;
        for (var i = 0; i < Arguments.Count; i++)
        {
            if (Arguments[i].Kind == PsTokenKind.Parameter && Arguments[i].Depth == NameToken.Depth && string.Equals(Arguments[i].Text, parameter, StringComparison.OrdinalIgnoreCase))
            {
                at = i;
                break;
            }
        }

        if (at < 0 || at + 1 >= Arguments.Count)
        {
            return [];
        }

        var values = new List<PsToken> { Arguments[at + 1] };
        for (var i = at + 2; i + 1 < Arguments.Count && Arguments[i].Kind == PsTokenKind.Comma && Arguments[i].Depth == NameToken.Depth; i += 2)
        {
            values.Add(Arguments[i + 1]);
        }

        return values;
    }
}

/// <summary>
/// A PowerShell file as the checks see it: its tokens and syntax findings (<see cref="PsTokenizer"/>), the
/// functions it defines with their param blocks and help, its own param block and help, every command it
/// invokes (with the parameters named and what it is piped from), and every member it reads.
/// </summary>
internal sealed class PsScript
{
    private static readonly HashSet<string> Keywords = new(StringComparer.OrdinalIgnoreCase)
    {
        "begin", "break", "catch", "class", "clean", "continue", "data", "do", "dynamicparam", "else", "elseif", "end", "enum", "exit",
        "filter", "finally", "for", "foreach", "function", "hidden", "if", "in", "param", "process", "return", "static", "switch", "throw",
        "trap", "try", "until", "using", "while", "default",
    };

    private static readonly HashSet<string> CommandAfterKeyword = new(StringComparer.OrdinalIgnoreCase) { "return", "throw", "in", "exit" };

    private static readonly HashSet<string> CommandAfterOperator = new(StringComparer.Ordinal) { "=", "+=", "-=", "*=", "/=", "%=", "&&", "||", "&", "." };

    private readonly List<PsToken> _all;
    private readonly List<PsToken> _code;

    public PsScript(string text, string file, int firstLine = 1)
    {
        File = file;
        var (tokens, findings) = PsTokenizer.Tokenize(text, file, firstLine);
        _all = [.. tokens];
        SyntaxFindings = findings;
        _code = [.. tokens.Where(t => t.Kind != PsTokenKind.Comment)];
        Functions = FindFunctions();
        ScriptParams = ParamBlockAt(0, 0);
        ScriptHelp = _all.Where(t => t.Kind == PsTokenKind.Comment && t.Text.StartsWith("<#", StringComparison.Ordinal))
            .Select(t => PsHelp.Parse(t.Text, t.Line))
            .FirstOrDefault(h => h.Synopsis is not null && !Functions.Any(f => f.Help?.Line == h.Line));
        Invocations = FindInvocations();
        MemberReads = [.. _code.Where((t, i) => t.Kind == PsTokenKind.Member && !t.IsMethod && !(i > 0 && _code[i - 1] is { Kind: PsTokenKind.Operator, Text: "::" }))];
    }

    public string File { get; }

    public IReadOnlyList<PsToken> Tokens => _code;

    public IReadOnlyList<PsFinding> SyntaxFindings { get; }

    public IReadOnlyList<PsFunction> Functions { get; }

    public PsParamBlock? ScriptParams { get; }

    public PsHelp? ScriptHelp { get; }

    public IReadOnlyList<PsInvocation> Invocations { get; }

    public IReadOnlyList<PsToken> MemberReads { get; }

    /// <summary>Invocations whose name token lies inside the body of <paramref name="function"/>.</summary>
    public IEnumerable<PsInvocation> InvocationsIn(PsFunction function) => Invocations.Where(i => i.TokenIndex > function.BodyStart && i.TokenIndex < function.BodyEnd);

    /// <summary>The code tokens of a function's body.</summary>
    public IEnumerable<PsToken> BodyOf(PsFunction function) => _code.Skip(function.BodyStart + 1).Take(function.BodyEnd - function.BodyStart - 1);

    private int Matching(int open)
    {
        var depth = _code[open].Depth;
        for (var i = open + 1; i < _code.Count; i++)
        {
            if (_code[i].Kind == PsTokenKind.Close && _code[i].Depth == depth)
            {
                return i;
            }
        }

        return _code.Count - 1;
    }

    private List<PsFunction> FindFunctions()
    {
        var functions = new List<PsFunction>();
        for (var i = 0; i + 1 < _code.Count; i++)
        {
            if (_code[i] is not { Kind: PsTokenKind.Word } keyword || !(keyword.Text.Equals("function", StringComparison.OrdinalIgnoreCase) || keyword.Text.Equals("filter", StringComparison.OrdinalIgnoreCase))
                || _code[i + 1].Kind != PsTokenKind.Word || !IsStatementStart(i))
            {
                continue;
            }

            var name = _code[i + 1];
            var body = i + 2;
            while (body < _code.Count && _code[body].Kind == PsTokenKind.NewLine)
            {
                body++;
            }

            if (body >= _code.Count || _code[body] is not { Kind: PsTokenKind.Open, Text: "{" })
            {
                continue;
            }

            var end = Matching(body);
            var help = HelpInside(body, end) ?? HelpBefore(keyword);
            functions.Add(new PsFunction(name.Text, name.Line, ParamBlockAt(body + 1, _code[body].Depth + 1), help, body, end, keyword.Depth == 0));
        }

        return functions;
    }

    /// <summary>The first block comment inside a body, before any code.</summary>
    private PsHelp? HelpInside(int open, int close)
    {
        var start = _all.IndexOf(_code[open]);
        for (var i = start + 1; i < _all.Count && _all[i] != _code[close]; i++)
        {
            switch (_all[i].Kind)
            {
                case PsTokenKind.NewLine:
                    continue;
                case PsTokenKind.Comment when _all[i].Text.StartsWith("<#", StringComparison.Ordinal):
                    return PsHelp.Parse(_all[i].Text, _all[i].Line);
                case PsTokenKind.Comment:
                    continue;
                default:
                    return null;
            }
        }

        return null;
    }

    /// <summary>A block comment right before the function keyword (at most one line between).</summary>
    private PsHelp? HelpBefore(PsToken keyword)
    {
        var at = _all.IndexOf(keyword);
        for (var i = at - 1; i >= 0 && at - i <= 3; i--)
        {
            if (_all[i].Kind == PsTokenKind.Comment && _all[i].Text.StartsWith("<#", StringComparison.Ordinal))
            {
                return PsHelp.Parse(_all[i].Text, _all[i].Line);
            }

            if (_all[i].Kind != PsTokenKind.NewLine)
            {
                return null;
            }
        }

        return null;
    }

    /// <summary>The attributes and param block at the start of a body (or of the file), if it has one.</summary>
    private PsParamBlock? ParamBlockAt(int start, int depth)
    {
        string? cmdletBinding = null;
        var outputTypes = new List<string>();
        var i = start;
        while (i < _code.Count)
        {
            var t = _code[i];
            if (t.Kind == PsTokenKind.NewLine)
            {
                i++;
                continue;
            }

            if (t is { Kind: PsTokenKind.Open, Text: "[" } && t.Depth == depth)
            {
                var close = Matching(i);
                var name = i + 1 < close ? _code[i + 1].Text : "";
                var inner = string.Concat(_code.Skip(i + 2).Take(close - i - 2).Select(x => x.Kind == PsTokenKind.StringLiteral ? $"'{x.Text}'" : x.Kind == PsTokenKind.Variable ? "$" + x.Text : x.Text));
                if (name.Equals("CmdletBinding", StringComparison.OrdinalIgnoreCase))
                {
                    cmdletBinding = inner;
                }
                else if (name.Equals("OutputType", StringComparison.OrdinalIgnoreCase))
                {
                    outputTypes.AddRange(OutputTypeNames(i + 2, close));
                }

                i = close + 1;
                continue;
            }

            if (t is { Kind: PsTokenKind.Word } && t.Text.Equals("param", StringComparison.OrdinalIgnoreCase) && i + 1 < _code.Count && _code[i + 1] is { Kind: PsTokenKind.Open, Text: "(" })
            {
                return new PsParamBlock(ParseParameters(i + 1), cmdletBinding, outputTypes);
            }

            return cmdletBinding is null && outputTypes.Count == 0 ? null : new PsParamBlock([], cmdletBinding, outputTypes);
        }

        return null;
    }

    /// <summary>The types an [OutputType(…)] names: 'Type.Name' strings and [type] literals, not its ParameterSetName.</summary>
    private List<string> OutputTypeNames(int from, int to)
    {
        var names = new List<string>();
        for (var i = from; i < to; i++)
        {
            var x = _code[i];
            if (x.Kind == PsTokenKind.Word && x.Text.Equals("ParameterSetName", StringComparison.OrdinalIgnoreCase))
            {
                i += 2;
            }
            else if (x.Kind == PsTokenKind.StringLiteral || (x.Kind == PsTokenKind.Word && _code[i - 1] is { Kind: PsTokenKind.Open, Text: "[" }))
            {
                names.Add(x.Text);
            }
        }

        return names;
    }

    private List<PsParameter> ParseParameters(int open)
    {
        var close = Matching(open);
        var depth = _code[open].Depth + 1;
        var parameters = new List<PsParameter>();
        var segment = new List<int>();
        for (var i = open + 1; i <= close; i++)
        {
            if (i == close || (_code[i].Kind == PsTokenKind.Comma && _code[i].Depth == depth))
            {
                if (ParseParameter(segment, depth) is { } parameter)
                {
                    parameters.Add(parameter);
                }

                segment.Clear();
                continue;
            }

            segment.Add(i);
        }

        return parameters;
    }

    private PsParameter? ParseParameter(List<int> segment, int depth)
    {
        string? name = null;
        string? type = null;
        var aliases = new List<string>();
        var validateSet = new List<string>();
        var sets = new List<string>();
        bool mandatory = false, fromPipeline = false, byPropertyName = false;
        for (var k = 0; k < segment.Count; k++)
        {
            var i = segment[k];
            var t = _code[i];
            if (t is { Kind: PsTokenKind.Open, Text: "[" } && t.Depth == depth && name is null)
            {
                var close = Matching(i);
                var attribute = _code[i + 1].Text;
                var inner = _code.Skip(i + 2).Take(close - i - 2).ToList();
                var hasArguments = inner.Count > 0 && inner[0] is { Kind: PsTokenKind.Open, Text: "(" };
                if (!hasArguments)
                {
                    type = attribute;
                }
                else if (attribute.Equals("Alias", StringComparison.OrdinalIgnoreCase))
                {
                    aliases.AddRange(inner.Where(x => x.Kind == PsTokenKind.StringLiteral).Select(x => x.Text));
                }
                else if (attribute.Equals("ValidateSet", StringComparison.OrdinalIgnoreCase))
                {
                    validateSet.AddRange(inner.Where(x => x.Kind == PsTokenKind.StringLiteral).Select(x => x.Text));
                }
                else if (attribute.Equals("Parameter", StringComparison.OrdinalIgnoreCase))
                {
                    for (var a = 0; a < inner.Count; a++)
                    {
                        var word = inner[a].Text;
                        var explicitFalse = a + 2 < inner.Count && inner[a + 1].Text == "=" && inner[a + 2] is { Kind: PsTokenKind.Variable, Text: "false" };
                        if (inner[a].Kind != PsTokenKind.Word || explicitFalse)
                        {
                            continue;
                        }

                        mandatory |= word.Equals("Mandatory", StringComparison.OrdinalIgnoreCase);
                        fromPipeline |= word.Equals("ValueFromPipeline", StringComparison.OrdinalIgnoreCase);
                        byPropertyName |= word.Equals("ValueFromPipelineByPropertyName", StringComparison.OrdinalIgnoreCase);
                        if (word.Equals("ParameterSetName", StringComparison.OrdinalIgnoreCase) && a + 2 < inner.Count)
                        {
                            sets.Add(inner[a + 2].Text);
                        }
                    }
                }

                k = segment.IndexOf(close);
                if (k < 0)
                {
                    break;
                }

                continue;
            }

            if (t.Kind == PsTokenKind.Variable && t.Depth == depth && name is null)
            {
                name = t.Text;
                break;
            }
        }

        return name is null ? null : new PsParameter(name, type, aliases, validateSet, sets) { Mandatory = mandatory, FromPipeline = fromPipeline, FromPipelineByPropertyName = byPropertyName };
    }

    /// <summary>The innermost open bracket before token <paramref name="index"/> and the one around it (indices, -1 for none).</summary>
    private (int Inner, int Outer) Enclosing(int index)
    {
        var depth = index < _code.Count ? _code[index].Depth : 0;
        var inner = -1;
        for (var i = index - 1; i >= 0; i--)
        {
            if (_code[i].Kind == PsTokenKind.Open && _code[i].Depth == depth - 1)
            {
                if (inner < 0)
                {
                    inner = i;
                    depth--;
                    continue;
                }

                return (inner, i);
            }
        }

        return (inner, -1);
    }

    /// <summary>True when token <paramref name="index"/> begins a statement or a pipeline element.</summary>
    private bool IsStatementStart(int index)
    {
        var (innerAt, outerAt) = Enclosing(index);
        var inner = innerAt < 0 ? null : _code[innerAt];
        var outer = outerAt < 0 ? null : _code[outerAt];
        if (inner is { Text: "[" } || (inner is { Text: "(" } && outer is { Text: "[" }))
        {
            return false;   // a type literal, an attribute or its arguments
        }

        if (inner is { Text: "(" } && innerAt > 0 && _code[innerAt - 1] is { Kind: PsTokenKind.Member, IsMethod: true })
        {
            return false;   // the arguments of a method call are expressions
        }

        var previous = index > 0 ? _code[index - 1] : null;
        if (previous is null)
        {
            return true;
        }

        if (inner is { Text: "@{" } && previous.Kind is PsTokenKind.NewLine or PsTokenKind.Semicolon or PsTokenKind.Open)
        {
            return false;   // a hashtable key
        }

        return previous.Kind switch
        {
            PsTokenKind.NewLine or PsTokenKind.Semicolon or PsTokenKind.Pipe => true,
            PsTokenKind.Open => previous.Text is "(" or "{" or "$(" or "@(",
            PsTokenKind.Operator => CommandAfterOperator.Contains(previous.Text) && (previous.Text != "." || _code[index].SpaceBefore),
            PsTokenKind.Word => CommandAfterKeyword.Contains(previous.Text),
            _ => false,
        };
    }

    private List<PsInvocation> FindInvocations()
    {
        var invocations = new List<PsInvocation>();
        var definitions = Functions.Select(f => f.Line).ToHashSet();
        for (var i = 0; i < _code.Count; i++)
        {
            var t = _code[i];
            var afterPipe = i > 0 && _code[i - 1].Kind == PsTokenKind.Pipe;
            var aliasOperator = t is { Kind: PsTokenKind.Operator, Text: "%" or "?" } && afterPipe;
            var aliasKeyword = t.Kind == PsTokenKind.Word && afterPipe && (t.Text.Equals("foreach", StringComparison.OrdinalIgnoreCase) || t.Text.Equals("where", StringComparison.OrdinalIgnoreCase));
            if (!aliasOperator && !aliasKeyword
                && (t.Kind != PsTokenKind.Word || !IsStatementStart(i) || Keywords.Contains(t.Text) || !IsCommandNameStart(t.Text[0])))
            {
                continue;
            }

            if (i > 0 && _code[i - 1] is { Kind: PsTokenKind.Word } before && (before.Text.Equals("function", StringComparison.OrdinalIgnoreCase) || before.Text.Equals("filter", StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }

            var parameters = new List<PsToken>();
            var arguments = new List<PsToken>();
            var splat = false;
            PsToken? firstWord = null;
            var j = i + 1;
            for (; j < _code.Count; j++)
            {
                var a = _code[j];
                // The enclosing group's close has a lower depth; a close at this depth ends a nested argument.
                if (a.Depth < t.Depth || (a.Depth == t.Depth && (a.Kind is PsTokenKind.NewLine or PsTokenKind.Semicolon or PsTokenKind.Pipe || a is { Kind: PsTokenKind.Operator, Text: "&&" or "||" })))
                {
                    break;
                }

                arguments.Add(a);
                if (a.Depth != t.Depth)
                {
                    continue;
                }

                if (a.Kind == PsTokenKind.Parameter)
                {
                    parameters.Add(a);
                }
                else if (a.Kind == PsTokenKind.Splat)
                {
                    splat = true;
                }
                else if (arguments.Count == 1 && a.Kind == PsTokenKind.Word)
                {
                    firstWord = a;
                }
            }

            invocations.Add(new PsInvocation(t.Text, t, i, parameters, splat, PipedFrom(i, invocations)) { Arguments = arguments, FirstWord = firstWord });
        }

        return invocations;
    }

    /// <summary>A command name starts with a letter, or is a path (./x.ps1, ../x, \\x); '-5' or '10' are values.</summary>
    private static bool IsCommandNameStart(char c) => char.IsAsciiLetter(c) || c is '.' or '/' or '\\' or '_';

    /// <summary>The invocation whose output feeds the one at <paramref name="index"/> through a pipe, if any.</summary>
    private PsInvocation? PipedFrom(int index, List<PsInvocation> before)
    {
        var p = index - 1;
        while (p >= 0 && _code[p].Kind == PsTokenKind.NewLine)
        {
            p--;
        }

        if (p < 0 || _code[p].Kind != PsTokenKind.Pipe)
        {
            return null;
        }

        // The command whose arguments run right up to this pipe.
        return before.LastOrDefault(b => b.TokenIndex + 1 + b.Arguments.Count == p);
    }
}
