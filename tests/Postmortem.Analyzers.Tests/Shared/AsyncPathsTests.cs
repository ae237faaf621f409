using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Testing;
using Microsoft.CodeAnalysis.Text;
using Postmortem.Analyzers.Shared;
using Postmortem.Analyzers.Symbols;
using Postmortem.Analyzers.Tests.References;

namespace Postmortem.Analyzers.Tests.Shared;

/// <summary>The async-path model every Async rule shares: which function owns an operation, and whether it is an async path.</summary>
public sealed class AsyncPathsTests
{
    [Theory]
    [InlineData("async Task M() { await Task.Yield(); [|Work()|]; }", "M")]
    [InlineData("Task M() { [|Work()|]; return Task.CompletedTask; }", "M")]
    [InlineData("ValueTask<int> M() { [|Work()|]; return new ValueTask<int>(1); }", "M")]
    [InlineData("async IAsyncEnumerable<int> M() { await Task.Yield(); [|Work()|]; yield return 1; }", "M")]
    [InlineData("async void M() { await Task.Yield(); [|Work()|]; }", "M")]
    [InlineData("void M() { Func<Task> f = async () => { await Task.Yield(); [|Work()|]; }; }", "lambda")]
    [InlineData("void M() { Func<Task> f = () => { [|Work()|]; return Task.CompletedTask; }; }", "lambda")]
    [InlineData("void M() { async Task Local() { await Task.Yield(); [|Work()|]; } }", "Local")]
    [InlineData("async Task M() { await Task.Yield(); lock (this) { [|Work()|]; } }", "M", true)]
    public async Task AsyncPath(string member, string function, bool inLock = false)
    {
        var path = await FindAsync(member);

        Assert.True(path.IsAsync);
        Assert.Equal(function, path.Function!.MethodKind == MethodKind.AnonymousFunction ? "lambda" : path.Function.Name);
        Assert.Equal(inLock, path.InLock);
    }

    [Theory]
    [InlineData("void M() { [|Work()|]; }")]
    [InlineData("int P => [|Work()|];")]
    [InlineData("async Task M() { await Task.Yield(); Action a = () => [|Work()|]; }")]
    [InlineData("async Task M() { await Task.Yield(); Local(); void Local() { [|Work()|]; } }")]
    [InlineData("async Task M() { await Task.Run(() => [|Work()|]); }")]
    [InlineData("async Task M() { await Task.Run(async () => { await Task.Yield(); [|Work()|]; }); }")]
    [InlineData("async Task M() { await Task.Factory.StartNew(() => [|Work()|]); }")]
    [InlineData("async Task M() { await Task.Yield(); Expression<Func<Task<int>>> e = () => Task.FromResult([|Work()|]); }")]
    [InlineData("async Task<string> M() { await Task.Yield(); return nameof([|s_task.Result|]); }")]
    [InlineData("static readonly int s_field = [|Work()|];")]
    public async Task NotAnAsyncPath(string member)
        => Assert.False((await FindAsync(member)).IsAsync);

    [Fact]
    public async Task TopLevelStatementsWithAwait_AreAnAsyncPath()
        => Assert.True((await FindAsync(program: "await Task.Yield(); [|C.Work()|];")).IsAsync);

    [Fact]
    public async Task TopLevelStatementsWithoutAwait_AreNot()
        => Assert.False((await FindAsync(program: "[|C.Work()|];")).IsAsync);

    private static async Task<AsyncPath> FindAsync(string? member = null, string? program = null)
    {
        var markup = $$"""
            using System;
            using System.Collections.Generic;
            using System.Linq.Expressions;
            using System.Threading.Tasks;

            {{program}}

            public sealed class C
            {
                private static readonly Task<int> s_task = Task.FromResult(1);

                public static int Work() => 1;

                {{member}}
            }
            """;
        TestFileMarkupParser.GetSpan(markup, out var source, out TextSpan span);
        var tree = CSharpSyntaxTree.ParseText(source);
        var compilation = CSharpCompilation.Create(
            "Consumer",
            [tree],
            await TestReferences.Net80.ResolveAsync(LanguageNames.CSharp, CancellationToken.None),
            new CSharpCompilationOptions(program is null ? OutputKind.DynamicallyLinkedLibrary : OutputKind.ConsoleApplication));
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));

        var model = compilation.GetSemanticModel(tree);
        var node = (await tree.GetRootAsync()).FindNode(span, getInnermostNodeForTie: true);
        var operation = model.GetOperation(node) ?? throw new InvalidOperationException($"No operation for '{node}'.");
        var containing = ContainingSymbol(model, node);
        return AsyncPaths.Find(operation, containing, KnownSymbols.For(compilation));
    }

    /// <summary>What an operation action sees as the containing symbol: the member (or the top-level entry point), not a lambda.</summary>
    private static ISymbol ContainingSymbol(SemanticModel model, SyntaxNode node)
    {
        foreach (var ancestor in node.Ancestors())
        {
            switch (ancestor)
            {
                case GlobalStatementSyntax:
                    return model.Compilation.GetEntryPoint(CancellationToken.None)!;
                case VariableDeclaratorSyntax { Parent.Parent: FieldDeclarationSyntax } field:
                    return model.GetDeclaredSymbol(field)!;
                case PropertyDeclarationSyntax property:
                    return ((IPropertySymbol)model.GetDeclaredSymbol(property)!).GetMethod!;
                case BaseMethodDeclarationSyntax method:
                    return model.GetDeclaredSymbol(method)!;
            }
        }

        throw new InvalidOperationException("No containing member.");
    }
}
