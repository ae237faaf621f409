using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Postmortem.Analyzers.CodeFixes.Shared;

/// <summary>
/// What happens to the value of a creation expression: the local it initializes (plain, <c>using var</c> or a
/// <c>using (...)</c> statement), the <c>x.Dispose()</c> statements on that local, and whether every other
/// use is an allowed method call on it (never stored, returned, passed on or reconfigured).
/// </summary>
internal sealed class CreatedValueUsage
{
    private CreatedValueUsage(
        VariableDeclaratorSyntax? declarator,
        StatementSyntax? declaringStatement,
        ImmutableArray<StatementSyntax> disposeStatements,
        bool onlyAllowedCalls)
    {
        Declarator = declarator;
        DeclaringStatement = declaringStatement;
        DisposeStatements = disposeStatements;
        OnlyAllowedCalls = onlyAllowedCalls;
    }

    /// <summary>The local initialized with the creation, or null when the value is used in place.</summary>
    public VariableDeclaratorSyntax? Declarator { get; }

    /// <summary>The <see cref="LocalDeclarationStatementSyntax"/> or <see cref="UsingStatementSyntax"/> that declares the local.</summary>
    public StatementSyntax? DeclaringStatement { get; }

    /// <summary><c>local.Dispose();</c> and <c>local?.Dispose();</c> statements.</summary>
    public ImmutableArray<StatementSyntax> DisposeStatements { get; }

    /// <summary>True when every use of the value, other than disposing it, is an allowed method call on it.</summary>
    public bool OnlyAllowedCalls { get; }

    /// <summary>Returns null when the shape is not one a fix can rewrite safely.</summary>
    public static CreatedValueUsage? Analyze(
        ExpressionSyntax creation,
        SemanticModel model,
        Func<IMethodSymbol, bool> isAllowedCall,
        CancellationToken cancellationToken)
    {
        var outermost = WalkUpParentheses(creation);
        var parent = outermost.Parent;

        // Used in place: `new X().Call(...)`.
        if (parent is MemberAccessExpressionSyntax access && access.Expression == outermost && access.Parent is InvocationExpressionSyntax invocation)
        {
            var calledInPlace = model.GetSymbolInfo(invocation, cancellationToken).Symbol is IMethodSymbol method && isAllowedCall(method);
            return new CreatedValueUsage(null, null, ImmutableArray<StatementSyntax>.Empty, calledInPlace);
        }

        if (parent is not EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax declarator }
            || declarator.Parent is not VariableDeclarationSyntax { Variables.Count: 1 } declaration)
        {
            return new CreatedValueUsage(null, null, ImmutableArray<StatementSyntax>.Empty, onlyAllowedCalls: false);
        }

        StatementSyntax? statement = declaration.Parent switch
        {
            LocalDeclarationStatementSyntax local => local,
            UsingStatementSyntax usingStatement => usingStatement,
            _ => null,
        };
        if (statement is null || model.GetDeclaredSymbol(declarator, cancellationToken) is not ILocalSymbol localSymbol)
        {
            return null;
        }

        var scope = statement.Parent ?? statement;
        var disposes = new List<StatementSyntax>();
        var onlyAllowed = true;
        foreach (var node in scope.DescendantNodes())
        {
            if (node is not IdentifierNameSyntax identifier || identifier.Identifier.ValueText != declarator.Identifier.ValueText)
            {
                continue;
            }

            if (!SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(identifier, cancellationToken).Symbol, localSymbol))
            {
                continue;
            }

            switch (ClassifyUse(identifier, model, isAllowedCall, cancellationToken))
            {
                case Use.Dispose:
                    disposes.Add((StatementSyntax)identifier.FirstAncestorOrSelf<ExpressionStatementSyntax>()!);
                    break;
                case Use.AllowedCall:
                    break;
                default:
                    onlyAllowed = false;
                    break;
            }
        }

        return new CreatedValueUsage(declarator, statement, disposes.ToImmutableArray(), onlyAllowed);
    }

    private static ExpressionSyntax WalkUpParentheses(ExpressionSyntax expression)
    {
        while (expression.Parent is ParenthesizedExpressionSyntax parenthesized)
        {
            expression = parenthesized;
        }

        return expression;
    }

    private enum Use
    {
        Other,
        Dispose,
        AllowedCall,
    }

    private static Use ClassifyUse(IdentifierNameSyntax identifier, SemanticModel model, Func<IMethodSymbol, bool> isAllowedCall, CancellationToken cancellationToken)
    {
        InvocationExpressionSyntax? invocation = null;
        string? name = null;
        if (identifier.Parent is MemberAccessExpressionSyntax access && access.Expression == identifier && access.Parent is InvocationExpressionSyntax call && call.Expression == access)
        {
            invocation = call;
            name = access.Name.Identifier.ValueText;
        }
        else if (identifier.Parent is ConditionalAccessExpressionSyntax conditional && conditional.Expression == identifier
            && conditional.WhenNotNull is InvocationExpressionSyntax { Expression: MemberBindingExpressionSyntax binding } bound)
        {
            invocation = bound;
            name = binding.Name.Identifier.ValueText;
            if (name == "Dispose" && conditional.Parent is ExpressionStatementSyntax)
            {
                return Use.Dispose;
            }
        }

        if (invocation is null || model.GetSymbolInfo(invocation, cancellationToken).Symbol is not IMethodSymbol method)
        {
            return Use.Other;
        }

        if (name == "Dispose" && method.Parameters.IsEmpty && invocation.Parent is ExpressionStatementSyntax)
        {
            return Use.Dispose;
        }

        return isAllowedCall(method) ? Use.AllowedCall : Use.Other;
    }
}
