using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using Postmortem.Analyzers.Tests.References;

namespace Postmortem.Analyzers.Tests.Verifiers;

/// <summary>
/// Thin code-fix verifier: the fixed code must match and must compile (the test fails on any compiler error in
/// the fixed state). <c>batchFixed</c> checks Fix All in document, project and solution scope.
/// </summary>
public static class CSharpCodeFixVerifier<TAnalyzer, TCodeFix>
    where TAnalyzer : DiagnosticAnalyzer, new()
    where TCodeFix : CodeFixProvider, new()
{
    /// <summary>Applies the fix with <paramref name="equivalenceKey"/> and compares with <paramref name="fixedSource"/>.</summary>
    public static Task VerifyFixAsync(string source, string fixedSource, string equivalenceKey, ReferenceAssemblies? references = null, string? batchFixedSource = null)
    {
        var test = new Test(references ?? TestReferences.Net80)
        {
            TestCode = source,
            FixedCode = fixedSource,
            CodeActionEquivalenceKey = equivalenceKey,
        };
        if (batchFixedSource is not null)
        {
            test.BatchFixedCode = batchFixedSource;
        }

        return test.RunAsync(CancellationToken.None);
    }

    /// <summary>Verifies that no fix with <paramref name="equivalenceKey"/> is offered for the flagged code.</summary>
    public static Task VerifyNoFixAsync(string source, string equivalenceKey, ReferenceAssemblies? references = null)
    {
        var test = new Test(references ?? TestReferences.Net80)
        {
            TestCode = source,
            FixedCode = source,
            CodeActionEquivalenceKey = equivalenceKey,
        };

        // The fix is expected not to be registered at all, so the iteration count is zero.
        test.NumberOfIncrementalIterations = 0;
        test.NumberOfFixAllIterations = 0;
        test.CodeFixTestBehaviors |= CodeFixTestBehaviors.SkipFixAllCheck;
        return test.RunAsync(CancellationToken.None);
    }

    public sealed class Test : CSharpCodeFixTest<TAnalyzer, TCodeFix, DefaultVerifier>
    {
        public Test(ReferenceAssemblies references)
        {
            ReferenceAssemblies = references;
            TestState.AdditionalReferences.AddRange(TestReferences.LibrariesOf(references));

            // Markup without an ID means the rule's main (first) descriptor; other forms of a rule are expected explicitly.
            MarkupOptions = MarkupOptions.UseFirstDescriptor;
            TestState.OutputKind = OutputKind.DynamicallyLinkedLibrary;
        }

        protected override ParseOptions CreateParseOptions()
            => ((CSharpParseOptions)base.CreateParseOptions()).WithLanguageVersion(LanguageVersion.CSharp12);
    }
}
