using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.FindSymbols;
using Microsoft.CodeAnalysis.Formatting;

namespace Postmortem.Analyzers.CodeFixes.Shared;

/// <summary>
/// Adds a service to a class through constructor injection: a constructor parameter (on the primary
/// constructor, the single constructor, or a new one) and, for ordinary constructors, a readonly field.
/// Offered only for classes the container creates: declared in one file, at most one constructor that does not
/// chain to another, never constructed explicitly in the solution and never derived from.
/// </summary>
internal static class ConstructorInjector
{
    public static async Task<bool> CanInjectAsync(INamedTypeSymbol type, TypeDeclarationSyntax declaration, Solution solution, CancellationToken cancellationToken)
    {
        if (type.TypeKind != TypeKind.Class || type.IsStatic || type.DeclaringSyntaxReferences.Length != 1 || declaration is not ClassDeclarationSyntax)
        {
            return false;
        }

        var explicitConstructors = declaration.Members.OfType<ConstructorDeclarationSyntax>().Where(c => !c.Modifiers.Any(SyntaxKind.StaticKeyword)).ToList();
        if (declaration.ParameterList is not null ? explicitConstructors.Count > 0 : explicitConstructors.Count > 1)
        {
            return false;
        }

        if (explicitConstructors.Count == 1 && explicitConstructors[0].Initializer is { ThisOrBaseKeyword.RawKind: (int)SyntaxKind.ThisKeyword })
        {
            return false;
        }

        foreach (var constructor in type.InstanceConstructors)
        {
            var references = await SymbolFinder.FindReferencesAsync(constructor, solution, cancellationToken).ConfigureAwait(false);
            if (references.Any(r => r.Locations.Any()))
            {
                return false;
            }
        }

        var derived = await SymbolFinder.FindDerivedClassesAsync(type, solution, transitive: false, cancellationToken: cancellationToken).ConfigureAwait(false);
        return !derived.Any();
    }

    /// <summary>
    /// Makes <paramref name="serviceType"/> available in <paramref name="declaration"/> and returns the names to use:
    /// the field for instance members, the parameter inside the constructor (and everywhere for primary constructors).
    /// Reuses an existing field or parameter of that type.
    /// </summary>
    public static Injection Inject(DocumentEditor editor, TypeDeclarationSyntax declaration, INamedTypeSymbol type, INamedTypeSymbol serviceType, string baseName)
    {
        var model = editor.SemanticModel;
        var taken = new HashSet<string>();
        var serviceTypeSyntax = SyntaxFactory.ParseTypeName(serviceType.ToMinimalDisplayString(model, declaration.SpanStart));

        if (declaration.ParameterList is { } primary)
        {
            foreach (var existing in primary.Parameters)
            {
                if (SymbolEqualityComparer.Default.Equals(model.GetDeclaredSymbol(existing)?.Type, serviceType))
                {
                    return new Injection(existing.Identifier.ValueText, existing.Identifier.ValueText);
                }
            }

            var primaryName = UniqueParameterName(primary, baseName, type);
            editor.ReplaceNode(primary, (current, _) => AddParameter((ParameterListSyntax)current, primaryName, serviceTypeSyntax));
            return new Injection(primaryName, primaryName);
        }

        var constructor = declaration.Members.OfType<ConstructorDeclarationSyntax>().FirstOrDefault(c => !c.Modifiers.Any(SyntaxKind.StaticKeyword));
        var existingField = type.GetMembers().OfType<IFieldSymbol>().FirstOrDefault(f => !f.IsStatic && SymbolEqualityComparer.Default.Equals(f.Type, serviceType));
        var existingParameter = constructor?.ParameterList.Parameters.FirstOrDefault(p => SymbolEqualityComparer.Default.Equals(model.GetDeclaredSymbol(p)?.Type, serviceType));
        if (existingField is not null && (constructor is null || existingParameter is not null))
        {
            return new Injection(existingField.Name, existingParameter?.Identifier.ValueText ?? existingField.Name);
        }

        var fieldName = existingField?.Name ?? TypeMemberEditor.UniqueName(type, "_" + baseName, taken);
        var parameterName = existingParameter?.Identifier.ValueText ?? (constructor is null ? baseName : UniqueParameterName(constructor.ParameterList, baseName, type));
        var assignment = SyntaxFactory.ParseStatement($"{fieldName} = {parameterName};")
            .WithLeadingTrivia(SyntaxFactory.ElasticMarker)
            .WithTrailingTrivia(Trivia.EndOfLine(declaration))
            .WithAdditionalAnnotations(Formatter.Annotation);

        var newMembers = new List<MemberDeclarationSyntax>();
        if (existingField is null)
        {
            newMembers.Add(SyntaxFactory.FieldDeclaration(
                    SyntaxFactory.VariableDeclaration(serviceTypeSyntax, SyntaxFactory.SingletonSeparatedList(SyntaxFactory.VariableDeclarator(fieldName))))
                .WithModifiers(SyntaxFactory.TokenList(SyntaxFactory.Token(SyntaxKind.PrivateKeyword), SyntaxFactory.Token(SyntaxKind.ReadOnlyKeyword))));
        }

        if (constructor is null)
        {
            var accessibility = type.DeclaredAccessibility == Accessibility.Public ? SyntaxKind.PublicKeyword : SyntaxKind.InternalKeyword;
            newMembers.Add(SyntaxFactory.ConstructorDeclaration(declaration.Identifier.WithoutTrivia())
                .WithModifiers(SyntaxFactory.TokenList(SyntaxFactory.Token(accessibility)))
                .WithParameterList(SyntaxFactory.ParameterList(SyntaxFactory.SingletonSeparatedList(
                    SyntaxFactory.Parameter(SyntaxFactory.Identifier(parameterName)).WithType(serviceTypeSyntax))))
                .WithBody(SyntaxFactory.Block(assignment)));
        }
        else
        {
            editor.ReplaceNode(constructor, (current, _) =>
            {
                var updated = (ConstructorDeclarationSyntax)current;
                if (existingParameter is null)
                {
                    updated = updated.WithParameterList(AddParameter(updated.ParameterList, parameterName, serviceTypeSyntax));
                }

                {
                    updated = updated.Body is { } body
                        ? updated.WithBody(body.WithStatements(body.Statements.Insert(0, assignment)))
                        : updated.WithExpressionBody(null).WithSemicolonToken(default)
                            .WithBody(SyntaxFactory.Block(assignment, SyntaxFactory.ExpressionStatement(updated.ExpressionBody!.Expression)));
                }

                return updated.WithAdditionalAnnotations(Formatter.Annotation);
            });
        }

        TypeMemberEditor.InsertAfterFields(editor, declaration, newMembers);
        return new Injection(fieldName, parameterName);
    }

    private static string UniqueParameterName(ParameterListSyntax parameters, string baseName, INamedTypeSymbol type)
    {
        var taken = new HashSet<string>(parameters.Parameters.Select(p => p.Identifier.ValueText));
        var name = baseName;
        for (var i = 2; taken.Contains(name) || type.MemberNames.Contains(name); i++)
        {
            name = baseName + i;
        }

        return name;
    }

    private static ParameterListSyntax AddParameter(ParameterListSyntax list, string name, TypeSyntax type)
    {
        var parameter = SyntaxFactory.Parameter(SyntaxFactory.Identifier(name)).WithType(type);
        var index = list.Parameters.Count;
        for (var i = 0; i < list.Parameters.Count; i++)
        {
            var existing = list.Parameters[i];
            if (existing.Default is not null || existing.Modifiers.Any(SyntaxKind.ParamsKeyword))
            {
                index = i;
                break;
            }
        }

        return list.WithParameters(list.Parameters.Insert(index, parameter)).WithAdditionalAnnotations(Formatter.Annotation);
    }
}

/// <summary>How code reaches an injected service: through the field, or the constructor parameter inside the constructor.</summary>
internal readonly struct Injection
{
    public Injection(string fieldName, string parameterName)
    {
        FieldName = fieldName;
        ParameterName = parameterName;
    }

    public string FieldName { get; }

    public string ParameterName { get; }
}
