using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Postmortem.Analyzers.Symbols;

namespace Postmortem.Analyzers.Shared;

/// <summary>
/// Lambdas converted to an expression tree (<c>Expression&lt;Func&lt;...&gt;&gt;</c>, <c>LambdaExpression</c>) are
/// data that a query provider translates, never executed code: no rule reports inside them.
/// </summary>
internal static class ExpressionTrees
{
    /// <summary>True when <paramref name="lambda"/> itself is converted to an expression tree.</summary>
    public static bool IsExpressionTreeLambda(IAnonymousFunctionOperation lambda, CoreSymbols core)
        => core.LambdaExpression is not null
        && lambda.Parent is IConversionOperation conversion
        && conversion.Type.InheritsFromOrEquals(core.LambdaExpression);

    /// <summary>True inside a lambda converted to an expression tree, nested lambdas included.</summary>
    public static bool IsInExpressionTree(IOperation operation, CoreSymbols core)
    {
        if (core.LambdaExpression is null)
        {
            return false;
        }

        for (var current = operation.Parent; current is not null; current = current.Parent)
        {
            if (current is IAnonymousFunctionOperation lambda && IsExpressionTreeLambda(lambda, core))
            {
                return true;
            }
        }

        return false;
    }
}
