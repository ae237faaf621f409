using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Postmortem.Analyzers.Shared;
using Postmortem.Analyzers.Symbols;

namespace Postmortem.Analyzers.Rules.Resources;

/// <summary>
/// PM0003: <c>new HttpClient(...)</c> where it runs per call, per loop iteration or per request. Each client
/// owns a handler with its own connection pool; the sockets of disposed clients linger in TIME_WAIT.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class PM0003HttpClientPerOperationAnalyzer : PostmortemAnalyzer
{
    public PM0003HttpClientPerOperationAnalyzer()
        : base(Descriptors.PM0003HttpClientPerOperation)
    {
    }

    private protected override bool AppliesTo(RuleContext context)
        => context.Symbols.Http.HttpClient is not null && !context.IsBrowserWasm;

    private protected override void Register(RuleContext context)
    {
        var http = context.Symbols.Http;
        context.RegisterOperationAction(c => AnalyzeCreation(c, context, http), OperationKind.ObjectCreation);
    }

    private void AnalyzeCreation(OperationAnalysisContext context, RuleContext rule, HttpSymbols http)
    {
        var creation = (IObjectCreationOperation)context.Operation;
        if (!creation.Type.InheritsFromOrEquals(http.HttpClient) || SharesPooledHandler(creation, http))
        {
            return;
        }

        var site = ExecutionFrequency.Classify(creation, context.ContainingSymbol, rule.Symbols);
        if (site.Frequency is Frequency.Never or Frequency.Once)
        {
            return;
        }

        var tree = creation.Syntax.SyntaxTree;
        if (rule.IsSuppressedFor(context.ContainingSymbol, tree) || rule.Options.IsExcluded(Rule.Id, creation.Type, tree))
        {
            return;
        }

        context.ReportDiagnostic(Diagnostic.Create(
            Rule,
            creation.Syntax.GetLocation(),
            creation.Type!.Name,
            ExecutionFrequency.Describe(site, context.ContainingSymbol)));
    }

    /// <summary>
    /// A client built over a handler it does not own shares that handler's pool: a handler from
    /// IHttpMessageHandlerFactory, a handler passed in by the caller, or a field/static handler with
    /// <c>disposeHandler: false</c>. A handler created on the spot, or a shared one the client disposes, is not.
    /// </summary>
    private static bool SharesPooledHandler(IObjectCreationOperation creation, HttpSymbols http)
    {
        IOperation? handler = null;
        var disposesHandler = true;
        foreach (var argument in creation.Arguments)
        {
            var parameter = argument.Parameter;
            if (parameter is null)
            {
                continue;
            }

            if (parameter.Type.InheritsFromOrEquals(http.HttpMessageHandler))
            {
                handler = argument.Value.WithoutConversions();
            }
            else if (parameter.Type.SpecialType == SpecialType.System_Boolean
                && argument.Value.ConstantValue is { HasValue: true, Value: false })
            {
                disposesHandler = false;
            }
        }

        switch (handler)
        {
            case null:
                return false;
            case IParameterReferenceOperation:
                return true;
            case IInvocationOperation invocation when IsHandlerFactoryCall(invocation.TargetMethod, http):
                return true;
            case IFieldReferenceOperation or IPropertyReferenceOperation:
                return !disposesHandler;
            default:
                return false;
        }
    }

    /// <summary><c>IHttpMessageHandlerFactory.CreateHandler(name)</c>, or the <c>CreateHandler()</c> extension over it.</summary>
    private static bool IsHandlerFactoryCall(IMethodSymbol method, HttpSymbols http)
        => method.ContainingType.Implements(http.HttpMessageHandlerFactory)
        || (method.IsExtensionMethod && !method.Parameters.IsEmpty && method.Parameters[0].Type.Implements(http.HttpMessageHandlerFactory));
}
