using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Postmortem.Analyzers.Shared;

internal static class OperationExtensions
{
    /// <summary>The top of the operation tree <paramref name="operation"/> belongs to: the whole body (or initializer) being analyzed.</summary>
    public static IOperation Root(this IOperation operation)
    {
        var root = operation;
        while (root.Parent is not null)
        {
            root = root.Parent;
        }

        return root;
    }

    /// <summary>The argument an operation is passed as, looking through delegate creations and conversions.</summary>
    public static IArgumentOperation? ArgumentOf(this IOperation operation)
    {
        var current = operation.Parent;
        while (current is IDelegateCreationOperation or IConversionOperation)
        {
            current = current.Parent;
        }

        return current as IArgumentOperation;
    }

    /// <summary>The operation without the implicit or explicit conversions and parentheses around it.</summary>
    public static IOperation WithoutConversions(this IOperation operation)
    {
        while (true)
        {
            switch (operation)
            {
                case IConversionOperation conversion:
                    operation = conversion.Operand;
                    break;
                case IParenthesizedOperation parenthesized:
                    operation = parenthesized.Operand;
                    break;
                default:
                    return operation;
            }
        }
    }

    /// <summary>
    /// The initializer of a local declared once in the same tree (<c>var x = ...;</c>, <c>using var x = ...;</c>), bound
    /// with the reference's own semantic model; null for other locals (pattern variables, out variables, other trees).
    /// </summary>
    public static IOperation? InitializerOf(this ILocalReferenceOperation reference)
    {
        var references = reference.Local.DeclaringSyntaxReferences;
        if (references.Length != 1 || reference.SemanticModel is not { } model || references[0].SyntaxTree != model.SyntaxTree)
        {
            return null;
        }

        if (references[0].GetSyntax() is not Microsoft.CodeAnalysis.CSharp.Syntax.VariableDeclaratorSyntax { Initializer.Value: { } initializer })
        {
            return null;
        }

        // `var x = (await FindAsync(id))!;`: parentheses and the null-forgiving operator have no operation of their own.
        while (true)
        {
            if (initializer is Microsoft.CodeAnalysis.CSharp.Syntax.PostfixUnaryExpressionSyntax suppressed
                && suppressed.IsKind(Microsoft.CodeAnalysis.CSharp.SyntaxKind.SuppressNullableWarningExpression))
            {
                initializer = suppressed.Operand;
            }
            else if (initializer is Microsoft.CodeAnalysis.CSharp.Syntax.ParenthesizedExpressionSyntax parenthesized)
            {
                initializer = parenthesized.Expression;
            }
            else
            {
                break;
            }
        }

        return model.GetOperation(initializer);
    }
}
