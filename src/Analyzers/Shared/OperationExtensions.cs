using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Postmortem.Analyzers.Shared;

internal static class OperationExtensions
{
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
}
