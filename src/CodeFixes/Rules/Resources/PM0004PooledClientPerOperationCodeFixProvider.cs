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
using Postmortem.Analyzers.CodeFixes.Shared;
using Postmortem.Analyzers.Rules.Resources;
using Postmortem.Analyzers.Shared;
using Postmortem.Analyzers.Symbols;

namespace Postmortem.Analyzers.CodeFixes.Rules.Resources;

/// <summary>
/// PM0004 fix: hoist the creation to a <c>private static readonly</c> field of the containing type, and drop the
/// <c>using</c>/<c>Dispose</c> of the local it initialized. A factory that connects before it returns
/// (<c>ConnectionMultiplexer.Connect</c>, <c>ConnectionFactory.CreateConnection</c>) goes behind a
/// <c>Lazy&lt;T&gt;</c>, so that the connection is opened on first use rather than when the type is initialized.
/// Offered only when the creation uses no locals, parameters, instance state or <c>await</c>, and the client is only
/// used through calls on it (never stored, returned or passed on).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(PM0004PooledClientPerOperationCodeFixProvider)), Shared]
public sealed class PM0004PooledClientPerOperationCodeFixProvider : CodeFixProvider
{
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.PooledClientPerOperation);

    public override FixAllProvider GetFixAllProvider()
        => FixAllProvider.Create(async (context, document, diagnostics) => await ApplyAsync(document, diagnostics, context.CancellationToken).ConfigureAwait(false));

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
            if (Candidate.Find(root, model, diagnostic, context.CancellationToken) is null)
            {
                continue;
            }

            var document = context.Document;
            context.RegisterCodeFix(
                CodeAction.Create(
                    "Reuse one static instance",
                    ct => ApplyAsync(document, ImmutableArray.Create(diagnostic), ct),
                    EquivalenceKeys.PM0004UseStaticClient),
                diagnostic);
        }
    }

    private static async Task<Document> ApplyAsync(Document document, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
    {
        var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
        var fieldsByType = new Dictionary<TypeDeclarationSyntax, (Dictionary<string, string> Names, List<MemberDeclarationSyntax> Fields, HashSet<string> Taken)>();
        foreach (var diagnostic in diagnostics.OrderBy(d => d.Location.SourceSpan.Start))
        {
            if (Candidate.Find(editor.OriginalRoot, editor.SemanticModel, diagnostic, cancellationToken) is not { } candidate)
            {
                continue;
            }

            if (!fieldsByType.TryGetValue(candidate.TypeDeclaration, out var fields))
            {
                fields = (new Dictionary<string, string>(), new List<MemberDeclarationSyntax>(), new HashSet<string>());
                fieldsByType.Add(candidate.TypeDeclaration, fields);
            }

            // Identical creations in one type share one field.
            var initializer = candidate.FieldInitializer();
            var identity = candidate.FieldType.ToFullString().Trim() + "=" + initializer.NormalizeWhitespace().ToFullString();
            if (!fields.Names.TryGetValue(identity, out var name) && (name = ExistingField(candidate.TypeDeclaration, identity)) is not null)
            {
                fields.Names.Add(identity, name);
            }

            if (name is null)
            {
                name = TypeMemberEditor.UniqueName(candidate.ContainingType, candidate.FieldBaseName, fields.Taken);
                fields.Names.Add(identity, name);
                fields.Fields.Add(StaticField(candidate.FieldType, name, initializer));
            }

            ExpressionSyntax access = candidate.Connects
                ? SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, SyntaxFactory.IdentifierName(name), SyntaxFactory.IdentifierName("Value"))
                : SyntaxFactory.IdentifierName(name);
            editor.ReplaceNode(candidate.Creation, access.WithTriviaFrom(candidate.Creation));
            DisposalRemover.Apply(editor, candidate.Usage);
        }

        foreach (var pair in fieldsByType)
        {
            TypeMemberEditor.InsertAfterFields(editor, pair.Key, pair.Value.Fields);
        }

        return editor.GetChangedDocument();
    }

    /// <summary>A <c>static readonly</c> field with the same type and initializer, already in the type (a previous fix made it).</summary>
    private static string? ExistingField(TypeDeclarationSyntax type, string identity)
    {
        foreach (var field in type.Members.OfType<FieldDeclarationSyntax>())
        {
            if (field.Modifiers.Any(SyntaxKind.StaticKeyword) && field.Modifiers.Any(SyntaxKind.ReadOnlyKeyword)
                && field.Declaration.Variables.Count == 1
                && field.Declaration.Variables[0].Initializer?.Value is { } value
                && field.Declaration.Type.ToFullString().Trim() + "=" + value.NormalizeWhitespace().ToFullString() == identity)
            {
                return field.Declaration.Variables[0].Identifier.ValueText;
            }
        }

        return null;
    }

    private static FieldDeclarationSyntax StaticField(TypeSyntax type, string name, ExpressionSyntax initializer)
        => SyntaxFactory.FieldDeclaration(
                SyntaxFactory.VariableDeclaration(type, SyntaxFactory.SingletonSeparatedList(
                    SyntaxFactory.VariableDeclarator(name).WithInitializer(SyntaxFactory.EqualsValueClause(initializer)))))
            .WithModifiers(SyntaxFactory.TokenList(
                SyntaxFactory.Token(SyntaxKind.PrivateKeyword),
                SyntaxFactory.Token(SyntaxKind.StaticKeyword),
                SyntaxFactory.Token(SyntaxKind.ReadOnlyKeyword)));

    /// <summary>One flagged creation the fix can hoist.</summary>
    private sealed class Candidate
    {
        private Candidate(ExpressionSyntax creation, ITypeSymbol createdType, bool connects, TypeDeclarationSyntax typeDeclaration, INamedTypeSymbol containingType, CreatedValueUsage usage, SemanticModel model)
        {
            Creation = creation;
            CreatedType = createdType;
            Connects = connects;
            TypeDeclaration = typeDeclaration;
            ContainingType = containingType;
            Usage = usage;
            Model = model;
        }

        public ExpressionSyntax Creation { get; }
        public ITypeSymbol CreatedType { get; }
        public bool Connects { get; }
        public TypeDeclarationSyntax TypeDeclaration { get; }
        public INamedTypeSymbol ContainingType { get; }
        public CreatedValueUsage Usage { get; }
        public SemanticModel Model { get; }

        /// <summary>"s_mongoClient", "s_connectionMultiplexer".</summary>
        public string FieldBaseName
        {
            get
            {
                var name = CreatedType.Name.Length > 1 && CreatedType.Name[0] == 'I' && char.IsUpper(CreatedType.Name[1]) ? CreatedType.Name.Substring(1) : CreatedType.Name;
                return "s_" + char.ToLowerInvariant(name[0]) + name.Substring(1);
            }
        }

        /// <summary>The created type, or <c>Lazy&lt;T&gt;</c> of it for a factory that connects.</summary>
        public TypeSyntax FieldType
        {
            get
            {
                var type = Connects && KnownSymbols.For(Model.Compilation).Core.Lazy is { } lazy ? lazy.Construct(CreatedType) : CreatedType;
                return SyntaxFactory.ParseTypeName(type.ToMinimalDisplayString(Model, Creation.SpanStart));
            }
        }

        public ExpressionSyntax FieldInitializer()
        {
            var value = Creation.WithoutTrivia();
            if (!Connects)
            {
                return value;
            }

            // new Lazy<T>(() => Factory(...)): thread-safe by default (ExecutionAndPublication).
            return SyntaxFactory.ParseExpression("new " + FieldType.ToString() + "(() => " + value.ToFullString() + ")");
        }

        public static Candidate? Find(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken)
        {
            var span = diagnostic.Location.SourceSpan;
            if (root.FindNode(span, getInnermostNodeForTie: true) is not ExpressionSyntax node)
            {
                return null;
            }

            var creation = node.AncestorsAndSelf().OfType<ExpressionSyntax>().FirstOrDefault(e => e.Span == span && e is BaseObjectCreationExpressionSyntax or InvocationExpressionSyntax);
            if (creation is null
                || model.GetOperation(creation, cancellationToken) is not { Type: { } createdType } operation
                || createdType is ITypeParameterSymbol or IErrorTypeSymbol
                || creation.FirstAncestorOrSelf<TypeDeclarationSyntax>() is not { } typeDeclaration
                || typeDeclaration is InterfaceDeclarationSyntax
                || model.GetDeclaredSymbol(typeDeclaration, cancellationToken) is not { } containingType
                || UsesLocalState(operation))
            {
                return null;
            }

            var usage = CreatedValueUsage.Analyze(creation, model, method => IsCallOnTheClient(method, createdType), cancellationToken);
            if (usage is not { OnlyAllowedCalls: true })
            {
                return null;
            }

            var connects = diagnostic.Properties.TryGetValue(PM0004PooledClientPerOperationAnalyzer.ConnectsProperty, out var value) && value == "true";
            return new Candidate(creation, createdType, connects, typeDeclaration, containingType, usage, model);
        }

        /// <summary>Locals, parameters, instance state or an await: the creation cannot move to a static initializer.</summary>
        private static bool UsesLocalState(IOperation operation)
        {
            if (operation.Parent is IAwaitOperation || operation.Type is INamedTypeSymbol { Name: "Task" or "ValueTask" })
            {
                return true;
            }

            foreach (var descendant in operation.DescendantsAndSelf())
            {
                switch (descendant)
                {
                    case ILocalReferenceOperation or IParameterReferenceOperation or IAwaitOperation:
                    case IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance }:
                        return true;
                }
            }

            return false;
        }

        /// <summary>Calls on the client itself (getting a database, sending a request); closing it is not one.</summary>
        private static bool IsCallOnTheClient(IMethodSymbol method, ITypeSymbol clientType)
        {
            var receiver = method.ReducedFrom is { } extension ? extension.Parameters[0].Type : method.ContainingType;
            return method.Name is not ("Close" or "CloseAsync" or "DisposeAsync")
                && (clientType.InheritsFromOrEquals(receiver as INamedTypeSymbol) || clientType.Implements(receiver as INamedTypeSymbol));
        }
    }
}
