using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Postmortem.Analyzers.Knowledge;
using Postmortem.Analyzers.Shared;
using Postmortem.Analyzers.Symbols;

namespace Postmortem.Analyzers.Rules.Resources;

/// <summary>
/// PM0004: a client that owns a connection pool (see <see cref="PooledClients"/>) created where it runs per call, per loop
/// iteration or per request, judged by the same <see cref="ExecutionFrequency"/> as PM0003's HttpClient. Every instance
/// opens its own connections; clients created per operation pile them up until the server or the process gives out.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class PM0004PooledClientPerOperationAnalyzer : PostmortemAnalyzer
{
    private static readonly string[] s_linqNamespace = ["Linq", "System"];

    /// <summary>Diagnostic property for the code fix: "true" when the factory connects before it returns (hoisted behind a Lazy).</summary>
    public const string ConnectsProperty = "Connects";

    private static readonly ImmutableDictionary<string, string?> s_connects = ImmutableDictionary<string, string?>.Empty.Add(ConnectsProperty, "true");

    public PM0004PooledClientPerOperationAnalyzer()
        : base(Descriptors.PM0004PooledClientPerOperation)
    {
    }

    private protected override bool AppliesTo(RuleContext context) => !context.Symbols.PooledClients.IsEmpty;

    private protected override void Register(RuleContext context)
    {
        var clients = context.Symbols.PooledClients;
        if (clients.HasCreations)
        {
            context.RegisterOperationAction(c => Analyze(c, context, clients.Find((IObjectCreationOperation)c.Operation)), OperationKind.ObjectCreation);
        }

        if (clients.HasFactories)
        {
            context.RegisterOperationAction(c => Analyze(c, context, clients.Find((IInvocationOperation)c.Operation)), OperationKind.Invocation);
        }
    }

    /// <summary>
    /// Outside the construction of a per-request type, the client is kept for later: assigned to a field, property or element, put in an object initializer,
    /// wrapped in a new object or added to a collection, directly or through the local it initializes; or, in a method or
    /// local function, returned: a factory method's callers decide how often it runs (a <c>Lazy</c>, a singleton
    /// registration, or every operation), which the rule does not follow. Its lifetime is decided by whatever keeps it (a pool, a
    /// provider, a cache per key), which the rule cannot see: when unsure, it does not report.
    /// </summary>
    private static bool IsCached(IOperation creation, bool returnsCount)
    {
        var value = Outermost(creation);
        if (IsStored(value) || (returnsCount && value.Parent is IReturnOperation))
        {
            return true;
        }

        ILocalSymbol local;
        if (value.Parent is IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator })
        {
            local = declarator.Symbol;
        }
        else if (value.Parent is ISimpleAssignmentOperation { Target: ILocalReferenceOperation assigned } assignment && ReferenceEquals(assignment.Value, value))
        {
            local = assigned.Local; // IConnection connection = null; ... connection = await factory.CreateConnectionAsync();
        }
        else
        {
            return false;
        }

        IOperation current = value;
        while (current.Parent is { } parent && parent is not IAnonymousFunctionOperation and not ILocalFunctionOperation)
        {
            current = parent;
        }

        foreach (var descendant in current.Descendants())
        {
            if (descendant is ILocalReferenceOperation reference
                && SymbolEqualityComparer.Default.Equals(reference.Local, local)
                && (IsStored(Outermost(reference)) || (returnsCount && Outermost(reference).Parent is IReturnOperation)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A factory lambda that is returned, stored or passed to a constructor: whoever keeps it decides how often it runs (a pool creating its connection).</summary>
    private static bool IsHandedOut(IAnonymousFunctionOperation lambda)
    {
        var value = Outermost(lambda);
        return value.Parent is IReturnOperation || IsStored(value);
    }

    /// <summary>
    /// A lambda that returns the client, handed to a method that keeps it as a factory (<c>ClientFactory(_ =&gt; new MongoClient(url))</c>):
    /// like a factory method, its caller decides how often it runs. Not for a scoped or transient registration, which runs it
    /// per scope or resolution, nor for a LINQ operator, which runs it per element.
    /// </summary>
    private static bool IsClientFactory(IAnonymousFunctionOperation lambda, ITypeSymbol? client, KnownSymbols symbols)
    {
        if (Outermost(lambda).Parent is not IArgumentOperation { Parent: IInvocationOperation receiver }
            || receiver.TargetMethod.ContainingNamespace.IsNamespace(s_linqNamespace)
            || (DependencyInjectionKnowledge.TryGetRegistration(receiver, symbols.DependencyInjection, out var registration) && !registration.LivesForTheApplication))
        {
            return false;
        }

        client = Unwrapped(client, symbols.Tasks);
        return client is not null
            && Unwrapped(lambda.Symbol.ReturnType, symbols.Tasks) is INamedTypeSymbol type
            && (client.InheritsFromOrEquals(type) || client.Implements(type));
    }

    /// <summary>T for a Task&lt;T&gt; or ValueTask&lt;T&gt;, the type itself otherwise.</summary>
    private static ITypeSymbol? Unwrapped(ITypeSymbol? type, TaskSymbols tasks)
        => type is INamedTypeSymbol { IsGenericType: true, TypeArguments.Length: 1 } wrapper && tasks.IsTaskLike(wrapper) ? wrapper.TypeArguments[0] : type;

    private static IOperation Outermost(IOperation operation)
    {
        var current = operation;
        while (current.Parent is IConversionOperation or IAwaitOperation or IParenthesizedOperation or IDelegateCreationOperation
            || (current.Parent is IConditionalOperation conditional && !ReferenceEquals(conditional.Condition, current))
            || (current.Parent is ICoalesceOperation coalesce && ReferenceEquals(coalesce.WhenNull, current))
            || (current.Parent is IInvocationOperation { TargetMethod.Name: "ConfigureAwait" } configure && ReferenceEquals(configure.Instance, current)))
        {
            current = current.Parent!;
        }

        return current;
    }

    private static bool IsStored(IOperation value) => value.Parent switch
    {
        ISimpleAssignmentOperation assignment when ReferenceEquals(assignment.Value, value)
            => assignment.Target is IFieldReferenceOperation or IPropertyReferenceOperation or IArrayElementReferenceOperation,
        IArgumentOperation { Parent: IInvocationOperation { TargetMethod.Name: "Add" or "TryAdd" or "AddOrUpdate" or "GetOrAdd" or "Enqueue" or "Push" or "Set" } } => true,
        IArgumentOperation { Parent: IObjectCreationOperation } => true,
        _ => false,
    };

    private void Analyze(OperationAnalysisContext context, RuleContext rule, PooledClient? client)
    {
        if (client is not { } found)
        {
            return;
        }

        var operation = context.Operation;
        var site = ExecutionFrequency.Classify(operation, context.ContainingSymbol, rule.Symbols);
        if (site.Frequency is Frequency.Never or Frequency.Once
            || (site.Frequency != Frequency.PerRequest && (IsCached(operation, returnsCount: site.Function is not IAnonymousFunctionOperation factory || IsClientFactory(factory, operation.Type, rule.Symbols))
                || site.Function is IAnonymousFunctionOperation { Parent: { } } lambda && IsHandedOut(lambda))))
        {
            return;
        }

        var tree = operation.Syntax.SyntaxTree;
        ISymbol? excluded = operation switch
        {
            IObjectCreationOperation creation => creation.Type,
            IInvocationOperation invocation => invocation.TargetMethod,
            _ => null,
        };
        if (rule.IsSuppressedFor(context.ContainingSymbol, tree) || rule.Options.IsExcluded(Rule.Id, excluded, tree))
        {
            return;
        }

        context.ReportDiagnostic(Diagnostic.Create(
            Rule,
            operation.Syntax.GetLocation(),
            found.Connects ? s_connects : null,
            found.Name,
            ExecutionFrequency.Describe(site, context.ContainingSymbol)));
    }
}
