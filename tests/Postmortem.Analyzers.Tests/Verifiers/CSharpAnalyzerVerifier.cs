using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using Postmortem.Analyzers.Tests.References;

namespace Postmortem.Analyzers.Tests.Verifiers;

/// <summary>Thin verifier over Microsoft.CodeAnalysis.Testing: markup sources, real reference assemblies.</summary>
public static class CSharpAnalyzerVerifier<TAnalyzer>
    where TAnalyzer : DiagnosticAnalyzer, new()
{
    /// <summary>A result for the rule's main (first) descriptor.</summary>
    public static DiagnosticResult Diagnostic() => new(new TAnalyzer().SupportedDiagnostics[0]);

    public static DiagnosticResult Diagnostic(string id) => CSharpAnalyzerVerifier<TAnalyzer, DefaultVerifier>.Diagnostic(id);

    /// <summary>Verifies <paramref name="source"/> (markup marks the expected diagnostics) against <paramref name="references"/>.</summary>
    public static Task VerifyAsync(string source, ReferenceAssemblies? references = null, string? editorConfig = null, params DiagnosticResult[] expected)
    {
        var test = new Test(references ?? TestReferences.Net80, editorConfig) { TestCode = source };
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync(CancellationToken.None);
    }

    public sealed class Test : CSharpAnalyzerTest<TAnalyzer, DefaultVerifier>
    {
        public Test(ReferenceAssemblies references, string? editorConfig = null)
        {
            ReferenceAssemblies = references;
            TestState.AdditionalReferences.AddRange(TestReferences.LibrariesOf(references));

            // Markup without an ID means the rule's main (first) descriptor; other forms of a rule are expected explicitly.
            MarkupOptions = MarkupOptions.UseFirstDescriptor;
            TestState.OutputKind = OutputKind.DynamicallyLinkedLibrary;
            if (editorConfig is not null)
            {
                TestState.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n\n[*]\n" + editorConfig));
            }
        }

        protected override ParseOptions CreateParseOptions()
            => ((CSharpParseOptions)base.CreateParseOptions()).WithLanguageVersion(LanguageVersion.CSharp12);
    }
}
