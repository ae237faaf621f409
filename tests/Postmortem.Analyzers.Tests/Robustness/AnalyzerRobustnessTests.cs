using System.Collections.Immutable;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Diagnostics.Telemetry;
using Microsoft.CodeAnalysis.Testing;
using Microsoft.CodeAnalysis.Text;
using Postmortem.Analyzers.Rules.Resources;
using Postmortem.Analyzers.Tests.References;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Postmortem.Analyzers.Tests.Robustness;

/// <summary>
/// Every shipped analyzer, run as the IDE runs it, over code an analyzer meets while a developer types: empty files,
/// half-typed code, missing references and error types, huge and deeply nested methods, generated and heavily
/// preprocessed code. No analyzer may throw (no AD0001), and no rule may report outside the text or in generated code.
/// </summary>
public sealed class AnalyzerRobustnessTests(ITestOutputHelper output)
{
    /// <summary>The richest reference set the corpus needs: ASP.NET Core, DI, Microsoft.Extensions.Http and gRPC.</summary>
    private static ReferenceAssemblies CorpusReferences => TestReferences.Grpc80;

    // ---------------------------------------------------------------- the harness itself

    [Fact]
    public void Discovery_FindsAnAnalyzerForEveryDescriptor()
    {
        Assert.Contains(ShippedAnalyzers.All, analyzer => analyzer is PM0003HttpClientPerOperationAnalyzer);
        var served = ShippedAnalyzers.All.SelectMany(analyzer => analyzer.SupportedDiagnostics).Select(descriptor => descriptor.Id).ToHashSet();
        Assert.All(Descriptors.All, descriptor => Assert.Contains(descriptor.Id, served));
    }

    [Fact]
    public async Task Harness_SurfacesAnalyzerExceptions()
    {
        var compilation = await CompileAsync("public sealed class C { public void M() { } }", TestReferences.Net80);
        var result = await AnalyzerRunner.RunAsync(compilation, ImmutableArray.Create<DiagnosticAnalyzer>(new ThrowingAnalyzer()));

        Assert.NotEmpty(result.Failures);
        Assert.Throws<FailException>(() => result.AssertNoAnalyzerFailure("the harness self-test"));
    }

    // ---------------------------------------------------------------- (a) empty file

    [Fact]
    public async Task EmptyFile_NoFailureAndNoDiagnostic()
    {
        foreach (var references in new[] { null, TestReferences.Net80, CorpusReferences })
        {
            foreach (var kind in new[] { OutputKind.DynamicallyLinkedLibrary, OutputKind.ConsoleApplication })
            {
                var empty = await AnalyzerRunner.BaseCompilationAsync(references, kind);
                foreach (var compilation in new[] { empty, empty.AddSyntaxTrees(AnalyzerRunner.Parse("")) })
                {
                    var result = await AnalyzerRunner.RunAsync(compilation);
                    result.AssertNoAnalyzerFailure($"an empty {kind} with {compilation.SyntaxTrees.Count()} tree(s)");
                    Assert.Empty(result.RuleDiagnostics);
                }
            }
        }
    }

    // ---------------------------------------------------------------- (b) half-typed code

    public static TheoryData<string> HalfTypedSources() => RobustnessCorpus.HalfTypedSources();

    [Theory]
    [MemberData(nameof(HalfTypedSources))]
    public async Task HalfTypedCode_NoFailureAndEveryLocationInSource(string name)
    {
        var source = RobustnessCorpus.Get(name);
        var empty = await AnalyzerRunner.BaseCompilationAsync(CorpusReferences, OutputKindOf(source));
        var boundaries = RobustnessCorpus.TokenBoundaries(source.Text);
        var watch = CpuAndWallClock.Start();
        foreach (var end in boundaries)
        {
            var result = await AnalyzerRunner.RunAsync(empty.AddSyntaxTrees(AnalyzerRunner.Parse(source.Text[..end])));
            var context = $"{name} cut at offset {end}";
            result.AssertNoAnalyzerFailure(context);
            result.AssertRuleLocationsInSource(context);
        }

        output.WriteLine($"{name}: {boundaries.Length} prefixes, {ShippedAnalyzers.All.Length} analyzer(s), {watch}");
    }

    // ---------------------------------------------------------------- (c) missing references and error types

    /// <summary>
    /// With no reference at all no rule's library is present: nothing may be reported. With the core library alone a
    /// rule about the core library (GC, threads) may still report, but only what it reports on the fully referenced
    /// code: anything else is noise caused by error types.
    /// </summary>
    [Fact]
    public async Task MissingReferences_NoFailureAndNoNoise()
    {
        var noReferences = await AnalyzerRunner.BaseCompilationAsync(null);
        var coreLibraryOnly = noReferences.AddReferences(await CoreLibraryAsync());
        foreach (var source in RobustnessCorpus.All)
        {
            var kind = OutputKindOf(source);
            var bare = await AnalyzerRunner.RunAsync(noReferences.WithOptions(noReferences.Options.WithOutputKind(kind)).AddSyntaxTrees(AnalyzerRunner.Parse(source.Text)));
            bare.AssertNoAnalyzerFailure($"{source.Name} with no references");
            Assert.True(!bare.RuleDiagnostics.Any(), $"{string.Join(", ", bare.RuleDiagnostics)} on {source.Name} with no references");

            var core = await AnalyzerRunner.RunAsync(coreLibraryOnly.WithOptions(coreLibraryOnly.Options.WithOutputKind(kind)).AddSyntaxTrees(AnalyzerRunner.Parse(source.Text)));
            core.AssertNoAnalyzerFailure($"{source.Name} with the core library only");
            if (core.RuleDiagnostics.Any())
            {
                var referenced = await AnalyzerRunner.RunAsync((await AnalyzerRunner.BaseCompilationAsync(CorpusReferences, kind)).AddSyntaxTrees(AnalyzerRunner.Parse(source.Text)));
                var expected = referenced.RuleDiagnostics.Select(Key).ToHashSet();
                Assert.All(core.RuleDiagnostics, diagnostic => Assert.True(expected.Contains(Key(diagnostic)), $"{diagnostic} on {source.Name} with the core library only is noise"));
            }
        }
    }

    [Fact]
    public async Task MissingLibrary_PM0003RegistersNoAction()
    {
        var analyzer = new PM0003HttpClientPerOperationAnalyzer();
        var source = RobustnessCorpus.Get("PM0003HttpClientPerOperationTests.MethodBody").Text;

        var without = await TelemetryAsync((await AnalyzerRunner.BaseCompilationAsync(null)).AddReferences(await CoreLibraryAsync()).AddSyntaxTrees(AnalyzerRunner.Parse(source)));
        Assert.Equal(1, without.CompilationStartActionsCount);
        Assert.Equal(0, without.OperationActionsCount + without.SyntaxNodeActionsCount + without.SymbolActionsCount + without.CompilationEndActionsCount);

        var with = await TelemetryAsync(await CompileAsync(source, TestReferences.Net80));
        Assert.Equal(1, with.OperationActionsCount);

        async Task<AnalyzerTelemetryInfo> TelemetryAsync(Compilation compilation)
        {
            var withAnalyzers = compilation.WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(analyzer));
            await withAnalyzers.GetAnalyzerDiagnosticsAsync(CancellationToken.None);
            return await withAnalyzers.GetAnalyzerTelemetryInfoAsync(analyzer, CancellationToken.None);
        }
    }

    [Fact]
    public async Task ErrorTypes_NoFailureAndNoDiagnostic()
    {
        var result = await AnalyzerRunner.RunAsync(await CompileAsync(RobustnessCorpus.Get("AnalyzerRobustnessTests.ErrorTypes").Text, CorpusReferences));

        result.AssertNoAnalyzerFailure("error types");
        Assert.Empty(result.RuleDiagnostics);
    }

    // ---------------------------------------------------------------- (d) huge methods and deep nesting

    [Fact]
    public async Task VeryLargeMethod_NoFailureAndEveryCreationReported()
    {
        const int Groups = 1_000;
        const int CreationEvery = 5;
        var code = new StringBuilder("using System;\nusing System.Net.Http;\n\npublic sealed class Generated\n{\n    public int Run(string[] urls)\n    {\n        var total = 0;\n");
        for (var i = 0; i < Groups; i++)
        {
            code.Append($"        IDisposable value{i} = {(i % CreationEvery == 0 ? "new HttpClient()" : "new System.IO.MemoryStream()")};\n");
            code.Append($"        if (urls.Length > {i}) {{ total += value{i}.GetHashCode(); }}\n");
            code.Append($"        value{i}.Dispose();\n");
        }

        code.Append("        return total;\n    }\n}\n");

        var result = await TimedAsync($"a method of {Groups * 3:N0} statements", await CompileAsync(code.ToString(), TestReferences.Net80));

        Assert.Equal(Groups / CreationEvery, result.RuleDiagnostics.Count(diagnostic => diagnostic.Id == "PM0003"));
    }

    [Fact]
    public async Task DeeplyNestedLambdas_NoFailureAndEveryCreationReported()
    {
        const int Depth = 200;
        const int CreationEvery = 10;
        var code = new StringBuilder("using System;\nusing System.Net.Http;\n\npublic sealed class Nested\n{\n    public Func<object> Build() => ");
        for (var i = 0; i < Depth; i++)
        {
            var value = i % CreationEvery == 0 ? "new HttpClient()" : "new object()";
            code.Append($"() =>\n{{\n    var value{i} = {value};\n    Func<object> next{i} = ");
        }

        code.Append("() => new object();\n");
        for (var i = Depth - 1; i >= 0; i--)
        {
            code.Append($"    return next{i};\n}};\n");
        }

        code.Append("}\n");

        var result = await TimedAsync($"{Depth} nested lambdas", await CompileAsync(code.ToString(), TestReferences.Net80));

        Assert.Equal(Depth / CreationEvery, result.RuleDiagnostics.Count(diagnostic => diagnostic.Id == "PM0003"));
    }

    [Fact]
    public async Task DeeplyNestedBlocks_NoFailureAndInnermostCreationReported()
    {
        const int Depth = 400;
        var code = new StringBuilder("using System.Net.Http;\n\npublic static class Nested\n{\n    public static void Run(int[] values)\n    {\n");
        for (var i = 0; i < Depth; i++)
        {
            code.Append((i % 3) switch
            {
                0 => $"if (values.Length > {i})\n{{\n",
                1 => "{\n",
                _ => "try\n{\n",
            });
        }

        code.Append("foreach (var value in values) { using var client = new HttpClient(); }\n");
        for (var i = Depth - 1; i >= 0; i--)
        {
            code.Append(i % 3 == 2 ? "}\nfinally { }\n" : "}\n");
        }

        code.Append("    }\n}\n");

        var result = await TimedAsync($"{Depth} nested blocks", await CompileAsync(code.ToString(), TestReferences.Net80));

        Assert.Single(result.RuleDiagnostics, diagnostic => diagnostic.Id == "PM0003");
    }

    // ---------------------------------------------------------------- (e) generated and preprocessed code

    [Fact]
    public async Task GeneratedCode_RulesThatSkipItReportNothing()
    {
        var skipping = ShippedAnalyzers.All.Where(analyzer => !ShippedAnalyzers.AnalyzesGeneratedCode(analyzer)).ToImmutableArray();
        var generatedForms = new[]
        {
            (Header: "// <auto-generated/>\n", Path: "/src/ShortHeader.cs"),
            (Header: "// <auto-generated>\n//     This code was generated by a tool.\n// </auto-generated>\n\n", Path: "/src/LongHeader.cs"),
            (Header: "", Path: "/obj/Code.g.cs"),
        };
        var reportedInHandWrittenCode = 0;
        foreach (var source in RobustnessCorpus.All)
        {
            var empty = await AnalyzerRunner.BaseCompilationAsync(CorpusReferences, OutputKindOf(source));
            if (reportedInHandWrittenCode == 0)
            {
                reportedInHandWrittenCode = (await AnalyzerRunner.RunAsync(empty.AddSyntaxTrees(AnalyzerRunner.Parse(source.Text)), skipping)).RuleDiagnostics.Count();
            }

            // Generated trees are not analyzed at all, so the three forms can share a compilation (their duplicate types do not matter).
            var generated = generatedForms.Select(form => AnalyzerRunner.Parse(form.Header + source.Text, form.Path));
            var result = await AnalyzerRunner.RunAsync(empty.AddSyntaxTrees(generated), skipping);
            var context = $"{source.Name} as generated code";
            result.AssertNoAnalyzerFailure(context);
            Assert.True(!result.RuleDiagnostics.Any(), $"{string.Join(", ", result.RuleDiagnostics)} on {context}");
        }

        Assert.True(reportedInHandWrittenCode > 0, "The corpus must produce diagnostics as hand-written code, or this test proves nothing.");
    }

    [Theory]
    [InlineData("DEBUG", "NET8_0_OR_GREATER")]
    [InlineData("RELEASE")]
    [InlineData]
    public async Task PreprocessorHeavyCode_ReportsOnlyActiveCode(params string[] symbols)
    {
        TestFileMarkupParser.GetSpans(Sources.ConditionalAndNullableHeavy, out string text, out ImmutableArray<TextSpan> markedInDebug);
        var tree = AnalyzerRunner.Parse(text, options: AnalyzerRunner.ParseOptions.WithPreprocessorSymbols(symbols));
        var result = await AnalyzerRunner.RunAsync((await AnalyzerRunner.BaseCompilationAsync(CorpusReferences)).AddSyntaxTrees(tree));

        var context = $"preprocessor-heavy code with [{string.Join(", ", symbols)}]";
        result.AssertNoAnalyzerFailure(context);
        result.AssertRuleLocationsInSource(context);
        var disabled = tree.GetRoot().DescendantTrivia().Where(trivia => trivia.IsKind(SyntaxKind.DisabledTextTrivia)).Select(trivia => trivia.Span).ToList();
        Assert.All(result.RuleDiagnostics, diagnostic => Assert.DoesNotContain(disabled, span => span.OverlapsWith(diagnostic.Location.SourceSpan)));
        if (symbols.Contains("DEBUG"))
        {
            Assert.Equal(markedInDebug, result.RuleDiagnostics.Where(diagnostic => diagnostic.Id == "PM0003").Select(diagnostic => diagnostic.Location.SourceSpan).Order());
        }
    }

    // ---------------------------------------------------------------- helpers

    private static OutputKind OutputKindOf(CorpusSource source)
        => source.HasTopLevelStatements ? OutputKind.ConsoleApplication : OutputKind.DynamicallyLinkedLibrary;

    private static async Task<Compilation> CompileAsync(string text, ReferenceAssemblies references)
        => (await AnalyzerRunner.BaseCompilationAsync(references)).AddSyntaxTrees(AnalyzerRunner.Parse(text));

    /// <summary>The core library alone (System.Runtime from the .NET 8 reference pack): object and string, no System.Net.Http.</summary>
    private static async Task<MetadataReference> CoreLibraryAsync()
        => (await TestReferences.Net80.ResolveAsync(LanguageNames.CSharp, CancellationToken.None))
            .Single(reference => reference is PortableExecutableReference { FilePath: { } path } && Path.GetFileName(path) == "System.Runtime.dll");

    private static (string Id, string Path, TextSpan Span) Key(Diagnostic diagnostic)
        => (diagnostic.Id, diagnostic.Location.SourceTree?.FilePath ?? "", diagnostic.Location.SourceSpan);

    private async Task<AnalyzerRunResult> TimedAsync(string context, Compilation compilation)
    {
        var watch = CpuAndWallClock.Start();
        var result = await AnalyzerRunner.RunAsync(compilation);
        output.WriteLine($"{context}: analyzed in {watch}");
        result.AssertNoAnalyzerFailure(context);
        result.AssertRuleLocationsInSource(context);
        return result;
    }

    /// <summary>Robustness-only sources; they join the corpus with the rules' test sources.</summary>
    public static class Sources
    {
        public const string ErrorTypes = """
            using System.Net.Http;

            public sealed class Broken : UnknownBase
            {
                private readonly UnknownType _field = new UnknownType();

                public Broken(UnknownDependency dependency)
                {
                }

                public void Run()
                {
                    var a = new UnknownType();
                    var b = new HttpClient(unknownVariable);
                    var c = new HttpClient(new UnknownHandler(), disposeHandler: false);
                    HttpClient d = new(alsoUnknown, 42, "too many");
                    var e = new Unknown.Namespace.HttpClient();
                    var f = new HttpClient(handler: missing, disposeHandler: unknownFlag);
                    UnknownGeneric<HttpClient> g = new();
                    var h = new HttpClient(unknownVariable) { Timeout = default };
                }
            }
            """;

        public const string ConditionalAndNullableHeavy = """
            #nullable enable
            using System;
            using System.Net.Http;
            #if NET8_0_OR_GREATER
            using System.Threading.Tasks;
            #endif

            #region Clients
            public sealed class Conditional
            {
            #nullable disable
                private HttpClient _field;
            #nullable restore

            #if DEBUG
                public HttpClient Debug() => [|new HttpClient()|];
            #elif RELEASE
                public HttpClient Release() => new HttpClient();
            #else
                public HttpClient Other() => new HttpClient(
            #endif

                public HttpClient? Create(bool flag)
                {
            #pragma warning disable CS0168
                    HttpClient? unused;
            #pragma warning restore CS0168
            #if !DEBUG
                    return new HttpClient();
            #else
                    return flag ? [|new HttpClient()|] : null;
            #endif
                }

            #if NEVER_DEFINED
                static Broken( { new HttpClient()
            #endif
            #nullable disable annotations
                public HttpClient Loose() => [|new HttpClient()|]!;
            #nullable enable warnings

            #if NET8_0_OR_GREATER && !NEVER_DEFINED
                public Task<string> GetAsync(string url) => [|new HttpClient()|].GetStringAsync(url);
            #endif
            }
            #endregion
            """;
    }

    /// <summary>Throws from a callback: proves the harness reports analyzer exceptions instead of losing them.</summary>
#pragma warning disable RS1001 // Created by the test itself, never loaded by a compiler: no [DiagnosticAnalyzer].
    private sealed class ThrowingAnalyzer : DiagnosticAnalyzer
#pragma warning restore RS1001
    {
#pragma warning disable RS2008 // A descriptor of the test harness, not of the package: no release tracking.
        private static readonly DiagnosticDescriptor s_rule = new("XX0001", "Throws", "Throws", "Test", DiagnosticSeverity.Warning, isEnabledByDefault: true);
#pragma warning restore RS2008

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(s_rule);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterSyntaxNodeAction(_ => throw new InvalidOperationException("Thrown on purpose."), SyntaxKind.MethodDeclaration);
        }
    }
}
