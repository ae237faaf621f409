using System;
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
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;
using Postmortem.Analyzers.CodeFixes.Shared;
using Postmortem.Analyzers.Shared;
using Postmortem.Analyzers.Symbols;

namespace Postmortem.Analyzers.CodeFixes.Rules.Resources;

/// <summary>
/// PM0003 fixes. "Use IHttpClientFactory": inject the factory and call <c>CreateClient()</c>. "Reuse a static
/// HttpClient": hoist the creation to a <c>static readonly</c> field over a <c>SocketsHttpHandler</c> whose
/// connections are recycled. Both drop the <c>using</c>/<c>Dispose</c> of the client, and both are offered
/// only for the shapes where the result compiles and behaves the same apart from the pooling.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(PM0003HttpClientPerOperationCodeFixProvider)), Shared]
public sealed class PM0003HttpClientPerOperationCodeFixProvider : CodeFixProvider
{
    private const string SharedClientFieldName = "s_http";
    private const string FactoryParameterBaseName = "httpClientFactory";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.HttpClientPerOperation);

    public override FixAllProvider GetFixAllProvider()
        => FixAllProvider.Create(async (context, document, diagnostics) =>
            await ApplyAsync(document, diagnostics.Select(d => d.Location.SourceSpan).ToImmutableArray(), context.CodeActionEquivalenceKey, context.CancellationToken).ConfigureAwait(false));

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var document = context.Document;
        var root = await document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || model is null)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            var candidate = Candidate.Find(root, model, diagnostic.Location.SourceSpan, context.CancellationToken);
            if (candidate is null)
            {
                continue;
            }

            var spans = ImmutableArray.Create(diagnostic.Location.SourceSpan);
            if (await candidate.CanUseFactoryAsync(document.Project.Solution, context.CancellationToken).ConfigureAwait(false))
            {
                context.RegisterCodeFix(
                    CodeAction.Create(
                        "Use IHttpClientFactory",
                        ct => ApplyAsync(document, spans, EquivalenceKeys.PM0003UseFactory, ct),
                        EquivalenceKeys.PM0003UseFactory),
                    diagnostic);
            }

            if (candidate.CanUseStaticClient())
            {
                context.RegisterCodeFix(
                    CodeAction.Create(
                        "Reuse a static HttpClient",
                        ct => ApplyAsync(document, spans, EquivalenceKeys.PM0003UseStaticClient, ct),
                        EquivalenceKeys.PM0003UseStaticClient),
                    diagnostic);
            }
        }
    }

    private static async Task<Document> ApplyAsync(Document document, ImmutableArray<TextSpan> spans, string? equivalenceKey, CancellationToken cancellationToken)
    {
        var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
        var root = editor.OriginalRoot;
        var model = editor.SemanticModel;
        var candidates = new List<Candidate>();
        foreach (var span in spans.OrderBy(s => s.Start))
        {
            if (Candidate.Find(root, model, span, cancellationToken) is { } candidate)
            {
                candidates.Add(candidate);
            }
        }

        switch (equivalenceKey)
        {
            case EquivalenceKeys.PM0003UseFactory:
                await UseFactoryAsync(editor, document.Project.Solution, candidates, cancellationToken).ConfigureAwait(false);
                break;
            case EquivalenceKeys.PM0003UseStaticClient:
                UseStaticClient(editor, candidates);
                break;
            default:
                // No action chosen (command-line fixers such as `dotnet format` pick none when the first diagnostic
                // they meet has no fix): the factory where it applies, the static client for the rest.
                var injected = await UseFactoryAsync(editor, document.Project.Solution, candidates, cancellationToken).ConfigureAwait(false);
                candidates.RemoveAll(injected.Contains);
                UseStaticClient(editor, candidates);
                break;
        }

        return editor.GetChangedDocument();
    }

    /// <summary>Applies the factory fix where it is safe and returns the candidates it fixed.</summary>
    private static async Task<HashSet<Candidate>> UseFactoryAsync(DocumentEditor editor, Solution solution, List<Candidate> candidates, CancellationToken cancellationToken)
    {
        var fixedCandidates = new HashSet<Candidate>();
        var injections = new Dictionary<TypeDeclarationSyntax, Injection>();
        foreach (var candidate in candidates)
        {
            if (!await candidate.CanUseFactoryAsync(solution, cancellationToken).ConfigureAwait(false))
            {
                continue;
            }

            if (!injections.TryGetValue(candidate.TypeDeclaration, out var injection))
            {
                injection = ConstructorInjector.Inject(editor, candidate.TypeDeclaration, candidate.ContainingType, candidate.HttpClientFactory!, FactoryParameterBaseName);
                injections.Add(candidate.TypeDeclaration, injection);
            }

            var access = candidate.RunsInConstructor || candidate.TypeDeclaration.ParameterList is not null ? injection.ParameterName : injection.FieldName;
            var replacement = SyntaxFactory.ParseExpression(access + ".CreateClient()").WithTriviaFrom(candidate.Creation);
            editor.ReplaceNode(candidate.Creation, replacement);
            DisposalRemover.Apply(editor, candidate.Usage!);
            fixedCandidates.Add(candidate);
        }

        return fixedCandidates;
    }

    private static void UseStaticClient(DocumentEditor editor, List<Candidate> candidates)
    {
        var fieldsByType = new Dictionary<TypeDeclarationSyntax, (Dictionary<string, string> NamesByInitializer, List<MemberDeclarationSyntax> Fields, HashSet<string> Taken)>();
        foreach (var candidate in candidates)
        {
            if (!candidate.CanUseStaticClient())
            {
                continue;
            }

            if (!fieldsByType.TryGetValue(candidate.TypeDeclaration, out var fields))
            {
                fields = (new Dictionary<string, string>(), new List<MemberDeclarationSyntax>(), new HashSet<string>());
                fieldsByType.Add(candidate.TypeDeclaration, fields);
            }

            var initializer = candidate.StaticInitializer();
            var identity = initializer.NormalizeWhitespace().ToFullString();
            if (!fields.NamesByInitializer.TryGetValue(identity, out var name) && (name = candidate.ExistingStaticField(identity)) is not null)
            {
                fields.NamesByInitializer.Add(identity, name);
            }

            if (name is null)
            {
                name = TypeMemberEditor.UniqueName(candidate.ContainingType, candidate.StaticFieldBaseName, fields.Taken);
                fields.NamesByInitializer.Add(identity, name);
                fields.Fields.Add(StaticField(candidate.CreatedTypeSyntax(), name, initializer));
            }

            editor.ReplaceNode(candidate.Creation, SyntaxFactory.IdentifierName(name).WithTriviaFrom(candidate.Creation));
            DisposalRemover.Apply(editor, candidate.Usage!);
        }

        foreach (var pair in fieldsByType)
        {
            TypeMemberEditor.InsertAfterFields(editor, pair.Key, pair.Value.Fields);
        }
    }

    private static FieldDeclarationSyntax StaticField(TypeSyntax type, string name, ExpressionSyntax initializer)
        => SyntaxFactory.FieldDeclaration(
                SyntaxFactory.VariableDeclaration(type, SyntaxFactory.SingletonSeparatedList(
                    SyntaxFactory.VariableDeclarator(name).WithInitializer(SyntaxFactory.EqualsValueClause(initializer)))))
            .WithModifiers(SyntaxFactory.TokenList(
                SyntaxFactory.Token(SyntaxKind.PrivateKeyword),
                SyntaxFactory.Token(SyntaxKind.StaticKeyword),
                SyntaxFactory.Token(SyntaxKind.ReadOnlyKeyword)));

    /// <summary>One flagged creation and everything the two fixes need to decide whether they apply.</summary>
    private sealed class Candidate
    {
        private Candidate(
            BaseObjectCreationExpressionSyntax creation,
            IObjectCreationOperation operation,
            INamedTypeSymbol createdType,
            INamedTypeSymbol httpClient,
            TypeDeclarationSyntax typeDeclaration,
            INamedTypeSymbol containingType,
            SemanticModel model,
            CreatedValueUsage? usage)
        {
            Creation = creation;
            Operation = operation;
            CreatedType = createdType;
            HttpClient = httpClient;
            TypeDeclaration = typeDeclaration;
            ContainingType = containingType;
            Model = model;
            Usage = usage;
            HttpClientFactory = KnownSymbols.For(model.Compilation).Http.HttpClientFactory;
            RunsInConstructor = creation.FirstAncestorOrSelf<MemberDeclarationSyntax>() is ConstructorDeclarationSyntax;
        }

        public BaseObjectCreationExpressionSyntax Creation { get; }
        public IObjectCreationOperation Operation { get; }
        public INamedTypeSymbol CreatedType { get; }
        public INamedTypeSymbol HttpClient { get; }
        public TypeDeclarationSyntax TypeDeclaration { get; }
        public INamedTypeSymbol ContainingType { get; }
        public SemanticModel Model { get; }
        public CreatedValueUsage? Usage { get; }
        public INamedTypeSymbol? HttpClientFactory { get; }
        public bool RunsInConstructor { get; }

        public string StaticFieldBaseName => SymbolEqualityComparer.Default.Equals(CreatedType, HttpClient)
            ? SharedClientFieldName
            : "s_" + char.ToLowerInvariant(CreatedType.Name[0]) + CreatedType.Name.Substring(1);

        public static Candidate? Find(SyntaxNode root, SemanticModel model, TextSpan span, CancellationToken cancellationToken)
        {
            var node = root.FindNode(span, getInnermostNodeForTie: true);
            var creation = node.FirstAncestorOrSelf<BaseObjectCreationExpressionSyntax>();
            if (creation is null || creation.Span != span
                || model.GetOperation(creation, cancellationToken) is not IObjectCreationOperation operation
                || operation.Type is not INamedTypeSymbol createdType
                || KnownSymbols.For(model.Compilation).Http.HttpClient is not { } httpClient
                || creation.FirstAncestorOrSelf<TypeDeclarationSyntax>() is not { } typeDeclaration
                || typeDeclaration is InterfaceDeclarationSyntax
                || model.GetDeclaredSymbol(typeDeclaration, cancellationToken) is not { } containingType)
            {
                return null;
            }

            var usage = CreatedValueUsage.Analyze(creation, model, method => IsSafeOnSharedClient(method, httpClient), cancellationToken);
            return new Candidate(creation, operation, createdType, httpClient, typeDeclaration, containingType, model, usage);
        }

        /// <summary>The factory fix: a plain <c>new HttpClient()</c> in an instance member of a class the container creates.</summary>
        public async Task<bool> CanUseFactoryAsync(Solution solution, CancellationToken cancellationToken)
        {
            if (HttpClientFactory is null
                || Usage is null
                || !SymbolEqualityComparer.Default.Equals(CreatedType, HttpClient)
                || Operation.Arguments.Length != 0
                || Operation.Initializer is not null
                || !RunsInInstanceContext(cancellationToken))
            {
                return false;
            }

            return await ConstructorInjector.CanInjectAsync(ContainingType, TypeDeclaration, solution, cancellationToken).ConfigureAwait(false);
        }

        /// <summary>
        /// The static fix: the creation uses no locals, parameters or instance state, and the client is only
        /// used for requests (a shared client must not be reconfigured, handed out, or cancelled per call).
        /// </summary>
        public bool CanUseStaticClient()
        {
            if (Usage is not { OnlyAllowedCalls: true } || ContainsTypeParameters(CreatedType))
            {
                return false;
            }

            foreach (var descendant in Operation.DescendantsAndSelf())
            {
                switch (descendant)
                {
                    case ILocalReferenceOperation or IParameterReferenceOperation or IAwaitOperation:
                    case IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance }:
                        return false;
                }
            }

            return true;
        }

        public TypeSyntax CreatedTypeSyntax() => TypeName(CreatedType);

        /// <summary>
        /// The field initializer: a parameterless <c>new HttpClient()</c> gets a SocketsHttpHandler with a pooled
        /// connection lifetime (so DNS changes are picked up); anything else keeps its arguments as written.
        /// </summary>
        public ExpressionSyntax StaticInitializer()
        {
            var arguments = Creation.ArgumentList ?? SyntaxFactory.ArgumentList();
            if (arguments.Arguments.Count == 0
                && SymbolEqualityComparer.Default.Equals(CreatedType, HttpClient)
                && KnownSymbols.For(Model.Compilation).Http.SocketsHttpHandler is { } socketsHandler
                && TypeResolver.Resolve(Model.Compilation, "System.TimeSpan") is { } timeSpan)
            {
                var handler = HandlerWithPooledConnectionLifetime(TypeName(socketsHandler), TypeName(timeSpan));
                arguments = SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(handler)));
            }

            var initializer = Creation.Initializer is { } original ? OneMemberPerLine(original) : null;
            arguments = arguments.WithoutTrivia();
            var languageVersion = ((CSharpParseOptions)Creation.SyntaxTree.Options).LanguageVersion;
            return languageVersion >= LanguageVersion.CSharp9
                ? SyntaxFactory.ImplicitObjectCreationExpression(arguments, initializer)
                : SyntaxFactory.ObjectCreationExpression(CreatedTypeSyntax(), arguments, initializer);
        }

        /// <summary>The object initializer laid out one assignment per line, the way a field initializer reads best.</summary>
        private InitializerExpressionSyntax OneMemberPerLine(InitializerExpressionSyntax initializer)
        {
            var endOfLine = Trivia.EndOfLine(Creation);
            var expressions = initializer.Expressions.Select(e => e.WithoutTrivia());
            var separators = Enumerable.Repeat(SyntaxFactory.Token(SyntaxKind.CommaToken).WithTrailingTrivia(endOfLine), Math.Max(0, initializer.Expressions.Count - 1));
            return SyntaxFactory.InitializerExpression(
                initializer.Kind(),
                SyntaxFactory.Token(SyntaxKind.OpenBraceToken).WithLeadingTrivia(endOfLine).WithTrailingTrivia(endOfLine),
                SyntaxFactory.SeparatedList(expressions, separators),
                SyntaxFactory.Token(SyntaxKind.CloseBraceToken).WithLeadingTrivia(endOfLine));
        }

        /// <summary>A <c>static readonly</c> field of the created type with the same initializer, already in the type (a previous fix made it).</summary>
        public string? ExistingStaticField(string initializerIdentity)
        {
            foreach (var field in TypeDeclaration.Members.OfType<FieldDeclarationSyntax>())
            {
                if (field.Modifiers.Any(SyntaxKind.StaticKeyword) && field.Modifiers.Any(SyntaxKind.ReadOnlyKeyword)
                    && field.Declaration.Variables.Count == 1
                    && field.Declaration.Variables[0].Initializer?.Value is { } value
                    && value.NormalizeWhitespace().ToFullString() == initializerIdentity
                    && Model.GetTypeInfo(field.Declaration.Type).Type is { } type
                    && SymbolEqualityComparer.Default.Equals(type, CreatedType))
                {
                    return field.Declaration.Variables[0].Identifier.ValueText;
                }
            }

            return null;
        }

        /// <summary>The shortest name of <paramref name="type"/> that binds at the creation (a using directive in scope is used, none is added).</summary>
        public TypeSyntax TypeName(ITypeSymbol type) => SyntaxFactory.ParseTypeName(type.ToMinimalDisplayString(Model, Creation.SpanStart));

        /// <summary><c>new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) }</c>.</summary>
        private static ObjectCreationExpressionSyntax HandlerWithPooledConnectionLifetime(TypeSyntax socketsHandler, TypeSyntax timeSpan)
        {
            var lifetime = SyntaxFactory.InvocationExpression(
                SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, timeSpan, SyntaxFactory.IdentifierName("FromMinutes")),
                SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(
                    SyntaxFactory.LiteralExpression(SyntaxKind.NumericLiteralExpression, SyntaxFactory.Literal(2))))));
            return SyntaxFactory.ObjectCreationExpression(socketsHandler)
                .WithArgumentList(null)
                .WithInitializer(SyntaxFactory.InitializerExpression(
                    SyntaxKind.ObjectInitializerExpression,
                    SyntaxFactory.SingletonSeparatedList<ExpressionSyntax>(SyntaxFactory.AssignmentExpression(
                        SyntaxKind.SimpleAssignmentExpression,
                        SyntaxFactory.IdentifierName("PooledConnectionLifetime"),
                        lifetime))));
        }

        private bool RunsInInstanceContext(CancellationToken cancellationToken)
        {
            for (var symbol = Model.GetEnclosingSymbol(Creation.SpanStart, cancellationToken); symbol is not null; symbol = symbol.ContainingSymbol)
            {
                switch (symbol)
                {
                    case IMethodSymbol { MethodKind: MethodKind.AnonymousFunction or MethodKind.LocalFunction } function:
                        if (function.IsStatic)
                        {
                            return false;
                        }

                        continue;
                    case IMethodSymbol method:
                        return !method.IsStatic && method.MethodKind != MethodKind.StaticConstructor;
                    default:
                        // Field and property initializers cannot read an injected field.
                        return false;
                }
            }

            return false;
        }

        private static bool ContainsTypeParameters(ITypeSymbol type)
            => type is ITypeParameterSymbol || (type is INamedTypeSymbol named && named.TypeArguments.Any(ContainsTypeParameters));

        private static bool IsSafeOnSharedClient(IMethodSymbol method, INamedTypeSymbol httpClient)
        {
            var receiverType = method.ReducedFrom is { } extension ? extension.Parameters[0].Type : method.ContainingType;
            if (!receiverType.InheritsFromOrEquals(httpClient))
            {
                return false;
            }

            // Cancelling pending requests on a shared client would cancel every caller's requests.
            return method.Name != nameof(System.Net.Http.HttpClient.CancelPendingRequests);
        }
    }
}
