using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Postmortem.Analyzers.Symbols;
using Postmortem.Analyzers.Tests.References;

namespace Postmortem.Analyzers.Tests.Shared;

/// <summary>How library types are found by metadata name: once per compilation, for every rule.</summary>
public sealed class TypeResolverTests
{
    [Theory]
    [InlineData("System.Threading.Tasks.Task")]
    [InlineData("System.Threading.Tasks.Task`1")]
    [InlineData("System.Runtime.CompilerServices.ConfiguredTaskAwaitable`1+ConfiguredTaskAwaiter")]
    [InlineData("System.Net.Http.HttpClient")]
    [InlineData("System.Linq.Queryable")]
    public async Task FindsFrameworkTypes(string metadataName)
    {
        var type = TypeResolver.Resolve(await CompileAsync(""), metadataName);

        Assert.NotNull(type);
        Assert.Equal(metadataName, MetadataNameOf(type!));
    }

    [Theory]
    [InlineData("Dapper.SqlMapper")]
    [InlineData("System.Threading.Tasks.NoSuchType")]
    [InlineData("System.Threading.Tasks.Task`7")]
    [InlineData("System.Runtime.CompilerServices.ConfiguredTaskAwaitable`1+NoSuchNested")]
    [InlineData("NoSuchType")]
    public async Task ReturnsNullForWhatIsNotReferenced(string metadataName)
        => Assert.Null(TypeResolver.Resolve(await CompileAsync(""), metadataName));

    [Fact]
    public async Task FindsTypesDeclaredInTheCompilation()
    {
        var compilation = await CompileAsync("namespace Dapper { public static class SqlMapper { public class Nested { } } }");

        Assert.NotNull(TypeResolver.Resolve(compilation, "Dapper.SqlMapper"));
        Assert.NotNull(TypeResolver.Resolve(compilation, "Dapper.SqlMapper+Nested"));
    }

    [Fact]
    public async Task FindsTypesBelowAReferencedTopNamespaceAndRulesOutAbsentOnes()
    {
        // The library's top namespace is declared by a reference, so the rest is walked.
        var library = await CompileAsync("namespace Contoso.Billing.Payments.Cards { public class CardClient { } }", "Contoso.Billing");
        var compilation = (await CompileAsync("")).AddReferences(library.ToMetadataReference());

        Assert.NotNull(TypeResolver.Resolve(compilation, "Contoso.Billing.Payments.Cards.CardClient"));
        Assert.Null(TypeResolver.Resolve(compilation, "Contoso.Shipping.Labels.LabelClient"));
        Assert.Null(TypeResolver.Resolve(compilation, "Fabrikam.Billing.CardClient"));
    }

    [Fact]
    public async Task PrefersTheCompilationsOwnDefinition()
    {
        var compilation = await CompileAsync("namespace System.Net.Http { public class HttpClient { } }");

        var type = TypeResolver.Resolve(compilation, "System.Net.Http.HttpClient");

        Assert.True(SymbolEqualityComparer.Default.Equals(compilation.Assembly, type!.ContainingAssembly));
    }

    [Fact]
    public async Task PrefersTheAccessibleDefinitionWhenTwoReferencesDefineTheType()
    {
        var internalCopy = await CompileAsync("namespace Contoso { internal class Widget { } }", "Internal");
        var publicCopy = await CompileAsync("namespace Contoso { public class Widget { } }", "Public");
        var compilation = (await CompileAsync("")).AddReferences(internalCopy.ToMetadataReference(), publicCopy.ToMetadataReference());

        var type = TypeResolver.Resolve(compilation, "Contoso.Widget");

        Assert.Equal("Public", type!.ContainingAssembly.Name);
    }

    private static string MetadataNameOf(INamedTypeSymbol type)
        => type.ContainingType is { } outer
            ? MetadataNameOf(outer) + "+" + type.MetadataName
            : type.ContainingNamespace.ToDisplayString() + "." + type.MetadataName;

    private static async Task<Compilation> CompileAsync(string source, string name = "Test")
        => CSharpCompilation.Create(
            name,
            [CSharpSyntaxTree.ParseText(source)],
            await TestReferences.ResolveAllAsync(TestReferences.Net80),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
}
