using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Postmortem.Analyzers.Knowledge;
using Postmortem.Analyzers.Symbols;

namespace Postmortem.Analyzers.Shared;

/// <summary>How often a piece of code runs, as far as one method body tells.</summary>
internal enum Frequency
{
    /// <summary>Never: code inside a lambda converted to an expression tree is data that a query provider translates.</summary>
    Never,

    /// <summary>Once per application or per long-lived object: static initialization, Main, start-up and singleton registrations.</summary>
    Once,

    /// <summary>On every call of a method, accessor, lambda or local function.</summary>
    PerCall,

    /// <summary>On every iteration of a loop.</summary>
    PerLoopIteration,

    /// <summary>For every request: constructors and field initializers of types the web framework creates per request.</summary>
    PerRequest,
}

/// <summary>Where an operation runs, and how often.</summary>
internal readonly struct ExecutionSite
{
    public ExecutionSite(Frequency frequency, IOperation? function)
    {
        Frequency = frequency;
        Function = function;
    }

    public Frequency Frequency { get; }

    /// <summary>The innermost lambda or local function that makes the code per-call, when there is one.</summary>
    public IOperation? Function { get; }
}

/// <summary>
/// Decides how often an operation (typically an object creation) executes, by walking from it to the root of
/// its operation tree: expression trees (never executed), loops, lambdas and local functions, singleton
/// registrations, <c>Lazy&lt;T&gt;</c> and <c>LazyInitializer</c> factories, <c>field ??= value</c>, and finally
/// the member that owns the body (static or instance initialization, constructors of per-request types, Main
/// and start-up code, ordinary methods).
/// </summary>
internal static class ExecutionFrequency
{
    public static ExecutionSite Classify(IOperation operation, ISymbol containingSymbol, KnownSymbols symbols)
    {
        if (ExpressionTrees.IsInExpressionTree(operation, symbols.Core))
        {
            return new ExecutionSite(Frequency.Never, null);
        }

        var inLoop = false;
        var child = operation;
        for (var parent = operation.Parent; parent is not null; child = parent, parent = parent.Parent)
        {
            switch (parent)
            {
                case ILoopOperation loop when RunsPerIteration(loop, child):
                    inLoop = true;
                    break;

                case ICoalesceAssignmentOperation coalesce when ReferenceEquals(child, coalesce.Value)
                    && StorageFrequency(coalesce.Target, symbols) is { } storage:
                    // `field ??= value` computes the value once per field: per application for a static, per instance otherwise.
                    return new ExecutionSite(inLoop ? Frequency.PerLoopIteration : storage, null);

                case IAnonymousFunctionOperation lambda:
                    if (IsLazyFactory(lambda, symbols.Core))
                    {
                        // A Lazy<T> factory runs once per Lazy instance: the Lazy's own site decides.
                        break;
                    }

                    if (LazyInitializerTarget(lambda, symbols.Core) is { } target)
                    {
                        // LazyInitializer.EnsureInitialized(ref field, factory) runs the factory once per field.
                        if (StorageFrequency(target, symbols) is { } storage)
                        {
                            return new ExecutionSite(inLoop ? Frequency.PerLoopIteration : storage, null);
                        }

                        break;
                    }

                    if (IsSingletonRegistrationArgument(lambda, symbols.DependencyInjection))
                    {
                        return new ExecutionSite(inLoop ? Frequency.PerLoopIteration : Frequency.Once, null);
                    }

                    return new ExecutionSite(inLoop ? Frequency.PerLoopIteration : Frequency.PerCall, lambda);

                case ILocalFunctionOperation localFunction:
                    return new ExecutionSite(inLoop ? Frequency.PerLoopIteration : Frequency.PerCall, localFunction);

                case IArgumentOperation argument when IsSingletonRegistrationArgument(argument, symbols.DependencyInjection):
                    return new ExecutionSite(inLoop ? Frequency.PerLoopIteration : Frequency.Once, null);
            }
        }

        if (inLoop)
        {
            return new ExecutionSite(Frequency.PerLoopIteration, null);
        }

        return new ExecutionSite(ClassifyOwner(child, containingSymbol, symbols), null);
    }

    /// <summary>"on every call of 'Type.Member'", "on every iteration of a loop in ...", "for every request handled by ...": how a message says where <paramref name="site"/> runs.</summary>
    public static string Describe(ExecutionSite site, ISymbol containingSymbol)
    {
        var member = containingSymbol.ToMessageName();
        return site.Frequency switch
        {
            Frequency.PerLoopIteration => $"on every iteration of a loop in '{member}'",
            Frequency.PerRequest => $"for every request handled by '{containingSymbol.ContainingType?.Name}'",
            _ => site.Function switch
            {
                ILocalFunctionOperation local => $"on every call of local function '{local.Symbol.Name}' in '{member}'",
                IAnonymousFunctionOperation => $"every time a lambda in '{member}' runs",
                _ => $"on every call of '{member}'",
            },
        };
    }
    private static Frequency ClassifyOwner(IOperation root, ISymbol containingSymbol, KnownSymbols symbols)
    {
        switch (root)
        {
            case IFieldInitializerOperation or IPropertyInitializerOperation:
                return containingSymbol.IsStatic ? Frequency.Once : PerInstance(containingSymbol.ContainingType, symbols);
        }

        if (containingSymbol is not IMethodSymbol method)
        {
            return Frequency.PerCall;
        }

        switch (method.MethodKind)
        {
            case MethodKind.StaticConstructor:
                return Frequency.Once;
            case MethodKind.Constructor:
                return PerInstance(method.ContainingType, symbols);
        }

        if (IsEntryPoint(method) || DependencyInjectionKnowledge.IsStartupMethod(method, symbols))
        {
            return Frequency.Once;
        }

        return Frequency.PerCall;
    }

    private static Frequency PerInstance(INamedTypeSymbol? type, KnownSymbols symbols)
        => RequestHandlers.IsPerRequest(type, symbols) ? Frequency.PerRequest : Frequency.Once;

    private static bool IsEntryPoint(IMethodSymbol method)
        => method.IsStatic && method.Name is "Main" or WellKnownMemberNames.TopLevelStatementsEntryPointMethodName;

    private static bool RunsPerIteration(ILoopOperation loop, IOperation child)
    {
        // The collection of a foreach and the initializer of a for run once.
        if (loop is IForEachLoopOperation forEach && ReferenceEquals(child, forEach.Collection))
        {
            return false;
        }

        if (loop is IForLoopOperation forLoop)
        {
            foreach (var before in forLoop.Before)
            {
                if (ReferenceEquals(child, before))
                {
                    return false;
                }
            }
        }

        return true;
    }

    private static bool IsLazyFactory(IAnonymousFunctionOperation lambda, CoreSymbols core)
        => lambda.ArgumentOf()?.Parent is IObjectCreationOperation creation
            && (creation.Type.InheritsFromOrEquals(core.Lazy) || creation.Type.InheritsFromOrEquals(core.LazyWithMetadata));

    /// <summary>For a factory passed to <c>LazyInitializer.EnsureInitialized(ref target, ...)</c>, the target; otherwise null.</summary>
    private static IOperation? LazyInitializerTarget(IAnonymousFunctionOperation lambda, CoreSymbols core)
    {
        if (lambda.ArgumentOf()?.Parent is not IInvocationOperation invocation
            || !SymbolEqualityComparer.Default.Equals(invocation.TargetMethod.ContainingType, core.LazyInitializer))
        {
            return null;
        }

        foreach (var argument in invocation.Arguments)
        {
            if (argument.Parameter is { RefKind: RefKind.Ref, Ordinal: 0 })
            {
                return argument.Value;
            }
        }

        return null;
    }

    /// <summary>How often a value stored once into <paramref name="target"/> is computed: once for a static field or property, once per instance otherwise.</summary>
    private static Frequency? StorageFrequency(IOperation target, KnownSymbols symbols)
        => target switch
        {
            IFieldReferenceOperation field => field.Field.IsStatic ? Frequency.Once : PerInstance(field.Field.ContainingType, symbols),
            IPropertyReferenceOperation property => property.Property.IsStatic ? Frequency.Once : PerInstance(property.Property.ContainingType, symbols),
            _ => null,
        };

    private static bool IsSingletonRegistrationArgument(IOperation operation, DependencyInjectionSymbols di)
    {
        if (di.ServiceCollection is null)
        {
            return false;
        }

        var argument = operation as IArgumentOperation ?? operation.ArgumentOf();
        return argument?.Parent is IInvocationOperation invocation
            && DependencyInjectionKnowledge.IsSingletonRegistration(invocation.TargetMethod, di);
    }
}
