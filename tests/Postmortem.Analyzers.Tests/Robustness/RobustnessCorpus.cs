using System.Collections.Immutable;
using System.Reflection;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Testing;
using Microsoft.CodeAnalysis.Text;
using Postmortem.Analyzers.Tests.Rules.Resources;

namespace Postmortem.Analyzers.Tests.Robustness;

/// <summary>A source of the corpus: its name, its text with the test markup removed, and whether it is a program.</summary>
public sealed record CorpusSource(string Name, string Text, bool HasTopLevelStatements)
{
    public override string ToString() => Name;
}

/// <summary>
/// Realistic code for the robustness suite: the sources of every rule's tests (each rule test class exposes a
/// nested static <c>Sources</c> class of string constants), found by reflection so new rules add to the corpus.
/// </summary>
internal static class RobustnessCorpus
{
    /// <summary>
    /// The sources cut at every token boundary: one per family of shapes (local functions, programs and lambdas,
    /// request handlers, gRPC, expression trees, once-per-field initialization, DI registrations, shared handlers),
    /// enough to reach every branch of the shared machinery while keeping the test to about 600 prefixes.
    /// </summary>
    public static readonly ImmutableArray<string> HalfTypedSourceNames = ImmutableArray.Create(
        nameof(PM0003HttpClientPerOperationTests) + "." + nameof(PM0003HttpClientPerOperationTests.Sources.LocalFunction),
        nameof(PM0003HttpClientPerOperationTests) + "." + nameof(PM0003HttpClientPerOperationTests.Sources.MinimalApiLambda),
        nameof(PM0003HttpClientPerOperationTests) + "." + nameof(PM0003HttpClientPerOperationTests.Sources.LazyFieldInController),
        nameof(PM0003HttpClientPerOperationTests) + "." + nameof(PM0003HttpClientPerOperationTests.Sources.GrpcServiceConstructor),
        nameof(PM0003HttpClientPerOperationTests) + "." + nameof(PM0003HttpClientPerOperationTests.Sources.ExpressionTree),
        nameof(PM0003HttpClientPerOperationTests) + "." + nameof(PM0003HttpClientPerOperationTests.Sources.CoalesceAssignmentToStaticMember),
        nameof(PM0003HttpClientPerOperationTests) + "." + nameof(PM0003HttpClientPerOperationTests.Sources.ScopedAndTransientFactories),
        nameof(PM0003HttpClientPerOperationTests) + "." + nameof(PM0003HttpClientPerOperationTests.Sources.HandlerFromHandlerFactory));

    public static ImmutableArray<CorpusSource> All { get; } = typeof(RobustnessCorpus).Assembly.GetTypes()
        .Where(type => type.IsNested && type.Name == "Sources" && type.IsAbstract && type.IsSealed)
        .OrderBy(type => type.FullName, StringComparer.Ordinal)
        .SelectMany(type => type.GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(field => field.IsLiteral && field.FieldType == typeof(string))
            .Select(field => Create(type.DeclaringType!.Name + "." + field.Name, (string)field.GetRawConstantValue()!)))
        .ToImmutableArray();

    public static CorpusSource Get(string name) => All.Single(source => source.Name == name);

    /// <summary>Names for xunit theories.</summary>
    public static TheoryData<string> HalfTypedSources()
    {
        var data = new TheoryData<string>();
        foreach (var name in HalfTypedSourceNames)
        {
            data.Add(name);
        }

        return data;
    }

    /// <summary>The end of every token of <paramref name="text"/>: where a developer typing the file pauses.</summary>
    public static ImmutableArray<int> TokenBoundaries(string text)
    {
        var root = CSharpSyntaxTree.ParseText(text, AnalyzerRunner.ParseOptions).GetRoot();
        return root.DescendantTokens(descendIntoTrivia: false)
            .Select(token => token.Span.End)
            .Prepend(0)
            .Where(position => position < text.Length)
            .Distinct()
            .ToImmutableArray();
    }

    private static CorpusSource Create(string name, string markup)
    {
        TestFileMarkupParser.GetSpans(markup, out string text, out ImmutableDictionary<string, ImmutableArray<TextSpan>> _);
        var root = (CompilationUnitSyntax)CSharpSyntaxTree.ParseText(text, AnalyzerRunner.ParseOptions).GetRoot();
        return new CorpusSource(name, text, root.Members.Any(member => member is GlobalStatementSyntax));
    }
}
