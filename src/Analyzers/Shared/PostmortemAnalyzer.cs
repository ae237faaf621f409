using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Postmortem.Analyzers.Options;

namespace Postmortem.Analyzers.Shared;

/// <summary>
/// The base of every rule. It owns <see cref="Initialize"/>: concurrent execution, generated code skipped
/// unless the rule opts in, well-known symbols resolved once per compilation, and nothing registered when
/// the rule's library is absent or the user turned the rule off. Rules only say when they apply and register their actions.
/// </summary>
public abstract class PostmortemAnalyzer : DiagnosticAnalyzer
{
    /// <summary>
    /// A rule that also reports some of its diagnostics at compilation end, through <paramref name="compilationEndRule"/>:
    /// the same ID, category and severity, tagged <see cref="WellKnownDiagnosticTags.CompilationEnd"/> so that hosts know
    /// those diagnostics need the whole compilation while the others stay live in the editor.
    /// </summary>
    private protected PostmortemAnalyzer(DiagnosticDescriptor rule, DiagnosticDescriptor? compilationEndRule = null)
    {
        Rule = rule;
        SupportedDiagnostics = compilationEndRule is null ? ImmutableArray.Create(rule) : ImmutableArray.Create(rule, compilationEndRule);
    }

    /// <summary>The rule this analyzer reports.</summary>
    public DiagnosticDescriptor Rule { get; }

    public sealed override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; }

    /// <summary>True for rules about generated code itself (EF Core migrations).</summary>
    private protected virtual bool AnalyzesGeneratedCode => false;

    public sealed override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(AnalyzesGeneratedCode
            ? GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics
            : GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            RuleContext rule;
            try
            {
                if (RuleSeverity.IsOffEverywhere(start.Compilation, Rule.Id, start.CancellationToken))
                {
                    return;
                }

                rule = new RuleContext(start, Rule.Id);
                if (!AppliesTo(rule))
                {
                    return;
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                throw new AnalyzerCallbackException(Rule.Id, location: null, ex);
            }

            Register(rule);
        });
    }

    /// <summary>Whether the rule applies to this compilation: typically, whether its library is referenced.</summary>
    private protected abstract bool AppliesTo(RuleContext context);

    /// <summary>Registers the rule's actions through <paramref name="context"/>, which guards every callback.</summary>
    private protected abstract void Register(RuleContext context);
}
