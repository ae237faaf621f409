using System;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Postmortem.Analyzers.Options;

/// <summary>
/// Reads <c>postmortem.*</c> options for one compilation. Values are looked up per syntax tree (an
/// .editorconfig section can differ per folder) and parsed once per distinct set of options.
/// </summary>
internal sealed class OptionsReader
{
    private readonly Compilation _compilation;
    private readonly AnalyzerConfigOptionsProvider _provider;
    private readonly ConcurrentDictionary<(AnalyzerConfigOptions Options, string Key), ImmutableHashSet<ISymbol>> _symbolLists = new();
    private readonly ConcurrentDictionary<string, bool> _configured = new(StringComparer.Ordinal);
    private readonly Func<(AnalyzerConfigOptions Options, string Key), ImmutableHashSet<ISymbol>> _parseSymbols;
    private readonly Func<string, bool> _isConfiguredAnywhere;

    public OptionsReader(Compilation compilation, AnalyzerOptions options)
    {
        _compilation = compilation;
        _provider = options.AnalyzerConfigOptionsProvider;
        _parseSymbols = key => ParseSymbols(key.Options, key.Key);
        _isConfiguredAnywhere = IsConfiguredAnywhere;
    }

    public bool GetBool(PostmortemOption option, SyntaxTree tree)
    {
        var text = GetRaw(option, tree) ?? option.DefaultValue;
        return bool.TryParse(text.Trim(), out var value) ? value : bool.Parse(option.DefaultValue);
    }

    /// <summary>
    /// True when some .editorconfig section or global option sets <paramref name="option"/>; cached per key. A rule that
    /// reads an option on a hot path can ask once and skip <see cref="GetRaw"/> when nothing sets it.
    /// </summary>
    public bool IsConfiguredAnywhere(PostmortemOption option) => _configured.GetOrAdd(option.Key, _isConfiguredAnywhere);

    public string? GetRaw(PostmortemOption option, SyntaxTree tree)
    {
        // Most options are configured nowhere: the answer is cached per key, where the tree's options cost two lookups.
        if (!IsConfiguredAnywhere(option))
        {
            return null;
        }

        if (_provider.GetOptions(tree).TryGetValue(option.Key, out var value) ||
            _provider.GlobalOptions.TryGetValue(option.Key, out value))
        {
            return value;
        }

        return null;
    }

    /// <summary>The MSBuild property a project exposes to analyzers (<c>build_property.X</c>), if any.</summary>
    public string? GetBuildProperty(string name)
        => _provider.GlobalOptions.TryGetValue("build_property." + name, out var value) ? value : null;

    /// <summary>
    /// True when <paramref name="symbol"/>, its original definition, or a type or namespace that contains it
    /// is listed in <c>postmortem.&lt;RuleId&gt;.excluded_symbols</c> for the tree.
    /// </summary>
    public bool IsExcluded(string ruleId, ISymbol? symbol, SyntaxTree tree)
        => IsListed(OptionCatalog.ExcludedSymbols(ruleId), symbol, tree);

    /// <summary>
    /// True when <paramref name="symbol"/>, its original definition, or a type or namespace that contains it is
    /// listed in <paramref name="option"/> (documentation-comment IDs) for the tree. Lists are parsed once per
    /// distinct configuration.
    /// </summary>
    public bool IsListed(PostmortemOption option, ISymbol? symbol, SyntaxTree tree)
    {
        // Symbol lists are rarely configured: most calls end at this cached answer.
        if (symbol is null || !_configured.GetOrAdd(option.Key, _isConfiguredAnywhere))
        {
            return false;
        }

        var configOptions = _provider.GetOptions(tree);
        var listed = _symbolLists.GetOrAdd((configOptions, option.Key), _parseSymbols);
        if (listed.IsEmpty)
        {
            return false;
        }

        for (ISymbol? current = symbol; current is not null; current = current.ContainingSymbol)
        {
            if (listed.Contains(current) || listed.Contains(current.OriginalDefinition)
                || (current is IMethodSymbol { AssociatedSymbol: { } property } && listed.Contains(property.OriginalDefinition)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when the global options or the options of any tree of the compilation set <paramref name="key"/>.</summary>
    private bool IsConfiguredAnywhere(string key)
    {
        if (_provider.GlobalOptions.TryGetValue(key, out _))
        {
            return true;
        }

        foreach (var tree in _compilation.SyntaxTrees)
        {
            if (_provider.GetOptions(tree).TryGetValue(key, out _))
            {
                return true;
            }
        }

        return false;
    }

    private ImmutableHashSet<ISymbol> ParseSymbols(AnalyzerConfigOptions options, string key)
    {
        if (!options.TryGetValue(key, out var text) && !_provider.GlobalOptions.TryGetValue(key, out text))
        {
            return ImmutableHashSet<ISymbol>.Empty;
        }

        var builder = ImmutableHashSet.CreateBuilder<ISymbol>(SymbolEqualityComparer.Default);
        foreach (var id in SplitIds(text))
        {
            foreach (var resolved in DocumentationCommentId.GetSymbolsForDeclarationId(id, _compilation))
            {
                builder.Add(resolved);
            }
        }

        return builder.ToImmutable();
    }

    /// <summary>
    /// Splits a list of documentation-comment IDs. Config files treat <c>;</c> and <c>#</c> as the start of a
    /// comment, so IDs are separated by commas (outside parameter lists) or whitespace, and a constructor may be
    /// written <c>M:Ns.Type.ctor(...)</c> for <c>M:Ns.Type.#ctor(...)</c>.
    /// </summary>
    internal static System.Collections.Generic.IEnumerable<string> SplitIds(string text)
    {
        var depth = 0;
        var start = 0;
        for (var i = 0; i <= text.Length; i++)
        {
            var c = i < text.Length ? text[i] : ',';
            if (c is '(' or '[' or '{')
            {
                depth++;
            }
            else if (c is ')' or ']' or '}')
            {
                depth = Math.Max(0, depth - 1);
            }
            else if (depth == 0 && (c == ',' || c == ';' || char.IsWhiteSpace(c)))
            {
                var id = text.Substring(start, i - start).Trim();
                start = i + 1;
                if (id.Length > 2 && id[1] == ':')
                {
                    yield return NormalizeConstructor(id);
                }
            }
        }
    }

    private static string NormalizeConstructor(string id)
    {
        if (!id.StartsWith("M:", StringComparison.Ordinal))
        {
            return id;
        }

        var nameEnd = id.IndexOf('(');
        var name = nameEnd < 0 ? id : id.Substring(0, nameEnd);
        var rest = nameEnd < 0 ? "" : id.Substring(nameEnd);
        if (name.EndsWith(".cctor", StringComparison.Ordinal))
        {
            name = name.Substring(0, name.Length - "cctor".Length) + "#cctor";
        }
        else if (name.EndsWith(".ctor", StringComparison.Ordinal))
        {
            name = name.Substring(0, name.Length - "ctor".Length) + "#ctor";
        }

        return name + rest;
    }
}
