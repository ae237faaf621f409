using System;

namespace Postmortem.Analyzers.Shared;

/// <summary>An UPDATE or DELETE statement of some SQL text that has nothing restricting the rows it touches.</summary>
internal readonly struct UnfilteredWrite
{
    public UnfilteredWrite(string verb, string table)
    {
        Verb = verb;
        Table = table;
    }

    /// <summary>"UPDATE" or "DELETE".</summary>
    public string Verb { get; }

    /// <summary>The target as written (<c>dbo.Orders</c>, <c>"orders"</c>, <c>[Order Lines]</c>).</summary>
    public string Table { get; }
}

/// <summary>
/// A small SQL reader, enough to tell whether a statement updates or deletes every row of a table. It skips
/// <c>--</c> and (nested) <c>/* */</c> comments, 'string literals' (E'...' and $tag$...$tag$ too), "quoted",
/// [bracketed] and `backtick` identifiers, and splits statements at <c>;</c>. A statement is an unfiltered write
/// when its first keyword outside parentheses — after any <c>WITH</c> common table expressions — is UPDATE or
/// DELETE and nothing outside parentheses restricts its rows: no WHERE, no JOIN (an inner join filters), no TOP or
/// LIMIT (batching), no <c>WHERE CURRENT OF</c>. A WHERE inside parentheses (a subquery in SET) does not count.
/// Temporary tables and table variables (<c>#t</c>, <c>@t</c>) and <c>UPDATE STATISTICS</c> are not writes to a table.
/// </summary>
internal static class SqlText
{
    /// <summary>The first unfiltered UPDATE or DELETE in <paramref name="sql"/>, or null.</summary>
    public static UnfilteredWrite? FindUnfilteredWrite(string sql)
    {
        var reader = new Reader(sql);
        while (!reader.AtEnd)
        {
            var write = ReadStatement(ref reader);
            if (write is not null)
            {
                return write;
            }
        }

        return null;
    }

    /// <summary>Reads one statement up to and including its ';' and returns it when it is an unfiltered write.</summary>
    private static UnfilteredWrite? ReadStatement(ref Reader reader)
    {
        string? verb = null;
        string? table = null;
        var restricted = false;
        var expectTable = false;
        var first = true;
        var inWith = false;
        while (reader.Next(out var token))
        {
            if (token.Kind == TokenKind.Semicolon && token.Depth == 0)
            {
                break;
            }

            if (token.Depth > 0 || token.Kind is TokenKind.Other or TokenKind.OpenParen)
            {
                continue;
            }

            var isWord = token.Kind == TokenKind.Word;
            if (first)
            {
                first = false;
                if (isWord && token.Is("WITH"))
                {
                    inWith = true;
                    continue;
                }

                if (isWord && (token.Is("UPDATE") || token.Is("DELETE")))
                {
                    verb = token.Upper;
                    expectTable = true;
                    continue;
                }

                // Any other statement (SELECT, INSERT, MERGE, CREATE ..., EXEC, IF ...) is skipped whole.
                SkipStatement(ref reader);
                return null;
            }

            if (inWith)
            {
                // WITH a AS (...), b AS (...) <main statement>: the CTE bodies are in parentheses; the first keyword
                // outside them that starts a statement is the main verb.
                if (isWord && (token.Is("UPDATE") || token.Is("DELETE")))
                {
                    inWith = false;
                    verb = token.Upper;
                    expectTable = true;
                }
                else if (isWord && (token.Is("SELECT") || token.Is("INSERT") || token.Is("MERGE")))
                {
                    SkipStatement(ref reader);
                    return null;
                }

                continue;
            }

            if (verb is null)
            {
                continue;
            }

            if (isWord && (token.Is("WHERE") || token.Is("JOIN") || token.Is("TOP") || token.Is("LIMIT")))
            {
                restricted = true;
                continue;
            }

            if (isWord && expectTable && verb == "UPDATE" && token.Is("STATISTICS"))
            {
                // UPDATE STATISTICS t: maintenance, not a write.
                SkipStatement(ref reader);
                return null;
            }

            if (expectTable)
            {
                if (isWord && (token.Is("FROM") || token.Is("ONLY")))
                {
                    continue;
                }

                if (token.Kind is TokenKind.Word or TokenKind.QuotedIdentifier)
                {
                    table = reader.ReadQualifiedName(token);
                    expectTable = false;
                }
            }
        }

        if (verb is null || restricted || reader.Malformed || table is null || table.Length == 0 || table[0] is '#' or '@' or ':' or '?' or '$')
        {
            return null;
        }

        return new UnfilteredWrite(verb, table);
    }

    private static void SkipStatement(ref Reader reader)
    {
        while (reader.Next(out var token))
        {
            if (token.Kind == TokenKind.Semicolon && token.Depth == 0)
            {
                return;
            }
        }
    }

    private enum TokenKind
    {
        Word,
        QuotedIdentifier,
        OpenParen,
        Semicolon,
        Other,
    }

    private readonly struct Token
    {
        public Token(TokenKind kind, string text, int start, int end, int depth)
        {
            Kind = kind;
            Text = text;
            Start = start;
            End = end;
            Depth = depth;
        }

        public TokenKind Kind { get; }

        public string Text { get; }

        public int Start { get; }

        public int End { get; }

        /// <summary>The parenthesis depth the token is at (an opening parenthesis has the depth outside it).</summary>
        public int Depth { get; }

        public string Upper => Text.Substring(Start, End - Start).ToUpperInvariant();

        public bool Is(string keyword)
            => End - Start == keyword.Length && string.Compare(Text, Start, keyword, 0, keyword.Length, StringComparison.OrdinalIgnoreCase) == 0;
    }

    private struct Reader
    {
        private readonly string _text;
        private int _position;
        private int _depth;

        public Reader(string text)
        {
            _text = text;
            _position = 0;
            _depth = 0;
            Malformed = false;
        }

        /// <summary>A string, quoted identifier or comment runs to the end of the text: the SQL is cut or not SQL at all.</summary>
        public bool Malformed { get; private set; }

        public readonly bool AtEnd => _position >= _text.Length;

        /// <summary>The next token, skipping whitespace, comments and string literals (which come back as <see cref="TokenKind.Other"/>).</summary>
        public bool Next(out Token token)
        {
            var text = _text;
            while (_position < text.Length)
            {
                var c = text[_position];
                if (char.IsWhiteSpace(c))
                {
                    _position++;
                    continue;
                }

                var start = _position;
                if (c == '-' && Peek(1) == '-')
                {
                    while (_position < text.Length && text[_position] != '\n')
                    {
                        _position++;
                    }

                    continue;
                }

                if (c == '/' && Peek(1) == '*')
                {
                    SkipBlockComment();
                    continue;
                }

                if (c == '\'')
                {
                    SkipQuoted('\'', '\'');
                    token = new Token(TokenKind.Other, text, start, _position, _depth);
                    return true;
                }

                if (c == '"' || c == '`')
                {
                    SkipQuoted(c, c);
                    token = new Token(TokenKind.QuotedIdentifier, text, start, _position, _depth);
                    return true;
                }

                if (c == '[')
                {
                    SkipQuoted('[', ']');
                    token = new Token(TokenKind.QuotedIdentifier, text, start, _position, _depth);
                    return true;
                }

                if (c == '$' && TryDollarQuote())
                {
                    token = new Token(TokenKind.Other, text, start, _position, _depth);
                    return true;
                }

                if (c == '(')
                {
                    _position++;
                    token = new Token(TokenKind.OpenParen, text, start, _position, _depth);
                    _depth++;
                    return true;
                }

                if (c == ')')
                {
                    _position++;
                    if (_depth > 0)
                    {
                        _depth--;
                    }

                    token = new Token(TokenKind.Other, text, start, _position, _depth);
                    return true;
                }

                if (c == ';')
                {
                    _position++;
                    token = new Token(TokenKind.Semicolon, text, start, _position, _depth);
                    return true;
                }

                if (IsWordStart(c))
                {
                    if ((c == 'E' || c == 'e' || c == 'N' || c == 'n') && Peek(1) == '\'')
                    {
                        // E'...' (PostgreSQL escapes) and N'...' (SQL Server Unicode) are string literals.
                        _position++;
                        SkipQuoted('\'', '\'');
                        token = new Token(TokenKind.Other, text, start, _position, _depth);
                        return true;
                    }

                    _position++;
                    while (_position < text.Length && IsWordPart(text[_position]))
                    {
                        _position++;
                    }

                    token = new Token(TokenKind.Word, text, start, _position, _depth);
                    return true;
                }

                _position++;
                token = new Token(TokenKind.Other, text, start, _position, _depth);
                return true;
            }

            token = default;
            return false;
        }

        /// <summary>The name starting at <paramref name="first"/>, with its <c>.part</c>s: <c>dbo.Orders</c>, <c>"public"."orders"</c>.</summary>
        public string ReadQualifiedName(Token first)
        {
            var end = first.End;
            while (end < _text.Length && _text[end] == '.')
            {
                var save = _position;
                var saveDepth = _depth;
                _position = end + 1;
                if (!Next(out var part) || part.Start != end + 1 || part.Kind is not (TokenKind.Word or TokenKind.QuotedIdentifier))
                {
                    _position = save;
                    _depth = saveDepth;
                    break;
                }

                end = part.End;
            }

            _position = Math.Max(_position, end);
            return _text.Substring(first.Start, end - first.Start);
        }

        private readonly char Peek(int offset) => _position + offset < _text.Length ? _text[_position + offset] : '\0';

        private void SkipBlockComment()
        {
            var nesting = 0;
            while (_position < _text.Length)
            {
                if (_text[_position] == '/' && Peek(1) == '*')
                {
                    nesting++;
                    _position += 2;
                }
                else if (_text[_position] == '*' && Peek(1) == '/')
                {
                    _position += 2;
                    if (--nesting == 0)
                    {
                        return;
                    }
                }
                else
                {
                    _position++;
                }
            }

            Malformed = true;
        }

        /// <summary>Skips from an opening quote to its closing one; a doubled closing quote is an escaped one.</summary>
        private void SkipQuoted(char open, char close)
        {
            _position++;
            while (_position < _text.Length)
            {
                if (_text[_position] == close)
                {
                    if (Peek(1) == close)
                    {
                        _position += 2;
                        continue;
                    }

                    _position++;
                    return;
                }

                if (open == '\'' && _text[_position] == '\\' && Peek(1) == '\'')
                {
                    // MySQL and E'' strings escape with a backslash.
                    _position += 2;
                    continue;
                }

                _position++;
            }

            Malformed = true;
        }

        /// <summary>PostgreSQL's $tag$...$tag$ (or $$...$$) string; false (nothing consumed) for $1 parameters and the like.</summary>
        private bool TryDollarQuote()
        {
            var end = _position + 1;
            while (end < _text.Length && (char.IsLetterOrDigit(_text[end]) || _text[end] == '_'))
            {
                end++;
            }

            if (end >= _text.Length || _text[end] != '$' || (end > _position + 1 && char.IsDigit(_text[_position + 1])))
            {
                return false;
            }

            var tag = _text.Substring(_position, end - _position + 1);
            var close = _text.IndexOf(tag, end + 1, StringComparison.Ordinal);
            _position = close < 0 ? _text.Length : close + tag.Length;
            Malformed |= close < 0;
            return true;
        }

        private static bool IsWordStart(char c) => char.IsLetter(c) || c is '_' or '@' or '#' or ':' or '?';

        private static bool IsWordPart(char c) => char.IsLetterOrDigit(c) || c is '_' or '@' or '#' or '$';
    }
}
