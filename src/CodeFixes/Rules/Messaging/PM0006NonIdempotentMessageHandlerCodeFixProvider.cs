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
using Microsoft.CodeAnalysis.Formatting;
using Postmortem.Analyzers.CodeFixes.Shared;
using Postmortem.Analyzers.Rules.Messaging;
using Postmortem.Analyzers.Shared;
using Postmortem.Analyzers.Symbols;

namespace Postmortem.Analyzers.CodeFixes.Rules.Messaging;

/// <summary>
/// PM0006 fix: a dedupe guard keyed on the message id at the top of the handler, written to the cache the handler's type
/// already holds (a field or property, or a primary-constructor parameter):
/// <list type="bullet">
/// <item>StackExchange.Redis <c>IDatabase</c>: <c>if (!await _db.StringSetAsync($"Handler:processed:{id}", 1, TimeSpan.FromDays(1), When.NotExists)) return;</c>
/// — one atomic command, so two deliveries running at once cannot both pass;</item>
/// <item><c>IDistributedCache</c>: <c>GetStringAsync</c>, then <c>SetStringAsync</c> with <c>AbsoluteExpirationRelativeToNow</c> — two
/// commands, not atomic (two deliveries racing can both pass); the Redis form is preferred when both are in scope.</item>
/// </list>
/// Offered only where the message id is unambiguous — MassTransit <c>context.MessageId</c> (a <c>Guid?</c>: a message without
/// one is processed unguarded) and NServiceBus <c>context.MessageId</c> — and the handler is an <c>async</c> method with a
/// block body returning <c>Task</c>/<c>ValueTask</c>. Rebus, Kafka, SQS, Service Bus, RabbitMQ, Functions and Hangfire
/// handlers get no fix: their id is in a header, a loop variable or not there at all.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(PM0006NonIdempotentMessageHandlerCodeFixProvider)), Shared]
public sealed class PM0006NonIdempotentMessageHandlerCodeFixProvider : CodeFixProvider
{
    private const string RedisNamespace = "StackExchange.Redis";
    private const string DistributedCacheNamespace = "Microsoft.Extensions.Caching.Distributed";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.NonIdempotentMessageHandler);

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
            if (Plan.For(root, model, diagnostic, context.CancellationToken) is not { } plan)
            {
                continue;
            }

            var document = context.Document;
            context.RegisterCodeFix(
                CodeAction.Create(plan.Title, ct => ApplyAsync(document, new[] { diagnostic }, plan.EquivalenceKey, ct), plan.EquivalenceKey),
                diagnostic);
        }
    }

    private static async Task<Document?> FixAllInDocumentAsync(FixAllContext context, Document document, ImmutableArray<Diagnostic> diagnostics)
        => await ApplyAsync(document, diagnostics, context.CodeActionEquivalenceKey, context.CancellationToken).ConfigureAwait(false);

    /// <summary>Every guard of <paramref name="diagnostics"/> of the kind <paramref name="equivalenceKey"/> names, and the usings they need, in one edit.</summary>
    private static async Task<Document> ApplyAsync(Document document, IReadOnlyList<Diagnostic> diagnostics, string? equivalenceKey, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (root is not CompilationUnitSyntax || model is null)
        {
            return document;
        }

        var plans = new Dictionary<SyntaxNode, Plan>();
        foreach (var diagnostic in diagnostics)
        {
            if (Plan.For(root, model, diagnostic, cancellationToken) is { } plan && plan.EquivalenceKey == equivalenceKey)
            {
                plans[plan.Body] = plan;
            }
        }

        if (plans.Count == 0)
        {
            return document;
        }

        var newRoot = (CompilationUnitSyntax)root.ReplaceNodes(plans.Keys, (original, rewritten) => plans[original].Apply((BlockSyntax)rewritten));
        newRoot = Usings.Add(newRoot, "System");
        newRoot = Usings.Add(newRoot, equivalenceKey == EquivalenceKeys.PM0006RedisGuard ? RedisNamespace : DistributedCacheNamespace);
        return document.WithSyntaxRoot(newRoot);
    }

    /// <summary>The decisions for one handler, made on the original tree.</summary>
    private sealed class Plan
    {
        /// <summary>The guard's statements, as a block (lines end with \n).</summary>
        private readonly string _guard;

        private Plan(BlockSyntax body, string guard, bool redis)
        {
            Body = body;
            _guard = guard;
            EquivalenceKey = redis ? EquivalenceKeys.PM0006RedisGuard : EquivalenceKeys.PM0006DistributedCacheGuard;
            Title = redis ? "Skip redelivered messages (Redis SET NX on the message id)" : "Skip redelivered messages (IDistributedCache entry per message id)";
        }

        public BlockSyntax Body { get; }
        public string EquivalenceKey { get; }
        public string Title { get; }

        public static Plan? For(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken)
        {
            if (!diagnostic.Properties.TryGetValue(PM0006NonIdempotentMessageHandlerAnalyzer.HandlerKindProperty, out var kind)
                || kind is not (nameof(MessageHandlerKind.MassTransitConsumer) or nameof(MessageHandlerKind.NServiceBusHandler))
                || root.FindToken(diagnostic.Location.SourceSpan.Start).Parent is not MethodDeclarationSyntax method
                || method.Identifier.Span != diagnostic.Location.SourceSpan
                || method.Body is not { } body
                || !method.Modifiers.Any(SyntaxKind.AsyncKeyword)
                || model.GetDeclaredSymbol(method, cancellationToken) is not { IsStatic: false, Parameters.Length: > 0 } symbol
                || !ReturnsPlainTask(symbol))
            {
                return null;
            }

            // MassTransit: Consume(ConsumeContext<T> context); NServiceBus: Handle(T message, IMessageHandlerContext context).
            var context = kind == nameof(MessageHandlerKind.MassTransitConsumer) ? symbol.Parameters[0] : symbol.Parameters[symbol.Parameters.Length - 1];
            if (FindProperty(context.Type, "MessageId") is not { } messageId || context.Name.Length == 0)
            {
                return null;
            }

            if (FindCache(symbol, model, DeclaredNames(method), cancellationToken) is not { } cache)
            {
                return null;
            }

            var nullable = messageId.Type.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T
                           || (messageId.Type.IsReferenceType && messageId.NullableAnnotation == NullableAnnotation.Annotated);
            // New locals avoid every name the handler mentions: one that a later statement reads as a field would rebind to them.
            var taken = new HashSet<string>(method.DescendantTokens().Where(t => t.IsKind(SyntaxKind.IdentifierToken)).Select(t => t.ValueText));
            var id = context.Name + ".MessageId";
            var idName = Unique("messageId", taken);
            var keyName = Unique("processedKey", taken);
            var configure = AwaitRewriting.UsesConfigureAwaitFalse(method) ? ".ConfigureAwait(false)" : "";
            var key = "$\"" + symbol.ContainingType.Name + ":processed:{" + (nullable ? idName : id) + "}\"";
            string guard;
            if (cache.Redis)
            {
                var set = "await " + cache.Access + ".StringSetAsync(" + key + ", 1, TimeSpan.FromDays(1), When.NotExists)" + configure;
                guard = nullable
                    ? "if (" + id + " is { } " + idName + " && !" + set + ")\n{\n    return;\n}\n"
                    : "if (!" + set + ")\n{\n    return;\n}\n";
            }
            else
            {
                guard = "var " + keyName + " = " + key + ";\n"
                        + "if (await " + cache.Access + ".GetStringAsync(" + keyName + ")" + configure + " is not null)\n{\n    return;\n}\n\n"
                        + "await " + cache.Access + ".SetStringAsync(" + keyName + ", \"1\", new DistributedCacheEntryOptions { AbsoluteExpirationRelativeToNow = TimeSpan.FromDays(1) })" + configure + ";\n";
                if (nullable)
                {
                    guard = "if (" + id + " is { } " + idName + ")\n{\n" + guard + "}\n";
                }
            }

            return new Plan(body, "{\n" + guard + "}\n", cache.Redis);
        }

        /// <summary>The body with the guard before its first statement, a blank line between them.</summary>
        public BlockSyntax Apply(BlockSyntax body)
        {
            var eol = Trivia.EndOfLine(body);
            if (SyntaxFactory.ParseStatement(_guard.Replace("\n", eol.ToString())) is not BlockSyntax parsed)
            {
                return body;
            }

            var guard = parsed.Statements.Select(s => s.WithAdditionalAnnotations(Formatter.Annotation)).ToList();
            if (guard.Count == 0)
            {
                return body;
            }

            if (body.Statements.Count > 0)
            {
                var last = guard[guard.Count - 1];
                guard[guard.Count - 1] = last.WithTrailingTrivia(last.GetTrailingTrivia().Add(SyntaxFactory.EndOfLine(eol.ToString())));
            }

            return body.WithStatements(body.Statements.InsertRange(0, guard));
        }

        /// <summary>The names the handler declares (parameters, locals, pattern and loop variables, local functions, range variables): they hide members.</summary>
        private static HashSet<string> DeclaredNames(MethodDeclarationSyntax method)
        {
            var names = new HashSet<string>();
            foreach (var node in method.DescendantNodes())
            {
                var identifier = node switch
                {
                    ParameterSyntax parameter => parameter.Identifier,
                    VariableDeclaratorSyntax variable => variable.Identifier,
                    SingleVariableDesignationSyntax designation => designation.Identifier,
                    ForEachStatementSyntax loop => loop.Identifier,
                    CatchDeclarationSyntax caught => caught.Identifier,
                    LocalFunctionStatementSyntax function => function.Identifier,
                    QueryClauseSyntax or QueryContinuationSyntax => node.ChildTokens().FirstOrDefault(t => t.IsKind(SyntaxKind.IdentifierToken)),
                    _ => default,
                };
                if (identifier.IsKind(SyntaxKind.IdentifierToken))
                {
                    names.Add(identifier.ValueText);
                }
            }

            return names;
        }

        private static bool ReturnsPlainTask(IMethodSymbol method)
            => method.ReturnType is INamedTypeSymbol { Arity: 0, Name: "Task" or "ValueTask" } type
               && type.ContainingNamespace?.ToDisplayString() == "System.Threading.Tasks";

        private static IPropertySymbol? FindProperty(ITypeSymbol type, string name)
        {
            foreach (var member in type.GetMembers(name))
            {
                if (member is IPropertySymbol property)
                {
                    return property;
                }
            }

            foreach (var @interface in type.AllInterfaces)
            {
                foreach (var member in @interface.GetMembers(name))
                {
                    if (member is IPropertySymbol property)
                    {
                        return property;
                    }
                }
            }

            return null;
        }

        /// <summary>
        /// The Redis database or distributed cache the handler's type holds (Redis first; fields and properties before
        /// primary-constructor parameters), and how the handler reaches it: <c>_db</c>, or <c>this._db</c> when a name
        /// declared in the handler hides it. A hidden primary-constructor parameter cannot be reached: no cache.
        /// </summary>
        private static (string Access, bool Redis)? FindCache(IMethodSymbol handler, SemanticModel model, HashSet<string> taken, CancellationToken cancellationToken)
        {
            var compilation = model.Compilation;
            var redis = new[] { TypeResolver.Resolve(compilation, "StackExchange.Redis.IDatabase"), TypeResolver.Resolve(compilation, "StackExchange.Redis.IDatabaseAsync") };
            var distributed = TypeResolver.Resolve(compilation, "Microsoft.Extensions.Caching.Distributed.IDistributedCache");
            if (redis[0] is null && redis[1] is null && distributed is null)
            {
                return null;
            }

            var type = handler.ContainingType;
            (string, bool)? found = null;
            foreach (var member in type.GetMembers())
            {
                var memberType = member switch
                {
                    IFieldSymbol { IsImplicitlyDeclared: false } field => field.Type,
                    IPropertySymbol { IsIndexer: false, GetMethod: not null } property => property.Type,
                    _ => null,
                };
                var access = taken.Contains(member.Name) ? (member.IsStatic ? type.Name + "." : "this.") + member.Name : member.Name;
                if (Better(memberType, redis, distributed, found, access) is { } better)
                {
                    found = better;
                }
            }

            foreach (var reference in type.DeclaringSyntaxReferences)
            {
                if (reference.SyntaxTree != model.SyntaxTree || reference.GetSyntax(cancellationToken) is not TypeDeclarationSyntax { ParameterList: { } parameters })
                {
                    continue;
                }

                foreach (var parameter in parameters.Parameters)
                {
                    if (!taken.Contains(parameter.Identifier.ValueText)
                        && Better(model.GetDeclaredSymbol(parameter, cancellationToken)?.Type, redis, distributed, found, parameter.Identifier.ValueText) is { } better)
                    {
                        found = better;
                    }
                }
            }

            return found;
        }

        private static (string, bool)? Better(ITypeSymbol? type, INamedTypeSymbol?[] redis, INamedTypeSymbol? distributed, (string Access, bool Redis)? found, string access)
        {
            if (type is null || found is { Redis: true })
            {
                return null;
            }

            if (redis.Any(r => r is not null && SymbolEqualityComparer.Default.Equals(type, r)))
            {
                return (access, true);
            }

            return found is null && distributed is not null && SymbolEqualityComparer.Default.Equals(type, distributed) ? (access, false) : null;
        }

        private static string Unique(string name, HashSet<string> taken)
        {
            var candidate = name;
            for (var i = 1; taken.Contains(candidate); i++)
            {
                candidate = name + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            return candidate;
        }
    }
}
