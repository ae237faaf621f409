using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Postmortem.Analyzers.Symbols;

namespace Postmortem.Analyzers.Shared;

/// <summary>
/// Whether a task is known to have completed at a point of a method, so that reading its result does not block:
/// it was awaited earlier in the same method, or passed to an awaited <c>Task.WhenAll</c>/<c>Task.WhenAny</c>,
/// or is the task an awaited <c>WhenAny</c> returned, or its <c>IsCompleted</c>, <c>IsCompletedSuccessfully</c>
/// or <c>Status</c> was checked earlier in the method (as a property, through a bool method of that name such as
/// the <c>task.IsCompletedSuccessfully()</c> extension that libraries targeting netstandard2.0 declare, or through a bool
/// property of the same object, declared in the same file, whose getter checks it). "Earlier"
/// is source order within the member that holds the operation (lambdas and local functions included); a task is followed through a local, parameter, field or
/// property, an array element or indexer of one, and the iteration variable of a <c>foreach</c> over one.
/// </summary>
internal static class CompletedTasks
{
    public static bool IsKnownComplete(IOperation task, IOperation use, TaskSymbols tasks)
    {
        task = task.WithoutConversions();
        if (task is IAwaitOperation awaited && IsWhenAllOrAny(Unconfigured(awaited.Operation), tasks))
        {
            // (await Task.WhenAny(a, b)).Result
            return true;
        }

        if (IsCompletedByConstruction(task, tasks))
        {
            return true;
        }

        var root = RootSymbol(task);
        if (root is null)
        {
            return false;
        }

        if (root is IParameterSymbol parameter && IsContinuationAntecedent(parameter, use, tasks))
        {
            return true;
        }

        var collectionRoot = root is ILocalSymbol local ? ForEachCollectionRoot(local, use) : null;
        var top = use.Root();

        var position = use.Syntax.SpanStart;
        foreach (var operation in top.Descendants())
        {
            if (operation.Syntax.Span.End > position)
            {
                continue;
            }

            if (CompletesOrChecks(operation, root, tasks) || (collectionRoot is not null && CompletesOrChecks(operation, collectionRoot, tasks)))
            {
                return true;
            }
        }

        return false;
    }

    private static bool CompletesOrChecks(IOperation operation, ISymbol root, TaskSymbols tasks)
    {
        switch (operation)
        {
            case IAwaitOperation awaitOperation:
                var awaited = Unconfigured(awaitOperation.Operation);
                if (Same(RootSymbol(awaited), root))
                {
                    return true;
                }

                if (awaited is IInvocationOperation invocation && IsWhenAllOrAny(invocation, tasks))
                {
                    return Passes(invocation, root) || AssignsTo(awaitOperation, root);
                }

                return false;

            case IPropertyReferenceOperation when IsCompletionPropertyOf(operation, root, tasks):
                return true;

            case IPropertyReferenceOperation { Property: { Type.SpecialType: SpecialType.System_Boolean, IsStatic: false, GetMethod: { } getter }, Instance: null or IInstanceReferenceOperation } ownCheck
                when ChecksInGetter(getter, ownCheck, root, tasks):
                // if (HasValue) ... where HasValue => _value.Task.Status == TaskStatus.RanToCompletion
                return true;

            case IInvocationOperation { TargetMethod: { Name: "IsCompleted" or "IsCompletedSuccessfully", ReturnType.SpecialType: SpecialType.System_Boolean } method } check
                when CheckedTask(check) is { } checkedTask && tasks.IsTaskLike(checkedTask.Type):
                // A polyfill of the property for older targets (netstandard2.0): task.IsCompletedSuccessfully().
                return Same(RootSymbol(checkedTask), root);

            default:
                return false;
        }
    }

    /// <summary>
    /// A bool property of the same object whose getter, declared in the same file, checks the task's completion itself (one
    /// level, no further calls): its body is read through the semantic model of the file being analyzed.
    /// </summary>
    private static bool ChecksInGetter(IMethodSymbol getter, IOperation reference, ISymbol root, TaskSymbols tasks)
    {
        if (getter.DeclaringSyntaxReferences is not { Length: 1 } declarations
            || declarations[0].SyntaxTree != reference.Syntax.SyntaxTree
            || reference.SemanticModel is not { } model)
        {
            return false;
        }

        var body = declarations[0].GetSyntax() switch
        {
            Microsoft.CodeAnalysis.CSharp.Syntax.ArrowExpressionClauseSyntax arrow => model.GetOperation(arrow.Expression),
            Microsoft.CodeAnalysis.CSharp.Syntax.AccessorDeclarationSyntax { ExpressionBody: { } arrow } => model.GetOperation(arrow.Expression),
            Microsoft.CodeAnalysis.CSharp.Syntax.AccessorDeclarationSyntax { Body: { } block } => model.GetOperation(block),
            _ => null,
        };
        if (body is null)
        {
            return false;
        }

        foreach (var operation in body.DescendantsAndSelf())
        {
            if (IsCompletionPropertyOf(operation, root, tasks))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary><c>t.IsCompleted</c>, <c>t.IsCompletedSuccessfully</c> or <c>t.Status</c> read on the task held by <paramref name="root"/>.</summary>
    private static bool IsCompletionPropertyOf(IOperation operation, ISymbol root, TaskSymbols tasks)
        => operation is IPropertyReferenceOperation { Instance: { } instance, Property: { Name: "IsCompleted" or "IsCompletedSuccessfully" or "Status" } property }
           && tasks.IsTaskLike(property.ContainingType)
           && Same(RootSymbol(instance), root);

    /// <summary>The task a completion check is made on: the receiver of an instance method, the first argument of an extension or static one.</summary>
    private static IOperation? CheckedTask(IInvocationOperation check)
        => check.Instance?.WithoutConversions()
           ?? (check.TargetMethod.Parameters.Length == 1 && check.Arguments.Length == 1 ? check.Arguments[0].Value.WithoutConversions() : null);

    /// <summary><c>var winner = await Task.WhenAny(...)</c> or <c>winner = await Task.WhenAny(...)</c>: the result is a completed task.</summary>
    private static bool AssignsTo(IAwaitOperation awaitOperation, ISymbol root)
    {
        var parent = awaitOperation.Parent;
        while (parent is IConversionOperation)
        {
            parent = parent.Parent;
        }

        return parent switch
        {
            IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator } => Same(declarator.Symbol, root),
            ISimpleAssignmentOperation assignment => Same(RootSymbol(assignment.Target), root),
            _ => false,
        };
    }

    /// <summary>
    /// True when an argument of the WhenAll/WhenAny call holds the task: directly, in a <c>params</c> array or
    /// span, in a collection expression or initializer, or as the collection itself.
    /// </summary>
    private static bool Passes(IInvocationOperation invocation, ISymbol root)
    {
        foreach (var argument in invocation.Arguments)
        {
            foreach (var operation in argument.Value.DescendantsAndSelf())
            {
                if (Same(RootSymbol(operation), root))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool IsWhenAllOrAny(IOperation operation, TaskSymbols tasks)
        => operation is IInvocationOperation { TargetMethod: { IsStatic: true, Name: "WhenAll" or "WhenAny" } method }
            && SymbolEqualityComparer.Default.Equals(method.ContainingType?.OriginalDefinition, tasks.Task);

    /// <summary>The awaited task, without its <c>.ConfigureAwait(...)</c>.</summary>
    private static IOperation Unconfigured(IOperation operation)
    {
        operation = operation.WithoutConversions();
        return operation is IInvocationOperation { TargetMethod.Name: "ConfigureAwait", Instance: { } instance }
            ? instance.WithoutConversions()
            : operation;
    }

    /// <summary>The variable a task expression reads, looking through array elements and indexers.</summary>
    private static ISymbol? RootSymbol(IOperation? operation)
    {
        while (operation is not null)
        {
            switch (operation.WithoutConversions())
            {
                case ILocalReferenceOperation local:
                    return local.Local;
                case IParameterReferenceOperation parameter:
                    return parameter.Parameter;
                case IFieldReferenceOperation field:
                    return field.Field;
                case IPropertyReferenceOperation { Arguments.IsEmpty: true } property:
                    return property.Property;
                case IPropertyReferenceOperation indexer:
                    operation = indexer.Instance;
                    break;
                case IArrayElementReferenceOperation element:
                    operation = element.ArrayReference;
                    break;
                default:
                    return null;
            }
        }

        return null;
    }

    /// <summary><c>Task.FromResult(x)</c>, <c>Task.FromException(e)</c>, <c>Task.FromCanceled(ct)</c>, <c>Task.CompletedTask</c>: complete when created.</summary>
    private static bool IsCompletedByConstruction(IOperation task, TaskSymbols tasks)
        => task switch
        {
            IInvocationOperation { TargetMethod: { IsStatic: true, Name: "FromResult" or "FromException" or "FromCanceled" } method }
                => SymbolEqualityComparer.Default.Equals(method.ContainingType?.OriginalDefinition, tasks.Task),
            IPropertyReferenceOperation { Property: { IsStatic: true, Name: "CompletedTask" } property }
                => SymbolEqualityComparer.Default.Equals(property.ContainingType?.OriginalDefinition, tasks.Task),
            _ => false,
        };

    /// <summary><c>task.ContinueWith(previous => ...)</c>: the continuation runs once <c>previous</c> has completed.</summary>
    private static bool IsContinuationAntecedent(IParameterSymbol parameter, IOperation use, TaskSymbols tasks)
    {
        if (parameter.Ordinal != 0 || parameter.ContainingSymbol is not IMethodSymbol { MethodKind: MethodKind.AnonymousFunction } function)
        {
            return false;
        }

        for (var parent = use.Parent; parent is not null; parent = parent.Parent)
        {
            if (parent is IAnonymousFunctionOperation lambda && Same(lambda.Symbol, function))
            {
                return lambda.ArgumentOf()?.Parent is IInvocationOperation { TargetMethod: { Name: "ContinueWith" } method }
                    && method.ContainingType.InheritsFromOrEquals(tasks.Task);
            }
        }

        return false;
    }

    /// <summary>For the iteration variable of an enclosing <c>foreach</c>, the variable the loop iterates over.</summary>
    private static ISymbol? ForEachCollectionRoot(ILocalSymbol local, IOperation use)
    {
        for (var parent = use.Parent; parent is not null; parent = parent.Parent)
        {
            if (parent is IForEachLoopOperation loop)
            {
                foreach (var declared in loop.Locals)
                {
                    if (Same(declared, local))
                    {
                        return RootSymbol(loop.Collection);
                    }
                }
            }
        }

        return null;
    }

    private static bool Same(ISymbol? a, ISymbol? b) => a is not null && SymbolEqualityComparer.Default.Equals(a, b);
}
