using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Postmortem.Analyzers.Symbols;

namespace Postmortem.Analyzers.Shared;

/// <summary>
/// Streams, readers and writers whose synchronous members never wait for I/O: MemoryStream,
/// UnmanagedMemoryStream, StringReader and StringWriter, anything constructed over one of them
/// (<c>new StreamReader(new MemoryStream(bytes))</c>, <c>new JsonTextReader(new StringReader(json))</c>),
/// a column stream of a data reader (the row is buffered), and locals initialized with such a value in the same method.
/// </summary>
internal static class InMemoryIo
{
    private const int MaxDepth = 4;

    public static bool IsInMemory(IOperation value, BlockingSymbols symbols, int depth)
    {
        if (depth > MaxDepth)
        {
            return false;
        }

        value = value.WithoutConversions();
        if (IsInMemoryType(value.Type, symbols))
        {
            return true;
        }

        switch (value)
        {
            // A column read from a data reader: the row is already buffered unless the command asked for sequential access.
            case IInvocationOperation { TargetMethod.Name: "GetStream" or "GetTextReader" } invocation
                when invocation.TargetMethod.ContainingType.InheritsFromOrEquals(symbols.DbDataReader):
                return true;

            case IObjectCreationOperation creation:
                return creation.Arguments.Length > 0 && IsInMemory(creation.Arguments[0].Value, symbols, depth + 1);

            case ILocalReferenceOperation local when local.InitializerOf() is { } initializer:
                return IsInMemory(initializer, symbols, depth + 1);

            default:
                return false;
        }
    }

    private static bool IsInMemoryType(ITypeSymbol? type, BlockingSymbols symbols)
    {
        if (type is null)
        {
            return false;
        }

        foreach (var inMemory in symbols.InMemoryTypes)
        {
            if (type.InheritsFromOrEquals(inMemory))
            {
                return true;
            }
        }

        return false;
    }
}
