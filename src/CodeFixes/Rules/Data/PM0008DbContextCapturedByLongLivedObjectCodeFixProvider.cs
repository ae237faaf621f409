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
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Operations;
using Postmortem.Analyzers.CodeFixes.Shared;
using Postmortem.Analyzers.Shared;
using Postmortem.Analyzers.Symbols;

namespace Postmortem.Analyzers.CodeFixes.Rules.Data;

/// <summary>
/// PM0008 fixes. "Register the context as scoped": <c>AddSingleton&lt;TContext&gt;</c> becomes <c>AddScoped&lt;TContext&gt;</c>
/// and a Singleton context lifetime of <c>AddDbContext</c> becomes Scoped. "Use IDbContextFactory": the constructor
/// parameter and its field become an <c>IDbContextFactory&lt;TContext&gt;</c>, and each method that used the field creates
/// and disposes its own context (per loop iteration when every use is inside one loop). Offered only when the field is
/// used as the receiver of member accesses inside ordinary methods whose results cannot outlive the new context.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(PM0008DbContextCapturedByLongLivedObjectCodeFixProvider)), Shared]
public sealed class PM0008DbContextCapturedByLongLivedObjectCodeFixProvider : CodeFixProvider
{
    private const string LocalBaseName = "db";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.DbContextCapturedByLongLivedObject);

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

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
            var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
            if (node is InvocationExpressionSyntax invocation && ScopedRegistration(invocation, model, context.CancellationToken) is { } edit)
            {
                context.RegisterCodeFix(
                    CodeAction.Create(
                        "Register the context as scoped",
                        ct => Task.FromResult(document.WithSyntaxRoot(root.ReplaceNode(edit.Old, edit.New))),
                        EquivalenceKeys.PM0008UseScoped),
                    diagnostic);
            }
            else if (node.FirstAncestorOrSelf<ParameterSyntax>() is { } parameter
                && await FactoryCandidate.FindAsync(parameter, model, document.Project.Solution, context.CancellationToken).ConfigureAwait(false) is { } candidate)
            {
                context.RegisterCodeFix(
                    CodeAction.Create(
                        "Use IDbContextFactory",
                        ct => candidate.ApplyAsync(document, ct),
                        EquivalenceKeys.PM0008UseFactory),
                    diagnostic);
            }
        }
    }

    /// <summary>The one-token edit that makes a singleton registration of the context scoped, when there is one.</summary>
    private static (SyntaxNode Old, SyntaxNode New)? ScopedRegistration(InvocationExpressionSyntax invocation, SemanticModel model, CancellationToken cancellationToken)
    {
        if (model.GetOperation(invocation, cancellationToken) is not IInvocationOperation operation)
        {
            return null;
        }

        var symbols = KnownSymbols.For(model.Compilation);
        var method = operation.TargetMethod;
        var name = invocation.Expression switch
        {
            MemberAccessExpressionSyntax access => access.Name,
            SimpleNameSyntax simple => simple,
            _ => null,
        };
        if (name is null)
        {
            return null;
        }

        if (method.Name is "AddDbContext" && SymbolEqualityComparer.Default.Equals(method.ContainingType, symbols.EntityFramework.ServiceCollectionExtensions))
        {
            var lifetime = method.Parameters.FirstOrDefault(p => SymbolEqualityComparer.Default.Equals(p.Type, symbols.DependencyInjection.ServiceLifetime));
            var argument = operation.Arguments.FirstOrDefault(a => SymbolEqualityComparer.Default.Equals(a.Parameter, lifetime));
            if (argument?.Syntax is ArgumentSyntax { Expression: MemberAccessExpressionSyntax { Name: IdentifierNameSyntax { Identifier.ValueText: "Singleton" } singleton } })
            {
                return (singleton, singleton.WithIdentifier(SyntaxFactory.Identifier("Scoped").WithTriviaFrom(singleton.Identifier)));
            }

            return null;
        }

        var isRegistrationType = SymbolEqualityComparer.Default.Equals(method.ContainingType, symbols.DependencyInjection.ServiceCollectionServiceExtensions)
            || SymbolEqualityComparer.Default.Equals(method.ContainingType, symbols.DependencyInjection.ServiceCollectionDescriptorExtensions);
        if (!isRegistrationType || method.Name is not ("AddSingleton" or "TryAddSingleton" or "AddKeyedSingleton" or "TryAddKeyedSingleton"))
        {
            return null;
        }

        // An instance registration has no scoped counterpart: the container did not create the instance and cannot create one per scope.
        foreach (var parameter in method.Parameters)
        {
            if (Postmortem.Analyzers.Knowledge.DependencyInjectionKnowledge.IsInstanceParameter(parameter))
            {
                return null;
            }
        }

        var newName = name.Identifier.ValueText.Replace("Singleton", "Scoped");
        return (name, name.WithIdentifier(SyntaxFactory.Identifier(newName).WithTriviaFrom(name.Identifier)));
    }

    /// <summary>A constructor parameter whose field can become a factory, with the methods to rewrite.</summary>
    private sealed class FactoryCandidate
    {
        private FactoryCandidate(
            ParameterSyntax parameter,
            ConstructorDeclarationSyntax constructor,
            VariableDeclaratorSyntax field,
            INamedTypeSymbol factoryType,
            List<ExpressionSyntax> constructorParameterUses,
            List<ExpressionSyntax> constructorFieldUses,
            Dictionary<MethodDeclarationSyntax, List<ExpressionSyntax>> methodUses,
            bool hasAsyncCreate,
            string parameterName,
            string fieldName)
        {
            Parameter = parameter;
            Constructor = constructor;
            Field = field;
            FactoryType = factoryType;
            ConstructorParameterUses = constructorParameterUses;
            ConstructorFieldUses = constructorFieldUses;
            MethodUses = methodUses;
            HasAsyncCreate = hasAsyncCreate;
            ParameterName = parameterName;
            FieldName = fieldName;
        }

        public ParameterSyntax Parameter { get; }
        public ConstructorDeclarationSyntax Constructor { get; }
        public VariableDeclaratorSyntax Field { get; }
        public INamedTypeSymbol FactoryType { get; }
        public List<ExpressionSyntax> ConstructorParameterUses { get; }
        public List<ExpressionSyntax> ConstructorFieldUses { get; }
        public Dictionary<MethodDeclarationSyntax, List<ExpressionSyntax>> MethodUses { get; }
        public bool HasAsyncCreate { get; }
        public string ParameterName { get; }
        public string FieldName { get; }

        public static async Task<FactoryCandidate?> FindAsync(ParameterSyntax parameter, SemanticModel model, Solution solution, CancellationToken cancellationToken)
        {
            var symbols = KnownSymbols.For(model.Compilation);
            if (parameter.Parent?.Parent is not ConstructorDeclarationSyntax constructor
                || constructor.Modifiers.Any(SyntaxKind.StaticKeyword)
                || constructor.Parent is not ClassDeclarationSyntax type
                || ((CSharpParseOptions)parameter.SyntaxTree.Options).LanguageVersion < LanguageVersion.CSharp8
                || model.GetDeclaredSymbol(parameter, cancellationToken) is not { } parameterSymbol
                || model.GetDeclaredSymbol(type, cancellationToken) is not { } typeSymbol
                || symbols.EntityFramework.DbContextFactory is not { } factoryDefinition
                || !parameterSymbol.Type.InheritsFromOrEquals(symbols.EntityFramework.DbContext))
            {
                return null;
            }

            if (!await ConstructorInjector.CanInjectAsync(typeSymbol, type, solution, cancellationToken).ConfigureAwait(false))
            {
                return null;
            }

            // In the constructor: the parameter is only stored in one field (possibly through `?? throw`) or named in nameof.
            IFieldSymbol? field = null;
            var parameterUses = new List<ExpressionSyntax>();
            var constructorFieldUses = new List<ExpressionSyntax>();
            foreach (var identifier in constructor.DescendantNodes().OfType<IdentifierNameSyntax>())
            {
                if (identifier.Identifier.ValueText != parameterSymbol.Name
                    || !SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(identifier, cancellationToken).Symbol, parameterSymbol))
                {
                    continue;
                }

                parameterUses.Add(identifier);
                if (IsInNameof(identifier))
                {
                    continue;
                }

                var value = (ExpressionSyntax)identifier;
                if (value.Parent is BinaryExpressionSyntax { RawKind: (int)SyntaxKind.CoalesceExpression, Right: ThrowExpressionSyntax } coalesce && coalesce.Left == value)
                {
                    value = coalesce;
                }

                if (value.Parent is not AssignmentExpressionSyntax { RawKind: (int)SyntaxKind.SimpleAssignmentExpression } assignment
                    || assignment.Right != value
                    || assignment.Parent is not ExpressionStatementSyntax
                    || model.GetSymbolInfo(assignment.Left, cancellationToken).Symbol is not IFieldSymbol target
                    || !SymbolEqualityComparer.Default.Equals(target.ContainingType, typeSymbol)
                    || target.IsStatic
                    || !SymbolEqualityComparer.Default.Equals(target.Type, parameterSymbol.Type)
                    || (field is not null && !SymbolEqualityComparer.Default.Equals(field, target)))
                {
                    return null;
                }

                field = target;
                constructorFieldUses.Add(assignment.Left);
            }

            if (field is null
                || field.DeclaredAccessibility != Accessibility.Private
                || field.DeclaringSyntaxReferences.Length != 1
                || await field.DeclaringSyntaxReferences[0].GetSyntaxAsync(cancellationToken).ConfigureAwait(false) is not VariableDeclaratorSyntax { Initializer: null, Parent: VariableDeclarationSyntax { Variables.Count: 1 } } fieldDeclarator)
            {
                return null;
            }

            // Everywhere else: receiver of a member access in an ordinary method whose result cannot outlive a context per call.
            var methodUses = new Dictionary<MethodDeclarationSyntax, List<ExpressionSyntax>>();
            foreach (var identifier in type.DescendantNodes().OfType<IdentifierNameSyntax>())
            {
                if (identifier.Identifier.ValueText != field.Name
                    || !SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(identifier, cancellationToken).Symbol, field))
                {
                    continue;
                }

                var reference = identifier.Parent is MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax } qualified && qualified.Name == identifier
                    ? (ExpressionSyntax)qualified
                    : identifier;
                if (constructorFieldUses.Contains(reference))
                {
                    continue;
                }

                if (reference.Parent is not MemberAccessExpressionSyntax { RawKind: (int)SyntaxKind.SimpleMemberAccessExpression } access
                    || access.Expression != reference
                    || EnclosingMethod(reference) is not { } method
                    || !CanCreateContextPerCall(method, model, symbols, cancellationToken))
                {
                    return null;
                }

                if (!methodUses.TryGetValue(method, out var uses))
                {
                    uses = new List<ExpressionSyntax>();
                    methodUses.Add(method, uses);
                }

                uses.Add(reference);
            }

            if (methodUses.Count == 0)
            {
                return null;
            }

            var factoryType = factoryDefinition.Construct(parameterSymbol.Type);
            var hasAsyncCreate = !factoryType.GetMembers("CreateDbContextAsync").IsEmpty;
            var taken = new HashSet<string>(StringComparer());
            var fieldName = TypeMemberEditor.UniqueName(typeSymbol, field.Name + "Factory", taken);
            var parameterName = UniqueName(parameterSymbol.Name + "Factory", constructor.ParameterList.Parameters.Select(p => p.Identifier.ValueText));
            return new FactoryCandidate(parameter, constructor, fieldDeclarator, factoryType, parameterUses, constructorFieldUses, methodUses, hasAsyncCreate, parameterName, fieldName);
        }

        public async Task<Document> ApplyAsync(Document document, CancellationToken cancellationToken)
        {
            var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
            var model = editor.SemanticModel;
            var factoryTypeSyntax = SyntaxFactory.ParseTypeName(FactoryType.ToMinimalDisplayString(model, Parameter.SpanStart));

            var fieldDeclaration = (VariableDeclarationSyntax)Field.Parent!;
            editor.ReplaceNode(fieldDeclaration, fieldDeclaration
                .WithType(factoryTypeSyntax.WithTriviaFrom(fieldDeclaration.Type))
                .WithVariables(SyntaxFactory.SingletonSeparatedList(Field.WithIdentifier(SyntaxFactory.Identifier(FieldName).WithTriviaFrom(Field.Identifier)))));
            editor.ReplaceNode(Parameter, Parameter
                .WithType(factoryTypeSyntax.WithTriviaFrom(Parameter.Type!))
                .WithIdentifier(SyntaxFactory.Identifier(ParameterName).WithTriviaFrom(Parameter.Identifier)));
            foreach (var use in ConstructorParameterUses)
            {
                editor.ReplaceNode(use, SyntaxFactory.IdentifierName(ParameterName).WithTriviaFrom(use));
            }

            foreach (var use in ConstructorFieldUses)
            {
                editor.ReplaceNode(use, Rename(use, FieldName));
            }

            foreach (var pair in MethodUses)
            {
                var method = pair.Key;
                var local = UniqueName(LocalBaseName, method.DescendantTokens().Where(t => t.IsKind(SyntaxKind.IdentifierToken)).Select(t => t.ValueText));
                foreach (var use in pair.Value)
                {
                    editor.ReplaceNode(use, SyntaxFactory.IdentifierName(local).WithTriviaFrom(use));
                }

                var block = InsertionBlock(method, pair.Value);
                var creation = CreationStatement(method, model, local, cancellationToken);
                editor.InsertBefore(block.Statements[0], creation);
            }

            return editor.GetChangedDocument();
        }

        private StatementSyntax CreationStatement(MethodDeclarationSyntax method, SemanticModel model, string local, CancellationToken cancellationToken)
        {
            var isAsync = method.Modifiers.Any(SyntaxKind.AsyncKeyword);
            string text;
            if (isAsync)
            {
                var token = CancellationTokenInScope(method, model, cancellationToken);
                text = HasAsyncCreate
                    ? $"await using var {local} = await {FieldName}.CreateDbContextAsync({token});"
                    : $"await using var {local} = {FieldName}.CreateDbContext();";
            }
            else
            {
                text = $"using var {local} = {FieldName}.CreateDbContext();";
            }

            return SyntaxFactory.ParseStatement(text)
                .WithLeadingTrivia(SyntaxFactory.ElasticMarker)
                .WithTrailingTrivia(Trivia.EndOfLine(method))
                .WithAdditionalAnnotations(Formatter.Annotation);
        }

        private static string CancellationTokenInScope(MethodDeclarationSyntax method, SemanticModel model, CancellationToken cancellationToken)
        {
            var symbol = model.GetDeclaredSymbol(method, cancellationToken);
            var parameter = symbol?.Parameters.FirstOrDefault(p => p.Type is { Name: nameof(CancellationToken), ContainingNamespace: { Name: "Threading", ContainingNamespace.Name: "System" } });
            return parameter?.Name ?? "";
        }

        /// <summary>The body of the outermost loop that contains every use (a context per iteration), else the method body.</summary>
        private static BlockSyntax InsertionBlock(MethodDeclarationSyntax method, List<ExpressionSyntax> uses)
        {
            foreach (var loop in uses[0].Ancestors().TakeWhile(a => a != method).Reverse())
            {
                var body = loop switch
                {
                    WhileStatementSyntax s => s.Statement,
                    DoStatementSyntax s => s.Statement,
                    ForStatementSyntax s => s.Statement,
                    CommonForEachStatementSyntax s => s.Statement,
                    _ => null,
                };
                if (body is BlockSyntax { Statements.Count: > 0 } block && uses.All(u => block.Span.Contains(u.Span)))
                {
                    return block;
                }
            }

            return method.Body!;
        }

        private static ExpressionSyntax Rename(ExpressionSyntax reference, string name) => reference switch
        {
            MemberAccessExpressionSyntax access => access.WithName(SyntaxFactory.IdentifierName(name).WithTriviaFrom(access.Name)),
            _ => SyntaxFactory.IdentifierName(name).WithTriviaFrom(reference),
        };

        private static MethodDeclarationSyntax? EnclosingMethod(SyntaxNode node)
        {
            foreach (var ancestor in node.Ancestors())
            {
                switch (ancestor)
                {
                    case AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax:
                        // The context would be disposed when the method returns, maybe before the callback runs.
                        return null;
                    case MethodDeclarationSyntax { Body: { Statements.Count: > 0 } } method:
                        return method;
                    case MemberDeclarationSyntax:
                        return null;
                }
            }

            return null;
        }

        /// <summary>
        /// A context created and disposed in the method must not be needed after it returns: the method is not an iterator,
        /// a non-async method does not return a task (the work would run after the dispose), and nothing it returns is a
        /// query or a lazily enumerated sequence still bound to the context.
        /// </summary>
        private static bool CanCreateContextPerCall(MethodDeclarationSyntax method, SemanticModel model, KnownSymbols symbols, CancellationToken cancellationToken)
        {
            if (model.GetDeclaredSymbol(method, cancellationToken) is not { } symbol || symbol.IsStatic || IsIterator(method))
            {
                return false;
            }

            var returnType = symbol.ReturnType;
            var isAsync = method.Modifiers.Any(SyntaxKind.AsyncKeyword);
            if (!isAsync && symbols.Tasks.IsAwaitable(returnType))
            {
                return false;
            }

            if (isAsync && returnType is INamedTypeSymbol { TypeArguments.Length: 1 } task && symbols.Tasks.IsTaskLike(task))
            {
                returnType = task.TypeArguments[0];
            }

            return !IsDeferred(returnType, model.Compilation, symbols);
        }

        private static bool IsDeferred(ITypeSymbol type, Compilation compilation, KnownSymbols symbols)
        {
            if (type.InheritsFromOrEquals(symbols.EntityFramework.DbContext))
            {
                return true;
            }

            var queryable = TypeResolver.Resolve(compilation, "System.Linq.IQueryable");
            if (type.Implements(queryable))
            {
                return true;
            }

            if (type.TypeKind != TypeKind.Interface)
            {
                return false;
            }

            var definition = type.OriginalDefinition;
            return definition.SpecialType is SpecialType.System_Collections_Generic_IEnumerable_T or SpecialType.System_Collections_IEnumerable
                || SymbolEqualityComparer.Default.Equals(definition, symbols.Tasks.AsyncEnumerable);
        }

        private static bool IsIterator(MethodDeclarationSyntax method)
            => method.Body is { } body && body.DescendantNodes(n => n is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)).OfType<YieldStatementSyntax>().Any();

        private static bool IsInNameof(SyntaxNode node)
            => node.Ancestors().OfType<InvocationExpressionSyntax>().Any(i => i.Expression is IdentifierNameSyntax { Identifier.ValueText: "nameof" });

        private static string UniqueName(string baseName, IEnumerable<string> taken)
        {
            var set = new HashSet<string>(taken, StringComparer());
            var name = baseName;
            for (var i = 2; set.Contains(name); i++)
            {
                name = baseName + i;
            }

            return name;
        }

        private static System.StringComparer StringComparer() => System.StringComparer.Ordinal;
    }
}
