using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Postmortem.Analyzers.Knowledge;
using Postmortem.Analyzers.Options;
using Postmortem.Analyzers.Shared;
using Postmortem.Analyzers.Symbols;

namespace Postmortem.Analyzers.Rules.Async;

/// <summary>
/// PM0001: a call that blocks the thread on I/O or a wait (see <see cref="BlockingApis"/>) on an async path, reported
/// live; and, at compilation end, a call from an async path to a synchronous method of the compilation that performs
/// such a call itself or through further calls (<see cref="CallGraph"/>).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class PM0001BlockingCallInAsyncPathAnalyzer : PostmortemAnalyzer
{
    public PM0001BlockingCallInAsyncPathAnalyzer()
        : base(Descriptors.PM0001BlockingCallInAsyncPath, Descriptors.PM0001BlockingHelperInAsyncPath)
    {
    }

    private protected override bool AppliesTo(RuleContext context) => context.Symbols.Tasks.Task is not null;

    private protected override void Register(RuleContext context)
    {
        var graph = new CallGraph(context.Symbols);
        context.RegisterOperationAction(c => AnalyzeInvocation(c, context, graph), OperationKind.Invocation);
        context.RegisterOperationAction(c => graph.RecordImplicitCall(c, context.Symbols), OperationKind.ObjectCreation, OperationKind.PropertyReference);
        context.RegisterSymbolAction(c => graph.RecordDeclaration((IMethodSymbol)c.Symbol), SymbolKind.Method);
        context.RegisterCompilationEndAction(c => graph.ReportBuriedEffects(c, context, Descriptors.PM0001BlockingHelperInAsyncPath));
    }

    private void AnalyzeInvocation(OperationAnalysisContext context, RuleContext rule, CallGraph graph)
    {
        var invocation = (IInvocationOperation)context.Operation;
        var symbols = rule.Symbols;
        var target = invocation.TargetMethod;
        var tree = invocation.Syntax.SyntaxTree;

        // Cheap questions first: most calls neither block nor reach a method of the compilation. The compilation's own
        // methods never block themselves; their bodies are summarized instead.
        var own = target.ContainingAssembly.IsSameAssemblyAs(rule.Compilation.Assembly);
        var api = own ? null : symbols.BlockingApis.FindOutsideCompilation(invocation);
        var followed = own && graph.HasBodyInCompilation(target);
        var listed = api is null && rule.Options.IsListed(OptionCatalog.AdditionalBlockingSymbols, target, tree);
        if (api is null && !followed && !listed)
        {
            return;
        }

        var owner = AsyncPaths.FindOwner(invocation, context.ContainingSymbol, symbols);
        if (owner.Function is null)
        {
            return;
        }

        if (followed)
        {
            graph.RecordCall(invocation, target, owner, context.ContainingSymbol, symbols.Tasks);
        }

        if (api is null && !listed)
        {
            return;
        }

        var apiName = api?.Name ?? target.ContainingType.Name + "." + target.Name;
        if (rule.Options.IsExcluded(Rule.Id, target, tree))
        {
            return;
        }

        if (!owner.IsAsync)
        {
            graph.RecordEffect(owner, apiName!, invocation.Syntax.GetLocation());
            return;
        }

        if (owner.InLock || IsOwnMemberInStreamOverride(invocation, owner.Function!, symbols.Blocking) || IsInsideCounterpart(owner.Function!, target, api)
            || rule.IsSuppressedFor(context.ContainingSymbol, tree))
        {
            return;
        }

        var counterpart = api?.CounterpartName ?? target.ContainingType.Name + "." + target.Name + "Async";
        context.ReportDiagnostic(Diagnostic.Create(
            Rule,
            invocation.Syntax.GetLocation(),
            apiName,
            AsyncPaths.Describe(owner.Function!, context.ContainingSymbol),
            counterpart));
    }

    /// <summary>
    /// Inside an async override of a Stream, TextReader or TextWriter member, calls to the type's own synchronous
    /// members: the type decides how its async members work (often a memory buffer flushed by the sync one).
    /// </summary>
    private static bool IsOwnMemberInStreamOverride(IInvocationOperation invocation, IMethodSymbol function, BlockingSymbols symbols)
    {
        if (!function.IsOverride || invocation.Instance?.WithoutConversions() is not IInstanceReferenceOperation)
        {
            return false;
        }

        var type = function.ContainingType;
        return type.InheritsFromOrEquals(symbols.Stream) || type.InheritsFromOrEquals(symbols.TextReader) || type.InheritsFromOrEquals(symbols.TextWriter);
    }

    /// <summary>
    /// A call inside the very counterpart it would be replaced by (<c>ReadAsync</c> implemented with <c>Read</c>):
    /// the fix would recurse, and the type chose to implement its async member that way.
    /// </summary>
    private static bool IsInsideCounterpart(IMethodSymbol function, IMethodSymbol target, BlockingApi? api)
    {
        if (api?.Counterpart is not { } counterpart || function.Name != counterpart.Name)
        {
            return false;
        }

        return function.ContainingType.InheritsFromOrEquals(target.ContainingType.OriginalDefinition) || function.ContainingType.Implements(target.ContainingType.OriginalDefinition);
    }
}
