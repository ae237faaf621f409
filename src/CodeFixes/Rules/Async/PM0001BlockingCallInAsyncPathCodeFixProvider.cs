using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Postmortem.Analyzers.CodeFixes.Shared;
using Postmortem.Analyzers.Knowledge;
using Postmortem.Analyzers.Symbols;

namespace Postmortem.Analyzers.CodeFixes.Rules.Async;

/// <summary>
/// PM0001 fix: await the awaitable counterpart with the same arguments, passing the CancellationToken parameter
/// in scope when the counterpart accepts one: <c>File.ReadAllText(p)</c> → <c>await File.ReadAllTextAsync(p, ct)</c>,
/// <c>query.ToList()</c> → <c>await query.ToListAsync(ct)</c> (adding <c>using Microsoft.EntityFrameworkCore;</c>),
/// <c>Thread.Sleep(x)</c> → <c>await Task.Delay(x, ct)</c>. Offered only where await is legal as the code stands
/// and the counterpart takes the same parameters and returns the same result. The interprocedural form has no
/// fix: the helper has to become async, which changes its callers.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(PM0001BlockingCallInAsyncPathCodeFixProvider)), Shared]
public sealed class PM0001BlockingCallInAsyncPathCodeFixProvider : CodeFixProvider
{
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.BlockingCallInAsyncPath);

    public override FixAllProvider GetFixAllProvider() => FixAllProvider.Create(FixAllInDocumentAsync);

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || model is null)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            if (root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not InvocationExpressionSyntax invocation
                || Plan.For(invocation, model, context.CancellationToken) is not { } plan)
            {
                continue;
            }

            var document = context.Document;
            context.RegisterCodeFix(
                CodeAction.Create(
                    $"Await '{plan.CounterpartName}'",
                    ct => FixAllInDocumentAsync(document, new[] { invocation }, ct),
                    EquivalenceKeys.PM0001AwaitCounterpart),
                diagnostic);
        }
    }

    private static async Task<Document?> FixAllInDocumentAsync(FixAllContext context, Document document, ImmutableArray<Diagnostic> diagnostics)
    {
        var root = await document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return document;
        }

        var invocations = diagnostics
            .Select(d => root.FindNode(d.Location.SourceSpan, getInnermostNodeForTie: true))
            .OfType<InvocationExpressionSyntax>()
            .ToList();
        return await FixAllInDocumentAsync(document, invocations, context.CancellationToken).ConfigureAwait(false);
    }

    private static async Task<Document> FixAllInDocumentAsync(Document document, IReadOnlyList<InvocationExpressionSyntax> invocations, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (root is null || model is null)
        {
            return document;
        }

        var plans = new Dictionary<SyntaxNode, Plan>();
        foreach (var invocation in invocations)
        {
            if (Plan.For(invocation, model, cancellationToken) is { } plan)
            {
                plans[invocation] = plan;
            }
        }

        if (plans.Count == 0)
        {
            return document;
        }

        var newRoot = root.ReplaceNodes(plans.Keys, (original, rewritten) => plans[original].Apply((InvocationExpressionSyntax)original, (InvocationExpressionSyntax)rewritten));
        foreach (var import in plans.Values.Select(p => p.Import).Where(i => i is not null).Distinct())
        {
            newRoot = Usings.Add((CompilationUnitSyntax)newRoot, import!);
        }

        return document.WithSyntaxRoot(newRoot);
    }

    /// <summary>The semantic decisions for one call, made on the original tree and applied to the (possibly rewritten) node.</summary>
    private sealed class Plan
    {
        private Plan(string counterpartName, string? delayTarget, string? token, string? tokenName, bool configureAwait, string? import)
        {
            CounterpartName = counterpartName;
            DelayTarget = delayTarget;
            Token = token;
            TokenName = tokenName;
            ConfigureAwait = configureAwait;
            Import = import;
        }

        public string CounterpartName { get; }

        /// <summary>"Task.Delay" spelled for the position, when Thread.Sleep is replaced.</summary>
        public string? DelayTarget { get; }

        public string? Token { get; }

        /// <summary>The parameter name when the token must be passed by name (optional arguments in between).</summary>
        public string? TokenName { get; }

        public bool ConfigureAwait { get; }

        /// <summary>The namespace to import for an extension counterpart that is not in scope.</summary>
        public string? Import { get; }

        public static Plan? For(InvocationExpressionSyntax invocation, SemanticModel model, CancellationToken cancellationToken)
        {
            if (AwaitRewriting.AwaitingFunction(invocation) is not { } function
                || model.GetOperation(invocation, cancellationToken) is not IInvocationOperation operation
                || invocation.ArgumentList.Arguments.Any(a => !a.RefKindKeyword.IsKind(SyntaxKind.None)))
            {
                return null;
            }

            var symbols = KnownSymbols.For(model.Compilation);
            if (symbols.BlockingApis.Find(operation) is not { Counterpart: { } counterpart } api)
            {
                return null;
            }

            string? token = null;
            string? tokenName = null;
            var tokenIndex = AsyncCounterparts.CancellationTokenIndex(counterpart, symbols);
            if (tokenIndex >= 0)
            {
                token = TokenInScope(invocation, model, symbols, cancellationToken);
                if (token is null && !counterpart.Parameters[tokenIndex].IsOptional)
                {
                    token = symbols.Blocking.CancellationToken!.ToMinimalDisplayString(model, invocation.SpanStart) + ".None";
                }

                var positional = invocation.ArgumentList.Arguments.All(a => a.NameColon is null) && ArgumentCountInCall(operation) == tokenIndex;
                tokenName = positional ? null : counterpart.Parameters[tokenIndex].Name;
            }

            string? delayTarget = null;
            string? import = null;
            if (api.Shape == CounterpartShape.TaskDelay)
            {
                delayTarget = symbols.Tasks.Task!.ToMinimalDisplayString(model, invocation.SpanStart) + ".Delay";
            }
            else if (counterpart.IsExtensionMethod && !IsExtensionInScope(counterpart, model, invocation))
            {
                import = counterpart.ContainingNamespace.ToDisplayString();
            }

            return new Plan(api.CounterpartName, delayTarget, token, tokenName, AwaitRewriting.UsesConfigureAwaitFalse(function), import);
        }

        public ExpressionSyntax Apply(InvocationExpressionSyntax original, InvocationExpressionSyntax current)
        {
            var name = CounterpartName.Substring(CounterpartName.LastIndexOf('.') + 1);
            ExpressionSyntax? target = DelayTarget is not null
                ? SyntaxFactory.ParseExpression(DelayTarget)
                : current.Expression switch
                {
                    MemberAccessExpressionSyntax member => member.WithName(Renamed(member.Name, name)),
                    SimpleNameSyntax simple => Renamed(simple, name),
                    MemberBindingExpressionSyntax binding => binding.WithName(Renamed(binding.Name, name)),
                    _ => null,
                };
            if (target is null)
            {
                return current;
            }

            var arguments = current.ArgumentList;
            if (Token is not null)
            {
                var argument = SyntaxFactory.Argument(SyntaxFactory.ParseExpression(Token));
                if (TokenName is not null)
                {
                    argument = argument.WithNameColon(SyntaxFactory.NameColon(TokenName));
                }

                arguments = arguments.WithArguments(arguments.Arguments.Add(argument));
            }

            var call = current.WithExpression(target).WithArgumentList(arguments).WithoutTrivia();
            ExpressionSyntax awaited = SyntaxFactory.AwaitExpression(AwaitRewriting.Configure(call, ConfigureAwait));
            if (AwaitRewriting.NeedsParentheses(original))
            {
                awaited = SyntaxFactory.ParenthesizedExpression(awaited);
            }

            return awaited.WithTriviaFrom(current);
        }

        private static SimpleNameSyntax Renamed(SimpleNameSyntax name, string newName) => name switch
        {
            GenericNameSyntax generic => generic.WithIdentifier(SyntaxFactory.Identifier(newName).WithTriviaFrom(generic.Identifier)),
            _ => SyntaxFactory.IdentifierName(SyntaxFactory.Identifier(newName).WithTriviaFrom(name.Identifier)),
        };

        /// <summary>The arguments written in the call, counting an extension method's receiver as the first.</summary>
        private static int ArgumentCountInCall(IInvocationOperation operation)
        {
            var count = 0;
            foreach (var argument in operation.Arguments)
            {
                if (argument.ArgumentKind != ArgumentKind.DefaultValue)
                {
                    count++;
                }
            }

            return count;
        }

        /// <summary>The nearest CancellationToken parameter of the enclosing lambdas, local functions and method.</summary>
        private static string? TokenInScope(SyntaxNode node, SemanticModel model, KnownSymbols symbols, CancellationToken cancellationToken)
        {
            for (var current = node.Parent; current is not null; current = current.Parent)
            {
                var parameters = current switch
                {
                    BaseMethodDeclarationSyntax method => method.ParameterList.Parameters,
                    LocalFunctionStatementSyntax local => local.ParameterList.Parameters,
                    ParenthesizedLambdaExpressionSyntax lambda => lambda.ParameterList.Parameters,
                    SimpleLambdaExpressionSyntax lambda => SyntaxFactory.SingletonSeparatedList(lambda.Parameter),
                    AnonymousMethodExpressionSyntax anonymous when anonymous.ParameterList is { } list => list.Parameters,
                    _ => default,
                };
                foreach (var parameter in parameters)
                {
                    if (model.GetDeclaredSymbol(parameter, cancellationToken) is { } symbol
                        && SymbolEqualityComparer.Default.Equals(symbol.Type, symbols.Blocking.CancellationToken))
                    {
                        return symbol.Name;
                    }
                }

                if (current is MemberDeclarationSyntax)
                {
                    break;
                }
            }

            return null;
        }

        private static bool IsExtensionInScope(IMethodSymbol counterpart, SemanticModel model, InvocationExpressionSyntax invocation)
        {
            if (invocation.Expression is not MemberAccessExpressionSyntax member || model.GetTypeInfo(member.Expression).Type is not { } receiver)
            {
                return true;
            }

            return model.LookupSymbols(invocation.SpanStart, receiver, counterpart.Name, includeReducedExtensionMethods: true).Length > 0;
        }
    }
}
