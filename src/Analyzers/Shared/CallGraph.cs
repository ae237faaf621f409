using System.Collections.Generic;
using System.IO;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Postmortem.Analyzers.Symbols;

namespace Postmortem.Analyzers.Shared;

/// <summary>An effect a synchronous method performs itself, and where: "File.ReadAllText" at Settings.cs line 12.</summary>
internal sealed class BuriedEffect
{
    public BuriedEffect(string what, Location location, int kind = 0)
    {
        What = what;
        Location = location;
        Kind = kind;
    }

    public string What { get; }

    /// <summary>What sort of fact this is, for rules that record several (their own numbering; 0 by default).</summary>
    public int Kind { get; }

    public Location Location { get; }

    /// <summary>"Settings.cs line 12".</summary>
    public string Where
    {
        get
        {
            var span = Location.GetLineSpan();
            return Path.GetFileName(span.Path) + " line " + (span.StartLinePosition.Line + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
    }
}

/// <summary>
/// A call to a method of the compilation where an effect buried in it is reported: from an async path to a synchronous
/// method (PM0001, PM0002), or any call made while a rule's condition holds (PM0005: inside an open transaction).
/// </summary>
internal sealed class AsyncCallSite
{
    private readonly SyntaxNode _syntax;

    public AsyncCallSite(IMethodSymbol callee, SyntaxNode syntax, IMethodSymbol function, ISymbol containingSymbol, object? detail = null)
    {
        Callee = callee;
        _syntax = syntax;
        Function = function;
        ContainingSymbol = containingSymbol;
        Detail = detail;
    }

    /// <summary>What the recording rule needs to word its message (PM0005: the open transaction).</summary>
    public object? Detail { get; }

    public IMethodSymbol Callee { get; }

    /// <summary>Where the call is (made from the syntax only for the sites reported).</summary>
    public Location Location => _syntax.GetLocation();

    public SyntaxTree Tree => _syntax.SyntaxTree;

    public IMethodSymbol Function { get; }
    public ISymbol ContainingSymbol { get; }
}

/// <summary>
/// Interprocedural summaries for one rule and one compilation. While the compilation is analyzed, each
/// synchronous method (or local function) records the effect it performs itself (the first, by position) and
/// the methods of the compilation it calls; each async path records its calls to synchronous methods of the
/// compilation. At compilation end <see cref="Resolve"/> combines them once, breadth-first from the effects
/// backwards over the calls (cycles are visited once), up to <see cref="MaxDepth"/> calls deep: linear in the
/// number of methods and calls. Code in lambdas is not attributed to a method (when it runs is unknown); calls
/// through interfaces, abstract methods and methods overridden in the compilation are not followed (the body
/// that runs is not known at the call site).
/// </summary>
internal sealed class CallGraph
{
    /// <summary>How many calls deep an effect is found below the call site in the async path.</summary>
    public const int MaxDepth = 8;

    // Recorded without locks while the compilation is analyzed (calls are frequent and analysis is concurrent);
    // indexed once, at compilation end.
    private readonly IAssemblySymbol _assembly;
    private readonly KnownSymbols _symbols;
    private readonly Recorded<(IMethodSymbol Caller, IMethodSymbol Callee)> _calls = new();
    private readonly Recorded<(IMethodSymbol Method, BuriedEffect Effect)> _effects = new();
    private readonly Recorded<AsyncCallSite> _sites = new();
    private readonly Recorded<IMethodSymbol> _overridden = new();
    private readonly Recorded<(IMethodSymbol Caller, IMethodSymbol Callee, SyntaxNode Site)> _forwardCalls = new();
    private readonly Recorded<(IMethodSymbol Method, BuriedEffect Fact)> _facts = new();

    public CallGraph(KnownSymbols symbols)
    {
        _assembly = symbols.Compilation.Assembly;
        _symbols = symbols;
    }

    /// <summary>
    /// Records a call to <paramref name="target"/> made by <paramref name="owner"/>: an edge when the owner is
    /// synchronous, a call site when it is an async path (outside <c>lock</c>, where awaiting is impossible).
    /// Calls to methods outside the compilation, or without a body here, are ignored.
    /// </summary>
    public void RecordCall(IOperation operation, IMethodSymbol target, in AsyncPath owner, ISymbol containingSymbol, TaskSymbols tasks)
    {
        if (HasBodyInCompilation(target) && !AsyncPaths.IsAsyncFunction(target, tasks))
        {
            RecordCallChecked(operation, target, owner, containingSymbol);
        }
    }

    /// <summary><see cref="RecordCall"/> for a target already known to have a body here and not to be async (an owner outside any function is ignored).</summary>
    private void RecordCallChecked(IOperation operation, IMethodSymbol target, in AsyncPath owner, ISymbol containingSymbol)
    {
        if (owner.Function is null)
        {
            return;
        }

        var callee = Key(target);
        if (!owner.IsAsync)
        {
            _calls.Add((Key(owner.Function), callee));
        }
        else if (!owner.InLock)
        {
            _sites.Add(new AsyncCallSite(callee, operation.Syntax, owner.Function, containingSymbol));
        }
    }

    /// <summary>
    /// Records the call an object creation or a property read makes: constructors and getters of the compilation's own
    /// types are calls too. Other operations, and property writes, are ignored.
    /// </summary>
    public void RecordImplicitCall(OperationAnalysisContext context, KnownSymbols symbols)
    {
        var target = context.Operation switch
        {
            IObjectCreationOperation creation => creation.Constructor,

            IPropertyReferenceOperation { Property: var property } reference
                when MayHaveAccessorsWithBodies(property)
                    && (reference.Parent is not IAssignmentOperation assignment || !ReferenceEquals(assignment.Target, reference))
                => property.GetMethod,
            _ => null,
        };
        if (target is not null && HasBodyInCompilation(target) && !AsyncPaths.IsAsyncFunction(target, symbols.Tasks))
        {
            var owner = AsyncPaths.FindOwner(context.Operation, context.ContainingSymbol, symbols);
            RecordCallChecked(context.Operation, target, owner, context.ContainingSymbol);
        }
    }

    /// <summary>Records an effect performed by a synchronous <paramref name="owner"/>; the first by position is kept.</summary>
    public void RecordEffect(in AsyncPath owner, string what, Location location)
    {
        if (owner.Function is not null && !owner.IsAsync)
        {
            _effects.Add((Key(owner.Function), new BuriedEffect(what, location)));
        }
    }

    /// <summary>
    /// Records a call from <paramref name="caller"/> to <paramref name="target"/> whatever the caller is (async or not), for
    /// rules whose effects matter on every path (PM0005). Calls to methods outside the compilation, or without a body here, are ignored.
    /// </summary>
    public void RecordEdge(IMethodSymbol caller, IMethodSymbol target)
    {
        if (HasBodyInCompilation(target))
        {
            _calls.Add((Key(caller), Key(target)));
        }
    }

    /// <summary>Records an effect <paramref name="function"/> performs itself, async or not; the first by position is kept.</summary>
    public void RecordEffect(IMethodSymbol function, string what, Location location)
        => _effects.Add((Key(function), new BuriedEffect(what, location)));

    /// <summary>Records a call site of <paramref name="target"/> in <paramref name="function"/> where a buried effect is reported, with the rule's <paramref name="detail"/>.</summary>
    public void RecordSite(IMethodSymbol target, SyntaxNode site, IMethodSymbol function, ISymbol containingSymbol, object? detail)
    {
        if (HasBodyInCompilation(target))
        {
            _sites.Add(new AsyncCallSite(Key(target), site, function, containingSymbol, detail));
        }
    }

    /// <summary>Records that <paramref name="method"/> overrides another method: calls to that one are not followed.</summary>
    public void RecordDeclaration(IMethodSymbol method)
    {
        if (method.OverriddenMethod is { } overridden)
        {
            _overridden.Add(Key(overridden));
        }
    }

    /// <summary>Each recorded call site whose callee performs an effect through at most <see cref="MaxDepth"/> calls, with the chain.</summary>
    public List<(AsyncCallSite Site, BuriedEffect Effect, IReadOnlyList<IMethodSymbol> Chain)> Resolve(System.Threading.CancellationToken cancellationToken)
    {
        var overridden = new HashSet<IMethodSymbol>(_overridden, SymbolEqualityComparer.Default);

        // Each method's first effect by position (analysis order is not deterministic).
        var effects = new Dictionary<IMethodSymbol, BuriedEffect>(SymbolEqualityComparer.Default);
        foreach (var (method, effect) in _effects)
        {
            if (!effects.TryGetValue(method, out var first) || IsBefore(effect.Location, first.Location))
            {
                effects[method] = effect;
            }
        }

        var next = new Dictionary<IMethodSymbol, IMethodSymbol?>(SymbolEqualityComparer.Default);
        var level = new List<IMethodSymbol>();
        foreach (var method in effects.Keys)
        {
            if (!overridden.Contains(method))
            {
                level.Add(method);
                next[method] = null;
            }
        }

        var callers = new Dictionary<IMethodSymbol, List<IMethodSymbol>>(SymbolEqualityComparer.Default);
        foreach (var (caller, callee) in _calls)
        {
            if (!callers.TryGetValue(callee, out var list))
            {
                callers[callee] = list = new List<IMethodSymbol>();
            }

            list.Add(caller);
        }

        // Breadth-first from the effects backwards; each level in a stable order, so the chain a message names is deterministic.
        for (var depth = 1; depth < MaxDepth && level.Count > 0; depth++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            level.Sort(CompareByLocation);
            var nextLevel = new List<IMethodSymbol>();
            foreach (var method in level)
            {
                if (!callers.TryGetValue(method, out var list))
                {
                    continue;
                }

                foreach (var caller in list)
                {
                    if (!next.ContainsKey(caller) && !overridden.Contains(caller))
                    {
                        next[caller] = method;
                        nextLevel.Add(caller);
                    }
                }
            }

            level = nextLevel;
        }

        var results = new List<(AsyncCallSite, BuriedEffect, IReadOnlyList<IMethodSymbol>)>();
        foreach (var site in _sites)
        {
            if (!next.ContainsKey(site.Callee))
            {
                continue;
            }

            var chain = new List<IMethodSymbol>();
            var current = site.Callee;
            while (next[current] is { } following)
            {
                chain.Add(following);
                current = following;
            }

            results.Add((site, effects[current], chain));
        }

        return results;
    }

    /// <summary>
    /// Reports each call site whose callee performs an effect (see <see cref="Resolve"/>) with <paramref name="descriptor"/>:
    /// {0} the call, {1} the async function, {2} the effect, {3} where it is, {4} the chain of calls below the callee.
    /// Nothing is reported for a call site in suppressed code, or when the user excluded the callee or a method on the chain.
    /// </summary>
    public void ReportBuriedEffects(CompilationAnalysisContext context, RuleContext rule, DiagnosticDescriptor descriptor)
    {
        foreach (var (site, effect, chain) in Resolve(context.CancellationToken))
        {
            if (!IsReportable(rule, site, chain))
            {
                continue;
            }

            context.ReportDiagnostic(Diagnostic.Create(
                descriptor,
                site.Location,
                CallName(site.Callee),
                AsyncPaths.Describe(site.Function, site.ContainingSymbol),
                effect.What,
                effect.Where,
                Via(chain)));
        }
    }

    /// <summary>
    /// Forward summaries, for rules that start from entry points (message handlers) rather than from async paths: records
    /// that <paramref name="caller"/> (any method, synchronous or not; code in its lambdas included) calls <paramref name="target"/>
    /// at <paramref name="site"/>. Calls to methods outside the compilation, or without a body here (auto-property getters
    /// included: property reads are frequent, and what is recorded lives until compilation end), are ignored.
    /// </summary>
    public void RecordForwardCall(IMethodSymbol caller, IMethodSymbol target, SyntaxNode site)
    {
        if (HasBodyInCompilation(target))
        {
            _forwardCalls.Add((Key(caller), Key(target), site));
        }
    }

    /// <summary>Records a fact (an effect, or evidence against one) that <paramref name="method"/>'s own code shows, for <see cref="ResolveForward"/>.</summary>
    public void RecordFact(IMethodSymbol method, BuriedEffect fact) => _facts.Add((Key(method), fact));

    /// <summary>Indexes the forward calls and facts once (compilation end); queries on the result are linear in what they reach.</summary>
    public ForwardSummaries ResolveForward()
    {
        var overridden = new HashSet<IMethodSymbol>(_overridden, SymbolEqualityComparer.Default);
        var calls = new Dictionary<IMethodSymbol, List<(IMethodSymbol Callee, SyntaxNode Site)>>(SymbolEqualityComparer.Default);
        foreach (var (caller, callee, site) in _forwardCalls)
        {
            if (!calls.TryGetValue(caller, out var list))
            {
                calls[caller] = list = new List<(IMethodSymbol, SyntaxNode)>();
            }

            list.Add((callee, site));
        }

        var facts = new Dictionary<IMethodSymbol, List<BuriedEffect>>(SymbolEqualityComparer.Default);
        foreach (var (method, fact) in _facts)
        {
            if (!facts.TryGetValue(method, out var list))
            {
                facts[method] = list = new List<BuriedEffect>();
            }

            list.Add(fact);
        }

        foreach (var list in facts.Values)
        {
            list.Sort(static (x, y) => IsBefore(x.Location, y.Location) ? -1 : IsBefore(y.Location, x.Location) ? 1 : 0);
        }

        return new ForwardSummaries(calls, facts, overridden);
    }

    /// <summary>False for a call site in suppressed code, or when the user excluded the callee or a method on the chain.</summary>
    public static bool IsReportable(RuleContext rule, AsyncCallSite site, IReadOnlyList<IMethodSymbol> chain)
    {
        var tree = site.Tree;
        return !rule.IsSuppressedFor(site.ContainingSymbol, tree) && !rule.Options.IsExcluded(rule.RuleId, site.Callee, tree) && !AnyExcluded(rule, chain, tree);
    }

    /// <summary>" (via 'Report.Collect()' → 'Report.ReadTemplate()')", or "" for an effect in the callee itself.</summary>
    public static string Via(IReadOnlyList<IMethodSymbol> chain)
    {
        var via = new StringBuilder();
        for (var i = 0; i < chain.Count; i++)
        {
            via.Append(i == 0 ? " (via '" : " → '").Append(CallName(chain[i])).Append('\'');
        }

        if (via.Length > 0)
        {
            via.Append(')');
        }

        return via.ToString();
    }

    /// <summary>"Settings.Load()", "new Settings()", "Settings.Current" as a call reads in a message.</summary>
    public static string CallName(IMethodSymbol method) => method.MethodKind switch
    {
        MethodKind.Constructor => "new " + method.ContainingType.Name + "()",
        MethodKind.PropertyGet when method.AssociatedSymbol is { } property => method.ContainingType.Name + "." + property.Name,
        MethodKind.LocalFunction => method.Name + "()",
        _ => method.ContainingType.Name + "." + method.Name + "()",
    };

    private static bool AnyExcluded(RuleContext rule, IReadOnlyList<IMethodSymbol> chain, SyntaxTree tree)
    {
        foreach (var method in chain)
        {
            if (rule.Options.IsExcluded(rule.RuleId, method, tree))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>One symbol per method: generic definitions, the declaring part of partial methods, unreduced extensions.</summary>
    internal static IMethodSymbol Key(IMethodSymbol method)
    {
        method = (method.ReducedFrom ?? method).OriginalDefinition;
        return method.PartialDefinitionPart ?? method;
    }

    /// <summary>
    /// False for a property whose accessors cannot have a body here (abstract, or declared by another assembly): checked
    /// before asking for an accessor, which for a member of a generic or retargeted type is made on request.
    /// </summary>
    public bool MayHaveAccessorsWithBodies(IPropertySymbol property)
        => !property.IsAbstract && property.ContainingAssembly.IsSameAssemblyAs(_assembly);

    /// <summary>True for a method of the compilation with a body here: the only calls the graph records (cheap; check before finding the owner).</summary>
    public bool HasBodyInCompilation(IMethodSymbol target)
        => target.ContainingAssembly.IsSameAssemblyAs(_assembly)
           && !target.IsAbstract
           && !target.IsExtern
           && target.ContainingType?.TypeKind != TypeKind.Interface
           && !target.IsImplicitlyDeclared
           && !_symbols.AutoProperties.IsAutoPropertyGetter(target);

    private static int CompareByLocation(IMethodSymbol x, IMethodSymbol y)
    {
        var left = x.Locations.Length > 0 ? x.Locations[0] : Location.None;
        var right = y.Locations.Length > 0 ? y.Locations[0] : Location.None;
        var byPath = string.CompareOrdinal(left.SourceTree?.FilePath, right.SourceTree?.FilePath);
        return byPath != 0 ? byPath : left.SourceSpan.Start.CompareTo(right.SourceSpan.Start);
    }

    private static bool IsBefore(Location x, Location y)
    {
        var byPath = string.CompareOrdinal(x.SourceTree?.FilePath, y.SourceTree?.FilePath);
        return byPath < 0 || (byPath == 0 && x.SourceSpan.Start < y.SourceSpan.Start);
    }
}

/// <summary>
/// The forward view of a <see cref="CallGraph"/>: what each method does itself and whom it calls, and what is reachable
/// from an entry point through at most <see cref="CallGraph.MaxDepth"/> calls (cycles visited once).
/// </summary>
internal sealed class ForwardSummaries
{
    private static readonly List<BuriedEffect> s_noFacts = new();
    private static readonly List<(IMethodSymbol, SyntaxNode)> s_noCalls = new();
    private readonly Dictionary<IMethodSymbol, List<(IMethodSymbol Callee, SyntaxNode Site)>> _calls;
    private readonly Dictionary<IMethodSymbol, List<BuriedEffect>> _facts;
    private readonly HashSet<IMethodSymbol> _overridden;
    private readonly HashSet<IMethodSymbol> _prepared = new(SymbolEqualityComparer.Default);
    private System.Func<IMethodSymbol, List<(IMethodSymbol Callee, SyntaxNode Site)>?>? _lateCalls;

    internal ForwardSummaries(Dictionary<IMethodSymbol, List<(IMethodSymbol, SyntaxNode)>> calls, Dictionary<IMethodSymbol, List<BuriedEffect>> facts, HashSet<IMethodSymbol> overridden)
    {
        _calls = calls;
        _facts = facts;
        _overridden = overridden;
    }

    /// <summary>The facts <paramref name="method"/>'s own code shows, in source order.</summary>
    public IReadOnlyList<BuriedEffect> FactsOf(IMethodSymbol method) => _facts.TryGetValue(CallGraph.Key(method), out var list) ? list : s_noFacts;

    /// <summary>
    /// Calls known only when asked for (PM0006: a call through an interface, to its one implementation), resolved for a method
    /// the first time a query reaches it: most methods are never reached, and resolving costs a lookup of the implementation.
    /// Queries are single-threaded (compilation end).
    /// </summary>
    public void AddLateCalls(System.Func<IMethodSymbol, List<(IMethodSymbol Callee, SyntaxNode Site)>?> lateCalls) => _lateCalls = lateCalls;

    /// <summary>
    /// The calls <paramref name="method"/>'s own code makes to methods of the compilation. Calls to an overridden method are
    /// not followed (an override may run instead); they are dropped the first time a query reaches the caller, and the late
    /// calls are added then.
    /// </summary>
    public IReadOnlyList<(IMethodSymbol Callee, SyntaxNode Site)> CallsOf(IMethodSymbol method)
    {
        var key = CallGraph.Key(method);
        _calls.TryGetValue(key, out var calls);
        if (_prepared.Add(key))
        {
            calls?.RemoveAll(call => _overridden.Contains(call.Callee));
            if (_lateCalls?.Invoke(key) is { Count: > 0 } late)
            {
                if (calls is null)
                {
                    _calls[key] = calls = new List<(IMethodSymbol, SyntaxNode)>();
                }

                calls.AddRange(late);
            }
        }

        return calls ?? s_noCalls;
    }

    /// <summary>
    /// Every fact of <paramref name="root"/> and of the methods it reaches, with the method that shows it and the chain of calls
    /// from the root (empty for the root's own facts). With <paramref name="scope"/>, only the root's facts and calls inside
    /// that node (a lambda, a loop) count.
    /// </summary>
    public List<(BuriedEffect Fact, IMethodSymbol Method, IReadOnlyList<IMethodSymbol> Chain)> Reachable(IMethodSymbol root, SyntaxNode? scope, System.Threading.CancellationToken cancellationToken)
    {
        root = CallGraph.Key(root);
        var results = new List<(BuriedEffect, IMethodSymbol, IReadOnlyList<IMethodSymbol>)>();
        foreach (var fact in FactsOf(root))
        {
            if (scope is null || Contains(scope, fact.Location))
            {
                results.Add((fact, root, System.Array.Empty<IMethodSymbol>()));
            }
        }

        var previous = new Dictionary<IMethodSymbol, IMethodSymbol?>(SymbolEqualityComparer.Default) { [root] = null };
        var level = new List<IMethodSymbol>();
        foreach (var (callee, site) in CallsOf(root))
        {
            if ((scope is null || (site.SyntaxTree == scope.SyntaxTree && scope.Span.Contains(site.Span))) && !previous.ContainsKey(callee))
            {
                previous[callee] = null;
                level.Add(callee);
            }
        }

        for (var depth = 1; depth <= CallGraph.MaxDepth && level.Count > 0; depth++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var nextLevel = new List<IMethodSymbol>();
            foreach (var method in level)
            {
                var facts = FactsOf(method);
                if (facts.Count > 0)
                {
                    var chain = ChainTo(method, previous);
                    foreach (var fact in facts)
                    {
                        results.Add((fact, method, chain));
                    }
                }

                foreach (var (callee, _) in CallsOf(method))
                {
                    if (!previous.ContainsKey(callee))
                    {
                        previous[callee] = method;
                        nextLevel.Add(callee);
                    }
                }
            }

            level = nextLevel;
        }

        return results;
    }

    private static List<IMethodSymbol> ChainTo(IMethodSymbol method, Dictionary<IMethodSymbol, IMethodSymbol?> previous)
    {
        var chain = new List<IMethodSymbol>();
        for (IMethodSymbol? current = method; current is not null; current = previous[current])
        {
            chain.Add(current);
        }

        chain.Reverse();
        return chain;
    }

    private static bool Contains(SyntaxNode scope, Location location)
        => location.SourceTree == scope.SyntaxTree && scope.Span.Contains(location.SourceSpan);
}
