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
using Microsoft.CodeAnalysis.FindSymbols;

namespace Postmortem.Analyzers.CodeFixes.Rules.Data;

/// <summary>
/// PM0012 fix "Use a 64-bit key": the key property, and the int foreign-key properties of the compilation named after it
/// (<c>OrderId</c> for <c>Order.Id</c>), become <c>long</c> (<c>long?</c> for nullable ones) across the solution. Offered
/// only when the change adds no compiler error in any document that declares or reads those properties.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(PM0012ThirtyTwoBitIdentityKeyCodeFixProvider)), Shared]
public sealed class PM0012ThirtyTwoBitIdentityKeyCodeFixProvider : CodeFixProvider
{
    private const string Title = "Use a 64-bit key";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.ThirtyTwoBitIdentityKey);

    public override FixAllProvider GetFixAllProvider() => new WidenAllKeys();

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var solution = context.Document.Project.Solution;
        foreach (var diagnostic in context.Diagnostics)
        {
            var key = await KeyAtAsync(context.Document, diagnostic, context.CancellationToken).ConfigureAwait(false);
            if (key is null)
            {
                continue;
            }

            var widened = await WidenAsync(solution, new[] { key }, context.CancellationToken).ConfigureAwait(false);
            if (widened is not null)
            {
                context.RegisterCodeFix(CodeAction.Create(Title, _ => Task.FromResult(widened), EquivalenceKeys.PM0012UseLong), diagnostic);
            }
        }
    }

    private static async Task<IPropertySymbol?> KeyAtAsync(Document document, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (root?.FindToken(diagnostic.Location.SourceSpan.Start).Parent is not PropertyDeclarationSyntax declaration || model is null)
        {
            return null;
        }

        return model.GetDeclaredSymbol(declaration, cancellationToken);
    }

    /// <summary>The solution with the keys and their same-named foreign keys widened, or null when that breaks the build.</summary>
    private static async Task<Solution?> WidenAsync(Solution solution, IReadOnlyCollection<IPropertySymbol> keys, CancellationToken cancellationToken)
    {
        var targets = new HashSet<IPropertySymbol>(SymbolEqualityComparer.Default);
        foreach (var key in keys)
        {
            targets.Add(key);
            foreach (var foreignKey in await ForeignKeysAsync(solution, key, cancellationToken).ConfigureAwait(false))
            {
                targets.Add(foreignKey);
            }
        }

        // Every document that declares or reads a target: only there can the wider type introduce an error.
        var documents = new HashSet<DocumentId>();
        var declarations = new List<(DocumentId Document, PropertyDeclarationSyntax Declaration)>();
        foreach (var target in targets)
        {
            foreach (var reference in target.DeclaringSyntaxReferences)
            {
                var document = solution.GetDocument(reference.SyntaxTree);
                if (document is null || await reference.GetSyntaxAsync(cancellationToken).ConfigureAwait(false) is not PropertyDeclarationSyntax declaration)
                {
                    return null;
                }

                documents.Add(document.Id);
                declarations.Add((document.Id, declaration));
            }

            foreach (var referenced in await SymbolFinder.FindReferencesAsync(target, solution, cancellationToken).ConfigureAwait(false))
            {
                foreach (var location in referenced.Locations)
                {
                    documents.Add(location.Document.Id);
                }
            }
        }

        var before = await ErrorCountAsync(solution, documents, cancellationToken).ConfigureAwait(false);
        var changed = solution;
        foreach (var group in declarations.GroupBy(d => d.Document))
        {
            var document = changed.GetDocument(group.Key)!;
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var newRoot = root!.ReplaceNodes(group.Select(d => d.Declaration), (original, _) => original.WithType(Widened(original.Type)));
            changed = changed.WithDocumentSyntaxRoot(group.Key, newRoot);
        }

        var after = await ErrorCountAsync(changed, documents, cancellationToken).ConfigureAwait(false);
        return after > before ? null : changed;
    }

    /// <summary>
    /// Properties named after the key in other types (<c>OrderId</c> for <c>Order.Id</c>; <c>OrderId</c> for a key named
    /// <c>OrderId</c>) with the key's type, nullable or not: the foreign keys and DTO fields that carry its values.
    /// </summary>
    private static async Task<IEnumerable<IPropertySymbol>> ForeignKeysAsync(Solution solution, IPropertySymbol key, CancellationToken cancellationToken)
    {
        var name = string.Equals(key.Name, "Id", System.StringComparison.OrdinalIgnoreCase) ? key.ContainingType.Name + key.Name : key.Name;
        var found = new List<IPropertySymbol>();
        foreach (var project in solution.Projects)
        {
            if (project.Language != LanguageNames.CSharp)
            {
                continue;
            }

            var declarations = await SymbolFinder.FindSourceDeclarationsAsync(project, name, ignoreCase: false, SymbolFilter.Member, cancellationToken).ConfigureAwait(false);
            foreach (var symbol in declarations)
            {
                if (symbol is IPropertySymbol { IsStatic: false } property
                    && !SymbolEqualityComparer.Default.Equals(property.ContainingType, key.ContainingType)
                    && IsSameOrNullable(property.Type, key.Type))
                {
                    found.Add(property);
                }
            }
        }

        return found;
    }

    private static bool IsSameOrNullable(ITypeSymbol type, ITypeSymbol keyType)
        => SymbolEqualityComparer.Default.Equals(type, keyType)
        || (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable
            && SymbolEqualityComparer.Default.Equals(nullable.TypeArguments[0], keyType));

    private static TypeSyntax Widened(TypeSyntax type)
    {
        var longType = SyntaxFactory.PredefinedType(SyntaxFactory.Token(SyntaxKind.LongKeyword));
        return (type is NullableTypeSyntax ? SyntaxFactory.NullableType(longType) : (TypeSyntax)longType).WithTriviaFrom(type);
    }

    private static async Task<int> ErrorCountAsync(Solution solution, IEnumerable<DocumentId> documents, CancellationToken cancellationToken)
    {
        var count = 0;
        foreach (var id in documents)
        {
            var document = solution.GetDocument(id);
            var model = document is null ? null : await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            if (model is null)
            {
                continue;
            }

            count += model.GetDiagnostics(cancellationToken: cancellationToken).Count(d => d.Severity == DiagnosticSeverity.Error);
        }

        return count;
    }

    /// <summary>Fix All: every flagged key of the scope widened in one change, offered only when the result still builds.</summary>
    private sealed class WidenAllKeys : FixAllProvider
    {
        public override IEnumerable<FixAllScope> GetSupportedFixAllScopes()
            => new[] { FixAllScope.Document, FixAllScope.Project, FixAllScope.Solution };

        public override async Task<CodeAction?> GetFixAsync(FixAllContext fixAllContext)
        {
            var diagnostics = new List<(Document Document, Diagnostic Diagnostic)>();
            var projects = fixAllContext.Scope == FixAllScope.Solution ? fixAllContext.Solution.Projects : new[] { fixAllContext.Project };
            foreach (var project in projects)
            {
                foreach (var diagnostic in await fixAllContext.GetAllDiagnosticsAsync(project).ConfigureAwait(false))
                {
                    var document = project.GetDocument(diagnostic.Location.SourceTree);
                    if (document is not null && (fixAllContext.Scope != FixAllScope.Document || document.Id == fixAllContext.Document?.Id))
                    {
                        diagnostics.Add((document, diagnostic));
                    }
                }
            }

            var keys = new List<IPropertySymbol>();
            foreach (var (document, diagnostic) in diagnostics)
            {
                if (await KeyAtAsync(document, diagnostic, fixAllContext.CancellationToken).ConfigureAwait(false) is { } key)
                {
                    keys.Add(key);
                }
            }

            var widened = keys.Count == 0 ? null : await WidenAsync(fixAllContext.Solution, keys, fixAllContext.CancellationToken).ConfigureAwait(false);
            return widened is null ? null : CodeAction.Create(Title, _ => Task.FromResult(widened), EquivalenceKeys.PM0012UseLong);
        }
    }
}
