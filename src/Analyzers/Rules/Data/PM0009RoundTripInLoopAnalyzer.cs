using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Postmortem.Analyzers.Knowledge;
using Postmortem.Analyzers.Shared;
using Postmortem.Analyzers.Symbols;

namespace Postmortem.Analyzers.Rules.Data;

/// <summary>
/// PM0009: a database round-trip (<see cref="DatabaseCalls"/>) that runs once per element of a collection: in the body
/// of a foreach, of a for loop bounded by a collection's Count or Length, or of a lambda that Enumerable.Select,
/// SelectMany, List&lt;T&gt;.ForEach or Array.ForEach runs per element; and a foreach over an EF Core query nested in such
/// a loop. Not interprocedural. While and do loops (paging, retries), batches (the loop variable inside Contains, loops
/// over Chunk() or other collections of collections, for loops that step by more than one), calls followed by a return,
/// throw or break out of the loop (they run once), and code inside expression trees are not reported.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class PM0009RoundTripInLoopAnalyzer : PostmortemAnalyzer
{
    private const int MaxLocalDepth = 3;

    public PM0009RoundTripInLoopAnalyzer()
        : base(Descriptors.PM0009RoundTripInLoop)
    {
    }

    private protected override bool AppliesTo(RuleContext context) => context.Symbols.DatabaseCalls.AnyDatabaseLibrary;

    private protected override void Register(RuleContext context)
    {
        var loops = new Loops(context.Compilation, context.Symbols);
        var calls = context.Symbols.DatabaseCalls;
        context.RegisterOperationAction(c => AnalyzeInvocation(c, context, calls, loops), OperationKind.Invocation);
        if (context.Symbols.EntityFramework.DbSet is not null)
        {
            context.RegisterOperationAction(c => AnalyzeForEach(c, context, loops), OperationKind.Loop);
        }
    }

    private void AnalyzeInvocation(OperationAnalysisContext context, RuleContext rule, DatabaseCalls calls, Loops loops)
    {
        // The cheap questions first: the cached method-level answer, then the walk to the enclosing loop; only then is the
        // source of a LINQ operator followed to see whether it is an EF Core query.
        var invocation = (IInvocationOperation)context.Operation;
        if (calls.ClassifyMethod(invocation, out var needsEntityFrameworkQuery) == DatabaseCallKind.None
            || !loops.TryFind(invocation, out var repetition)
            || (needsEntityFrameworkQuery && !calls.ExecutesEntityFrameworkQuery(invocation))
            || Loops.IsBatched(invocation, repetition))
        {
            return;
        }

        var target = invocation.TargetMethod;
        var tree = invocation.Syntax.SyntaxTree;
        if (rule.Options.IsExcluded(Rule.Id, target, tree) || rule.IsSuppressedFor(context.ContainingSymbol, tree))
        {
            return;
        }

        var name = target.IsExtensionMethod || target.ReducedFrom is not null ? target.Name : target.ContainingType.Name + "." + target.Name;
        context.ReportDiagnostic(Diagnostic.Create(Rule, invocation.Syntax.GetLocation(), name, repetition.Description));
    }

    /// <summary>A foreach over an EF Core query inside another loop: every outer iteration executes the inner query.</summary>
    private void AnalyzeForEach(OperationAnalysisContext context, RuleContext rule, Loops loops)
    {
        if (context.Operation is not IForEachLoopOperation { Collection: { } collection }
            || !loops.TryFind(collection, out var repetition)
            || !EntityFrameworkQueries.IsQuery(collection, rule.Symbols, depth: 0)
            || Loops.IsBatched(collection, repetition))
        {
            return;
        }

        var tree = collection.Syntax.SyntaxTree;
        if (rule.IsSuppressedFor(context.ContainingSymbol, tree))
        {
            return;
        }

        var syntax = collection.WithoutConversions().Syntax;
        context.ReportDiagnostic(Diagnostic.Create(Rule, syntax.GetLocation(), "foreach over " + Loops.Short(syntax), repetition.Description));
    }

    /// <summary>What repeats a call: the loop or lambda, the variables that change per element, and how the message says it.</summary>
    private readonly struct Repetition
    {
        public Repetition(IOperation repeater, ImmutableArray<ISymbol> variables, string description)
        {
            Repeater = repeater;
            Variables = variables;
            Description = description;
        }

        public IOperation Repeater { get; }

        public ImmutableArray<ISymbol> Variables { get; }

        public string Description { get; }
    }

    private sealed class LoopTypes
    {
        public LoopTypes(INamedTypeSymbol? grouping, INamedTypeSymbol? list)
        {
            Grouping = grouping;
            List = list;
        }

        public INamedTypeSymbol? Grouping { get; }

        public INamedTypeSymbol? List { get; }
    }

    /// <summary>The loop shapes of the rule, with the types they need resolved once per compilation.</summary>
    private sealed class Loops
    {
        private readonly Compilation _compilation;
        private readonly KnownSymbols _symbols;
        private readonly INamedTypeSymbol? _array;
        private LoopTypes? _types;

        public Loops(Compilation compilation, KnownSymbols symbols)
        {
            _compilation = compilation;
            _symbols = symbols;
            _array = compilation.GetSpecialType(SpecialType.System_Array);
        }

        /// <summary>IGrouping and List, resolved on the first database call met in a loop: most compilations never need them.</summary>
        private LoopTypes Types => _types ??= new LoopTypes(
            TypeResolver.Resolve(_compilation, "System.Linq.IGrouping`2"),
            TypeResolver.Resolve(_compilation, "System.Collections.Generic.List`1"));

        /// <summary>
        /// Walks from <paramref name="call"/> to the innermost loop or lambda that runs it once per element. False when
        /// the first repeating construct met is not one of the rule's (while, do, an unbounded for, a lambda that runs
        /// elsewhere, a local function), when the call is followed by an exit from that loop, or inside an expression tree.
        /// </summary>
        public bool TryFind(IOperation call, out Repetition repetition)
        {
            repetition = default;
            var exits = false;
            ILabelSymbol? breakTarget = null;
            IOperation? threshold = null;
            var child = call;
            for (var parent = call.Parent; parent is not null; child = parent, parent = parent.Parent)
            {
                switch (parent)
                {
                    case IBlockOperation block:
                        ScanFollowing(block, child, ref exits, ref breakTarget);
                        break;

                    case IConditionalOperation conditional when !ReferenceEquals(child, conditional.Condition):
                        threshold ??= conditional.Condition;
                        break;

                    case IReturnOperation { IsImplicit: false }:
                    case IThrowOperation:
                        exits = true;
                        break;

                    case IForEachLoopOperation forEach:
                        if (ReferenceEquals(child, forEach.Collection))
                        {
                            break;
                        }

                        if (exits || SymbolEqualityComparer.Default.Equals(breakTarget, forEach.ExitLabel) || IsBatchLoop(forEach) || IsFixedSet(forEach.Collection)
                            || IsBatchThreshold(threshold, forEach) || ExpressionTrees.IsInExpressionTree(call, _symbols.Core))
                        {
                            return false;
                        }

                        repetition = new Repetition(forEach, Variables(forEach.Locals), "on every iteration of the foreach over '" + Short(forEach.Collection.WithoutConversions().Syntax) + "'");
                        return true;

                    case IForLoopOperation forLoop:
                        if (IsBefore(forLoop, child))
                        {
                            break;
                        }

                        if (exits || SymbolEqualityComparer.Default.Equals(breakTarget, forLoop.ExitLabel)
                            || CollectionBound(forLoop) is not { } bound || StepsByMoreThanOne(forLoop) || IsBatchThreshold(threshold, forLoop)
                            || ExpressionTrees.IsInExpressionTree(call, _symbols.Core))
                        {
                            return false;
                        }

                        repetition = new Repetition(forLoop, Variables(forLoop.Locals), "on every iteration of the for loop up to '" + Short(bound.Syntax) + "'");
                        return true;

                    case ILoopOperation:
                    case ILocalFunctionOperation:
                        return false;

                    case IAnonymousFunctionOperation lambda:
                        if (ExecutingLambda(lambda) is not { } description || ExpressionTrees.IsInExpressionTree(call, _symbols.Core))
                        {
                            return false;
                        }

                        repetition = new Repetition(lambda, Variables(lambda.Symbol.Parameters), description);
                        return true;
                }
            }

            return false;
        }

        /// <summary>
        /// Batching: a Contains over the loop variable (or a local computed from it) inside the call or the query it
        /// executes — one round-trip per batch of keys, which is the fix for the N+1 shape.
        /// </summary>
        public static bool IsBatched(IOperation call, Repetition repetition)
        {
            if (repetition.Variables.IsDefaultOrEmpty)
            {
                return false;
            }

            foreach (var descendant in Flatten(call, MaxLocalDepth))
            {
                // The collection searched is the batch: 'batch.Contains(u.Id)' or 'Enumerable.Contains(batch, u.Id)', not 'u.Tags.Contains(item.Tag)'.
                if (descendant is IInvocationOperation { TargetMethod.Name: "Contains" } contains
                    && (contains.Instance ?? (contains.Arguments.Length > 0 ? contains.Arguments[0].Value : null)) is { } searched
                    && References(searched, repetition.Variables, repetition.Repeater.Syntax))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>"ToList"... with at most 40 characters of source text: the collection or bound as the message names it.</summary>
        public static string Short(SyntaxNode syntax)
        {
            var text = syntax.ToString();
            var builder = new System.Text.StringBuilder(System.Math.Min(text.Length, 48));
            var space = false;
            foreach (var c in text)
            {
                if (char.IsWhiteSpace(c))
                {
                    space = builder.Length > 0;
                    continue;
                }

                if (space)
                {
                    builder.Append(' ');
                    space = false;
                }

                builder.Append(c);
                if (builder.Length >= 40)
                {
                    builder.Append("...");
                    break;
                }
            }

            return builder.ToString();
        }

        /// <summary>The statements after <paramref name="child"/> in <paramref name="block"/>: a return, throw or break there means the call runs once.</summary>
        private static void ScanFollowing(IBlockOperation block, IOperation child, ref bool exits, ref ILabelSymbol? breakTarget)
        {
            var operations = block.Operations;
            var after = false;
            foreach (var operation in operations)
            {
                if (!after)
                {
                    after = ReferenceEquals(operation, child);
                    continue;
                }

                switch (operation)
                {
                    case IReturnOperation { IsImplicit: false }:
                    case IThrowOperation:
                    case IExpressionStatementOperation { Operation: IThrowOperation }:
                        exits = true;
                        return;
                    case IBranchOperation { BranchKind: BranchKind.Break } branch:
                        breakTarget ??= branch.Target;
                        return;
                }
            }
        }

        private static bool IsBefore(IForLoopOperation forLoop, IOperation child)
        {
            foreach (var before in forLoop.Before)
            {
                if (ReferenceEquals(before, child))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// A set written out in the source: an array or collection expression with its elements (<c>new[] { a, b }</c>,
        /// <c>[a, b]</c>), <c>Enum.GetValues</c>, or a static readonly field initialized with one. Its size is fixed by the code.
        /// </summary>
        private static bool IsFixedSet(IOperation collection)
        {
            collection = collection.WithoutConversions();
            switch (collection)
            {
                case IArrayCreationOperation { Initializer: not null }:
                case IInvocationOperation { TargetMethod: { Name: "GetValues" or "GetNames", ContainingType.SpecialType: SpecialType.System_Enum } }:
                    return true;
                case IFieldReferenceOperation { Field: { IsStatic: true, IsReadOnly: true } field }:
                    var references = field.DeclaringSyntaxReferences;
                    return references.Length == 1
                        && references[0].GetSyntax() is Microsoft.CodeAnalysis.CSharp.Syntax.VariableDeclaratorSyntax { Initializer.Value: { } value }
                        && value is Microsoft.CodeAnalysis.CSharp.Syntax.CollectionExpressionSyntax
                            or Microsoft.CodeAnalysis.CSharp.Syntax.ArrayCreationExpressionSyntax { Initializer: not null }
                            or Microsoft.CodeAnalysis.CSharp.Syntax.ImplicitArrayCreationExpressionSyntax;
                default:
                    return collection.Syntax is Microsoft.CodeAnalysis.CSharp.Syntax.CollectionExpressionSyntax;
            }
        }

        /// <summary>A foreach over batches: Chunk(), or any collection whose elements are collections themselves (groupings are elements, not batches).</summary>
        private bool IsBatchLoop(IForEachLoopOperation forEach)
            => forEach.LoopControlVariable is IVariableDeclaratorOperation { Symbol.Type: { } element } && IsBatchType(element);

        private bool IsBatchType(ITypeSymbol type)
        {
            if (type is IArrayTypeSymbol)
            {
                return true;
            }

            if (type.SpecialType == SpecialType.System_String || type.Implements(Types.Grouping))
            {
                return false;
            }

            if (type.OriginalDefinition.SpecialType == SpecialType.System_Collections_Generic_IEnumerable_T)
            {
                return true;
            }

            foreach (var implemented in type.AllInterfaces)
            {
                if (implemented.OriginalDefinition.SpecialType == SpecialType.System_Collections_Generic_IEnumerable_T)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The Count or Length that bounds a for loop (<c>i &lt; items.Count</c>, <c>i = items.Length - 1; i &gt;= 0</c>), or null.</summary>
        private IOperation? CollectionBound(IForLoopOperation forLoop)
        {
            if (forLoop.Condition is IBinaryOperation condition)
            {
                if (CollectionSize(condition.LeftOperand) is { } left)
                {
                    return left;
                }

                if (CollectionSize(condition.RightOperand) is { } right)
                {
                    return right;
                }
            }

            foreach (var before in forLoop.Before)
            {
                if (before is IVariableDeclarationGroupOperation group)
                {
                    foreach (var declaration in group.Declarations)
                    {
                        foreach (var declarator in declaration.Declarators)
                        {
                            if (declarator.Initializer?.Value is { } value && CollectionSize(value) is { } size)
                            {
                                return size;
                            }
                        }
                    }
                }
            }

            return null;
        }

        private IOperation? CollectionSize(IOperation operand)
        {
            operand = operand.WithoutConversions();
            if (operand is IBinaryOperation { OperatorKind: BinaryOperatorKind.Subtract or BinaryOperatorKind.Add } arithmetic)
            {
                operand = arithmetic.LeftOperand.WithoutConversions();
            }

            switch (operand)
            {
                case IPropertyReferenceOperation { Property.Name: "Count" or "Length", Instance.Type: { } type } when IsCollection(type):
                    return operand;
                case IInvocationOperation { TargetMethod.Name: "Count" or "LongCount" } count
                    when SymbolEqualityComparer.Default.Equals(count.TargetMethod.ContainingType, _symbols.Blocking.Enumerable):
                    return operand;
                default:
                    return null;
            }
        }

        private static bool IsCollection(ITypeSymbol type)
        {
            if (type is IArrayTypeSymbol)
            {
                return true;
            }

            if (type.SpecialType == SpecialType.System_String)
            {
                return false;
            }

            foreach (var implemented in type.AllInterfaces)
            {
                if (implemented.SpecialType == SpecialType.System_Collections_IEnumerable)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary><c>i += 100</c>: each iteration takes a slice, not an element.</summary>
        private static bool StepsByMoreThanOne(IForLoopOperation forLoop)
        {
            foreach (var step in forLoop.AtLoopBottom)
            {
                var operation = step is IExpressionStatementOperation statement ? statement.Operation : step;
                if (operation is ICompoundAssignmentOperation { OperatorKind: BinaryOperatorKind.Add or BinaryOperatorKind.Subtract } compound
                    && !(compound.Value.ConstantValue is { HasValue: true, Value: 1 or 1L }))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>How the message names a lambda that runs per element, or null when the lambda runs elsewhere.</summary>
        private string? ExecutingLambda(IAnonymousFunctionOperation lambda)
        {
            if (lambda.ArgumentOf() is not { Parent: IInvocationOperation invocation } || ExpressionTrees.IsExpressionTreeLambda(lambda, _symbols.Core))
            {
                return null;
            }

            var method = invocation.TargetMethod;
            var type = method.ContainingType.OriginalDefinition;
            IOperation? source;
            if (SymbolEqualityComparer.Default.Equals(type, _symbols.Blocking.Enumerable) && method.Name is "Select" or "SelectMany")
            {
                if (IsShortCircuited(invocation) || (lambda.Symbol.Parameters.Length > 0 && IsBatchType(lambda.Symbol.Parameters[0].Type)))
                {
                    return null;
                }

                source = invocation.Arguments.Length > 0 ? invocation.Arguments[0].Value : null;
            }
            else if (method.Name == "ForEach"
                && (SymbolEqualityComparer.Default.Equals(type, Types.List) || (SymbolEqualityComparer.Default.Equals(type, _array) && method.IsStatic)))
            {
                source = invocation.Instance ?? (invocation.Arguments.Length > 0 ? invocation.Arguments[0].Value : null);
            }
            else
            {
                return null;
            }

            var over = source is null ? "" : " over '" + Short(source.WithoutConversions().Syntax) + "'";
            return "for every element in the '" + method.Name + "' lambda" + over;
        }

        /// <summary><c>xs.Select(...).First()</c>, <c>.Any()</c>, <c>.Take(n)</c>: the lambda runs for the first elements only.</summary>
        private bool IsShortCircuited(IInvocationOperation select)
            => select.Parent is IArgumentOperation { Parent: IInvocationOperation { TargetMethod: { } next } }
               && SymbolEqualityComparer.Default.Equals(next.ContainingType, _symbols.Blocking.Enumerable)
               && next.Name is "First" or "FirstOrDefault" or "Any" or "Take" or "ElementAt" or "ElementAtOrDefault";

        private static ImmutableArray<ISymbol> Variables<T>(ImmutableArray<T> symbols)
            where T : ISymbol
        {
            var builder = ImmutableArray.CreateBuilder<ISymbol>(symbols.Length);
            foreach (var symbol in symbols)
            {
                builder.Add(symbol);
            }

            return builder.MoveToImmutable();
        }

        private static bool IsDeclaredIn(ISymbol local, SyntaxNode repeater)
        {
            foreach (var reference in local.DeclaringSyntaxReferences)
            {
                if (reference.SyntaxTree == repeater.SyntaxTree && repeater.Span.Contains(reference.Span))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// <c>if (++pending % 500 == 0)</c>, <c>if (count &gt;= BatchSize)</c>, <c>if (buffer.Count &gt;= 1000)</c>: a call under such a
        /// condition flushes a batch every so many iterations, not once per element.
        /// </summary>
        private static bool IsBatchThreshold(IOperation? condition, ILoopOperation loop)
        {
            if (condition is null)
            {
                return false;
            }

            foreach (var operation in condition.DescendantsAndSelf())
            {
                if (operation is not IBinaryOperation binary)
                {
                    continue;
                }

                switch (binary.OperatorKind)
                {
                    case BinaryOperatorKind.Remainder:
                        return true;
                    case BinaryOperatorKind.GreaterThan or BinaryOperatorKind.GreaterThanOrEqual or BinaryOperatorKind.Equals
                        or BinaryOperatorKind.LessThan or BinaryOperatorKind.LessThanOrEqual:
                        if (IsCounter(binary.LeftOperand, loop) || IsCounter(binary.RightOperand, loop))
                        {
                            return true;
                        }

                        break;
                }
            }

            return false;
        }

        /// <summary>A count that grows with the iterations: <c>buffer.Count</c>, or an integer local that the loop increments.</summary>
        private static bool IsCounter(IOperation operand, ILoopOperation loop)
        {
            operand = operand.WithoutConversions();
            if (operand is IPropertyReferenceOperation { Property.Name: "Count" or "Length", Instance: ILocalReferenceOperation or IFieldReferenceOperation })
            {
                return true;
            }

            if (operand is IIncrementOrDecrementOperation)
            {
                return true;
            }

            if (operand is not ILocalReferenceOperation { Local: { Type.SpecialType: SpecialType.System_Int32 or SpecialType.System_Int64 } local })
            {
                return false;
            }

            foreach (var node in loop.Body.DescendantsAndSelf())
            {
                if ((node is IIncrementOrDecrementOperation { Target: ILocalReferenceOperation incremented } && SymbolEqualityComparer.Default.Equals(incremented.Local, local))
                    || (node is ICompoundAssignmentOperation { Target: ILocalReferenceOperation added } && SymbolEqualityComparer.Default.Equals(added.Local, local)))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool References(IOperation operation, ImmutableArray<ISymbol> variables, SyntaxNode repeater)
        {
            foreach (var descendant in Flatten(operation, MaxLocalDepth))
            {
                var symbol = descendant switch
                {
                    ILocalReferenceOperation local => (ISymbol)local.Local,
                    IParameterReferenceOperation parameter => parameter.Parameter,
                    _ => null,
                };
                if (symbol is null)
                {
                    continue;
                }

                if (symbol is ILocalSymbol && IsDeclaredIn(symbol, repeater))
                {
                    // A local computed inside the loop (a pattern variable, a list built from the element) is per-iteration data.
                    return true;
                }

                foreach (var variable in variables)
                {
                    if (SymbolEqualityComparer.Default.Equals(symbol, variable))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        /// <summary>The operation and its descendants, and the initializers of the locals it reads (to <paramref name="depth"/> levels).</summary>
        private static System.Collections.Generic.IEnumerable<IOperation> Flatten(IOperation operation, int depth)
        {
            yield return operation;
            foreach (var descendant in operation.Descendants())
            {
                yield return descendant;
                if (depth > 0 && descendant is ILocalReferenceOperation local && local.InitializerOf() is { } initializer)
                {
                    foreach (var nested in Flatten(initializer, depth - 1))
                    {
                        yield return nested;
                    }
                }
            }
        }
    }
}
