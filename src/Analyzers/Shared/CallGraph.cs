using System.Collections.Concurrent;
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
    public BuriedEffect(string what, Location location)
    {
        What = what;
        Location = location;
    }

    public string What { get; }

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
    public AsyncCallSite(IMethodSymbol callee, Location location, IMethodSymbol function, ISymbol containingSymbol, object? detail = null)
    {
        Callee = callee;
        Location = location;
        Function = function;
        ContainingSymbol = containingSymbol;
        Detail = detail;
    }

    /// <summary>What the recording rule needs to word its message (PM0005: the open transaction).</summary>
    public object? Detail { get; }

    public IMethodSymbol Callee { get; }
    public Location Location { get; }
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

    private readonly IAssemblySymbol _assembly;
    private readonly ConcurrentDictionary<IMethodSymbol, Node> _nodes = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentQueue<AsyncCallSite> _sites = new();
    private readonly ConcurrentDictionary<IMethodSymbol, byte> _overridden = new(SymbolEqualityComparer.Default);

    public CallGraph(Compilation compilation) => _assembly = compilation.Assembly;

    /// <summary>
    /// Records a call to <paramref name="target"/> made by <paramref name="owner"/>: an edge when the owner is
    /// synchronous, a call site when it is an async path (outside <c>lock</c>, where awaiting is impossible).
    /// Calls to methods outside the compilation, or without a body here, are ignored.
    /// </summary>
    public void RecordCall(IOperation operation, IMethodSymbol target, in AsyncPath owner, ISymbol containingSymbol, TaskSymbols tasks)
    {
        if (owner.Function is null || !HasBodyInCompilation(target) || AsyncPaths.IsAsyncFunction(target, tasks))
        {
            return;
        }

        var callee = Key(target);
        if (!owner.IsAsync)
        {
            NodeOf(Key(owner.Function)).AddCallee(callee);
        }
        else if (!owner.InLock)
        {
            _sites.Enqueue(new AsyncCallSite(callee, operation.Syntax.GetLocation(), owner.Function, containingSymbol));
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
            IPropertyReferenceOperation reference when reference.Parent is not IAssignmentOperation assignment || !ReferenceEquals(assignment.Target, reference)
                => reference.Property.GetMethod,
            _ => null,
        };
        if (target is not null && HasBodyInCompilation(target))
        {
            var owner = AsyncPaths.FindOwner(context.Operation, context.ContainingSymbol, symbols);
            RecordCall(context.Operation, target, owner, context.ContainingSymbol, symbols.Tasks);
        }
    }

    /// <summary>Records an effect performed by a synchronous <paramref name="owner"/>; the first by position is kept.</summary>
    public void RecordEffect(in AsyncPath owner, string what, Location location)
    {
        if (owner.Function is not null && !owner.IsAsync)
        {
            NodeOf(Key(owner.Function)).SetEffect(new BuriedEffect(what, location));
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
            NodeOf(Key(caller)).AddCallee(Key(target));
        }
    }

    /// <summary>Records an effect <paramref name="function"/> performs itself, async or not; the first by position is kept.</summary>
    public void RecordEffect(IMethodSymbol function, string what, Location location)
        => NodeOf(Key(function)).SetEffect(new BuriedEffect(what, location));

    /// <summary>Records a call site of <paramref name="target"/> in <paramref name="function"/> where a buried effect is reported, with the rule's <paramref name="detail"/>.</summary>
    public void RecordSite(IMethodSymbol target, Location location, IMethodSymbol function, ISymbol containingSymbol, object? detail)
    {
        if (HasBodyInCompilation(target))
        {
            _sites.Enqueue(new AsyncCallSite(Key(target), location, function, containingSymbol, detail));
        }
    }

    /// <summary>Records that <paramref name="method"/> overrides another method: calls to that one are not followed.</summary>
    public void RecordDeclaration(IMethodSymbol method)
    {
        if (method.OverriddenMethod is { } overridden)
        {
            _overridden.TryAdd(Key(overridden), 0);
        }
    }

    /// <summary>Each recorded call site whose callee performs an effect through at most <see cref="MaxDepth"/> calls, with the chain.</summary>
    public List<(AsyncCallSite Site, BuriedEffect Effect, IReadOnlyList<IMethodSymbol> Chain)> Resolve(System.Threading.CancellationToken cancellationToken)
    {
        var next = new Dictionary<IMethodSymbol, IMethodSymbol?>(SymbolEqualityComparer.Default);
        var callers = new Dictionary<IMethodSymbol, List<IMethodSymbol>>(SymbolEqualityComparer.Default);
        var level = new List<IMethodSymbol>();
        foreach (var pair in _nodes)
        {
            if (pair.Value.Effect is not null && !_overridden.ContainsKey(pair.Key))
            {
                level.Add(pair.Key);
                next[pair.Key] = null;
            }

            foreach (var callee in pair.Value.Callees())
            {
                if (!callers.TryGetValue(callee, out var list))
                {
                    callers[callee] = list = new List<IMethodSymbol>();
                }

                list.Add(pair.Key);
            }
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
                    if (!next.ContainsKey(caller) && !_overridden.ContainsKey(caller))
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

            results.Add((site, _nodes[current].Effect!, chain));
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

    /// <summary>False for a call site in suppressed code, or when the user excluded the callee or a method on the chain.</summary>
    public static bool IsReportable(RuleContext rule, AsyncCallSite site, IReadOnlyList<IMethodSymbol> chain)
    {
        var tree = site.Location.SourceTree;
        return tree is not null && !rule.IsSuppressedFor(site.ContainingSymbol, tree) && !rule.Options.IsExcluded(rule.RuleId, site.Callee, tree) && !AnyExcluded(rule, chain, tree);
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

    private Node NodeOf(IMethodSymbol method) => _nodes.GetOrAdd(method, static _ => new Node());

    /// <summary>One symbol per method: generic definitions, the declaring part of partial methods, unreduced extensions.</summary>
    private static IMethodSymbol Key(IMethodSymbol method)
    {
        method = (method.ReducedFrom ?? method).OriginalDefinition;
        return method.PartialDefinitionPart ?? method;
    }

    /// <summary>True for a method of the compilation with a body here: the only calls the graph records (cheap; check before finding the owner).</summary>
    public bool HasBodyInCompilation(IMethodSymbol target)
        => !target.IsAbstract
           && !target.IsExtern
           && target.ContainingType?.TypeKind != TypeKind.Interface
           && SymbolEqualityComparer.Default.Equals(target.ContainingAssembly, _assembly)
           && !target.IsImplicitlyDeclared;

    private static int CompareByLocation(IMethodSymbol x, IMethodSymbol y)
    {
        var left = x.Locations.Length > 0 ? x.Locations[0] : Location.None;
        var right = y.Locations.Length > 0 ? y.Locations[0] : Location.None;
        var byPath = string.CompareOrdinal(left.SourceTree?.FilePath, right.SourceTree?.FilePath);
        return byPath != 0 ? byPath : left.SourceSpan.Start.CompareTo(right.SourceSpan.Start);
    }

    private sealed class Node
    {
        private readonly object _gate = new();
        private readonly List<IMethodSymbol> _callees = new();

        public BuriedEffect? Effect { get; private set; }

        public void AddCallee(IMethodSymbol callee)
        {
            lock (_gate)
            {
                _callees.Add(callee);
            }
        }

        public IMethodSymbol[] Callees()
        {
            lock (_gate)
            {
                return _callees.ToArray();
            }
        }

        public void SetEffect(BuriedEffect effect)
        {
            lock (_gate)
            {
                if (Effect is null || IsBefore(effect.Location, Effect.Location))
                {
                    Effect = effect;
                }
            }
        }

        private static bool IsBefore(Location x, Location y)
        {
            var byPath = string.CompareOrdinal(x.SourceTree?.FilePath, y.SourceTree?.FilePath);
            return byPath < 0 || (byPath == 0 && x.SourceSpan.Start < y.SourceSpan.Start);
        }
    }
}
