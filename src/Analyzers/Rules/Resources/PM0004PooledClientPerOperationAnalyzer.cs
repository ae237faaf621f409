using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Postmortem.Analyzers.Knowledge;
using Postmortem.Analyzers.Shared;

namespace Postmortem.Analyzers.Rules.Resources;

/// <summary>
/// PM0004: a client that owns a connection pool (see <see cref="PooledClients"/>) created where it runs per call, per loop
/// iteration or per request, judged by the same <see cref="ExecutionFrequency"/> as PM0003's HttpClient. Every instance
/// opens its own connections; clients created per operation pile them up until the server or the process gives out.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class PM0004PooledClientPerOperationAnalyzer : PostmortemAnalyzer
{
    /// <summary>Diagnostic property for the code fix: "true" when the factory connects before it returns (hoisted behind a Lazy).</summary>
    public const string ConnectsProperty = "Connects";

    private static readonly ImmutableDictionary<string, string?> s_connects = ImmutableDictionary<string, string?>.Empty.Add(ConnectsProperty, "true");

    public PM0004PooledClientPerOperationAnalyzer()
        : base(Descriptors.PM0004PooledClientPerOperation)
    {
    }

    private protected override bool AppliesTo(RuleContext context) => !context.Symbols.PooledClients.IsEmpty;

    private protected override void Register(RuleContext context)
    {
        var clients = context.Symbols.PooledClients;
        if (clients.HasCreations)
        {
            context.RegisterOperationAction(c => Analyze(c, context, clients.Find((IObjectCreationOperation)c.Operation)), OperationKind.ObjectCreation);
        }

        if (clients.HasFactories)
        {
            context.RegisterOperationAction(c => Analyze(c, context, clients.Find((IInvocationOperation)c.Operation)), OperationKind.Invocation);
        }
    }

    private void Analyze(OperationAnalysisContext context, RuleContext rule, PooledClient? client)
    {
        if (client is not { } found)
        {
            return;
        }

        var operation = context.Operation;
        var site = ExecutionFrequency.Classify(operation, context.ContainingSymbol, rule.Symbols);
        if (site.Frequency is Frequency.Never or Frequency.Once)
        {
            return;
        }

        var tree = operation.Syntax.SyntaxTree;
        ISymbol? excluded = operation switch
        {
            IObjectCreationOperation creation => creation.Type,
            IInvocationOperation invocation => invocation.TargetMethod,
            _ => null,
        };
        if (rule.IsSuppressedFor(context.ContainingSymbol, tree) || rule.Options.IsExcluded(Rule.Id, excluded, tree))
        {
            return;
        }

        context.ReportDiagnostic(Diagnostic.Create(
            Rule,
            operation.Syntax.GetLocation(),
            found.Connects ? s_connects : null,
            found.Name,
            ExecutionFrequency.Describe(site, context.ContainingSymbol)));
    }
}
