using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Postmortem.Analyzers.Shared;

/// <summary>What a cache key is made of, as far as <see cref="CacheKeys.Trace"/> can see.</summary>
internal struct KeyShape
{
    /// <summary>A part names the tenant: a value, member, method or type whose name contains "Tenant" (or a configured identifier).</summary>
    public bool HasTenant;

    /// <summary>A part the tracer cannot see into (a call it cannot follow, a key or prefix handed in whole): the key may hold anything.</summary>
    public bool HasOpaque;

    /// <summary>A Guid part, or an identity of a caller (a user, session, device): unique across tenants.</summary>
    public bool HasGuid;

    /// <summary>The key's text says it is about a caller's identity (<c>"user:"</c>, <c>"session:"</c>): it is scoped by that identity.</summary>
    public bool AboutIdentity;

    /// <summary>The first part that is a value able to collide between tenants (an integer id, a name, a path), or null.</summary>
    public IOperation? FirstValue;

    /// <summary>
    /// True when the key is built from at least one such value, names no tenant, hides nothing the tracer cannot see, and has
    /// no Guid or caller-identity part: a key is at least as unique as its most unique part, so <c>$"perms:{userId}:{issuedAt}"</c>
    /// cannot collide between tenants any more than <c>$"perms:{userId}"</c>.
    /// </summary>
    public readonly bool LacksTenant => !HasTenant && !HasOpaque && !AboutIdentity && !HasGuid && FirstValue is not null;

    public void Merge(in KeyShape other)
    {
        HasTenant |= other.HasTenant;
        HasOpaque |= other.HasOpaque;
        HasGuid |= other.HasGuid;
        AboutIdentity |= other.AboutIdentity;
        FirstValue ??= other.FirstValue;
    }
}

/// <summary>
/// Follows a cache key expression to the values it is built from: through conversions, interpolated strings, <c>+</c>,
/// <c>string.Concat/Format/Join</c>, <c>ToString()</c> and case/trim calls, tuples, anonymous objects and object creations
/// (records, structs: component by component), locals assigned once (their initializer, in the same tree), and one level
/// of helper methods or expression-bodied getters declared in the same syntax tree as the call (an expression body or a
/// single <c>return</c>; their parameters read the call's arguments). A helper declared in another tree is not bound
/// (no semantic model of another tree is built per call): its result is opaque, and an opaque key is never reported.
/// </summary>
internal static class CacheKeys
{
    /// <summary>How many locals and helpers deep the tracer follows a key.</summary>
    private const int MaxDepth = 6;

    public static KeyShape Trace(IOperation key, TenantNames names)
    {
        var shape = default(KeyShape);
        Visit(key, names, helper: null, depth: 0, ref shape);
        return shape;
    }

    /// <summary>A helper being followed: its method (or getter), and the call whose arguments its parameters read.</summary>
    private sealed class Helper
    {
        public Helper(IMethodSymbol method, IInvocationOperation? call)
        {
            Method = method;
            Call = call;
        }

        public IMethodSymbol Method { get; }
        public IInvocationOperation? Call { get; }
    }

    private static void Visit(IOperation operation, TenantNames names, Helper? helper, int depth, ref KeyShape shape)
    {
        if (depth > MaxDepth)
        {
            shape.HasOpaque = true;
            return;
        }

        operation = operation.WithoutConversions();
        if (operation.ConstantValue.HasValue)
        {
            // A literal that names the tenant ("tenant:" + id) says which value the key is about; one that names a user,
            // session or device says the key is about a caller's identity.
            if (operation.ConstantValue.Value is string text)
            {
                NoteText(text, names, ref shape);
            }

            return;
        }

        switch (operation)
        {
            case IInterpolatedStringOperation interpolated:
                foreach (var part in interpolated.Parts)
                {
                    if (part is IInterpolationOperation hole)
                    {
                        Visit(hole.Expression, names, helper, depth, ref shape);
                    }
                    else if (part is IInterpolatedStringTextOperation { Text.ConstantValue.Value: string text })
                    {
                        NoteText(text, names, ref shape);
                    }
                }

                return;

            case IBinaryOperation { OperatorKind: BinaryOperatorKind.Add } binary:
                Visit(binary.LeftOperand, names, helper, depth, ref shape);
                Visit(binary.RightOperand, names, helper, depth, ref shape);
                return;

            case ITupleOperation tuple:
                var elementNames = (tuple.Type as INamedTypeSymbol)?.TupleElements ?? default;
                for (var i = 0; i < tuple.Elements.Length; i++)
                {
                    if (!elementNames.IsDefault && i < elementNames.Length && names.Matches(elementNames[i].Name))
                    {
                        shape.HasTenant = true;
                    }
                    else
                    {
                        Visit(tuple.Elements[i], names, helper, depth, ref shape);
                    }
                }

                return;

            case IAnonymousObjectCreationOperation anonymous:
                foreach (var initializer in anonymous.Initializers)
                {
                    VisitInitializer(initializer, names, helper, depth, ref shape);
                }

                return;

            case IObjectCreationOperation creation:
                VisitCreation(creation, names, helper, depth, ref shape);
                return;

            case IArrayCreationOperation { Initializer: { } arrayInitializer }:
                foreach (var element in arrayInitializer.ElementValues)
                {
                    Visit(element, names, helper, depth, ref shape);
                }

                return;

            case IConditionalOperation { WhenFalse: { } whenFalse } conditional:
                VisitBranches(conditional.WhenTrue, whenFalse, names, helper, depth, ref shape);
                return;

            case ICoalesceOperation coalesce:
                VisitBranches(coalesce.Value, coalesce.WhenNull, names, helper, depth, ref shape);
                return;

            case ITypeOfOperation or IDefaultValueOperation:
                return;

            case ILocalReferenceOperation local:
                VisitLocal(local, names, helper, depth, ref shape);
                return;

            case IParameterReferenceOperation parameter:
                VisitParameter(parameter, names, helper, depth, ref shape);
                return;

            case IFieldReferenceOperation field:
                if (ChainNamesTenant(field, names))
                {
                    shape.HasTenant = true;
                }
                else if (field.Field.IsStatic && (field.Field.IsReadOnly || field.Field.IsConst))
                {
                    // A static readonly value is set once for the process: global, like a constant.
                }
                else if (IsNamedLikeKey(field.Field.Name))
                {
                    shape.HasOpaque = true;
                }
                else
                {
                    Leaf(field, field.Field.Name, field.Type, ref shape);
                }

                return;

            case IPropertyReferenceOperation property:
                VisitProperty(property, names, helper, depth, ref shape);
                return;

            case IInvocationOperation invocation:
                VisitInvocation(invocation, names, helper, depth, ref shape);
                return;

            case IArrayElementReferenceOperation element:
                if (ChainNamesTenant(element.ArrayReference, names))
                {
                    shape.HasTenant = true;
                }
                else
                {
                    Leaf(element, name: null, element.Type, ref shape);
                }

                return;

            default:
                if (IsGuid(operation.Type))
                {
                    shape.HasGuid = true;
                }
                else
                {
                    shape.HasOpaque = true;
                }

                return;
        }
    }

    /// <summary>Either branch may be the key: it names the tenant only if both do; anything the tracer cannot see in either makes it opaque.</summary>
    private static void VisitBranches(IOperation first, IOperation second, TenantNames names, Helper? helper, int depth, ref KeyShape shape)
    {
        var left = default(KeyShape);
        var right = default(KeyShape);
        Visit(first, names, helper, depth, ref left);
        Visit(second, names, helper, depth, ref right);
        if (left.HasTenant && right.HasTenant)
        {
            shape.HasTenant = true;
        }
        else if (left.HasTenant || right.HasTenant)
        {
            shape.HasOpaque = true;
        }

        left.HasTenant = false;
        right.HasTenant = false;

        shape.Merge(left);
        shape.Merge(right);
    }

    private static void VisitInitializer(IOperation initializer, TenantNames names, Helper? helper, int depth, ref KeyShape shape)
    {
        if (initializer is ISimpleAssignmentOperation assignment)
        {
            if (assignment.Target is IMemberReferenceOperation member && names.Matches(member.Member.Name))
            {
                shape.HasTenant = true;
                return;
            }

            Visit(assignment.Value, names, helper, depth, ref shape);
            return;
        }

        shape.HasOpaque = true;
    }

    private static void VisitCreation(IObjectCreationOperation creation, TenantNames names, Helper? helper, int depth, ref KeyShape shape)
    {
        if (names.Matches(creation.Type?.Name))
        {
            shape.HasTenant = true;
            return;
        }

        if (IsGuid(creation.Type))
        {
            shape.HasGuid = true;
            return;
        }

        var components = 0;
        foreach (var argument in creation.Arguments)
        {
            components++;
            if (names.Matches(argument.Parameter?.Name))
            {
                shape.HasTenant = true;
            }
            else
            {
                Visit(argument.Value, names, helper, depth, ref shape);
            }
        }

        if (creation.Initializer is { } initializer)
        {
            foreach (var member in initializer.Initializers)
            {
                components++;
                VisitInitializer(member, names, helper, depth, ref shape);
            }
        }

        if (components == 0)
        {
            // new Key(): whatever identifies it is set elsewhere.
            shape.HasOpaque = true;
        }
    }

    private static void VisitLocal(ILocalReferenceOperation reference, TenantNames names, Helper? helper, int depth, ref KeyShape shape)
    {
        var local = reference.Local;
        if (names.Matches(local.Name) || names.Matches(local.Type?.Name))
        {
            shape.HasTenant = true;
            return;
        }

        if (reference.InitializerOf() is { } initializer)
        {
            if (IsReassigned(local))
            {
                shape.HasOpaque = true;
                return;
            }

            Visit(initializer, names, helper, depth + 1, ref shape);
            return;
        }

        if (IsNamedLikeKey(local.Name))
        {
            shape.HasOpaque = true;
            return;
        }

        Leaf(reference, local.Name, local.Type, ref shape);
    }

    private static void VisitParameter(IParameterReferenceOperation reference, TenantNames names, Helper? helper, int depth, ref KeyShape shape)
    {
        var parameter = reference.Parameter;
        if (names.Matches(parameter.Name) || names.Matches(parameter.Type?.Name))
        {
            shape.HasTenant = true;
            return;
        }

        if (helper?.Call is { } call && SymbolEqualityComparer.Default.Equals(parameter.ContainingSymbol, helper.Method))
        {
            // Inside a helper: the parameter is the caller's argument, read in the caller's context.
            foreach (var argument in call.Arguments)
            {
                if (argument.Parameter?.Ordinal == parameter.Ordinal)
                {
                    Visit(argument.Value, names, helper: null, depth + 1, ref shape);
                    return;
                }
            }

            shape.HasOpaque = true;
            return;
        }

        if (IsNamedLikeKey(parameter.Name))
        {
            // A key (or prefix) handed in whole: the caller built it, and is where a missing tenant would be.
            shape.HasOpaque = true;
            return;
        }

        if (IsCheckedGuid(reference))
        {
            shape.HasGuid = true;
            return;
        }

        Leaf(reference, parameter.Name, parameter.Type, ref shape);
    }

    /// <summary>
    /// A string parameter that holds a Guid as far as the code shows: its method parses it as one (<c>Guid.TryParse(name, ...)</c>)
    /// or compares it with a Guid's text, or it belongs to a private method declared in this file only, and every call there
    /// passes a value the caller treats as a Guid's text or makes from a Guid. The method must not be used any other way (a method group hides its arguments).
    /// </summary>
    private static bool IsCheckedGuid(IParameterReferenceOperation reference)
    {
        var parameter = reference.Parameter;
        if (parameter.Type?.SpecialType != SpecialType.System_String)
        {
            return false;
        }

        if (IsGuidText(reference.Root(), parameter))
        {
            return true;
        }

        if (parameter.ContainingSymbol is not IMethodSymbol { DeclaredAccessibility: Accessibility.Private, MethodKind: MethodKind.Ordinary } method
            || method.ContainingType is not { DeclaringSyntaxReferences: { Length: 1 } declarations }
            || reference.SemanticModel is not { } model
            || declarations[0].SyntaxTree != reference.Syntax.SyntaxTree)
        {
            return false;
        }

        var calls = 0;
        foreach (var node in declarations[0].GetSyntax().DescendantNodes())
        {
            if (node is not IdentifierNameSyntax name || name.Identifier.ValueText != method.Name)
            {
                continue;
            }

            var expression = name.Parent is MemberAccessExpressionSyntax access && access.Name == name ? access : (ExpressionSyntax)name;
            if (expression.Parent is not InvocationExpressionSyntax invocation || invocation.Expression != expression)
            {
                // Named without being called (a method group): its arguments are out of sight.
                if (model.GetSymbolInfo(name).Symbol is IMethodSymbol other && SymbolEqualityComparer.Default.Equals(other.OriginalDefinition, method.OriginalDefinition))
                {
                    return false;
                }

                continue;
            }

            if (model.GetOperation(invocation) is not IInvocationOperation call || !SymbolEqualityComparer.Default.Equals(call.TargetMethod.OriginalDefinition, method.OriginalDefinition))
            {
                continue;
            }

            calls++;
            if (!PassesGuid(call, parameter.Ordinal))
            {
                return false;
            }
        }

        return calls > 0;
    }

    private static bool PassesGuid(IInvocationOperation call, int ordinal)
    {
        foreach (var argument in call.Arguments)
        {
            if (argument.Parameter?.Ordinal != ordinal)
            {
                continue;
            }

            var value = argument.Value.WithoutConversions();
            return value switch
            {
                IParameterReferenceOperation caller => IsGuidText(call.Root(), caller.Parameter),
                ILocalReferenceOperation local => IsGuidText(call.Root(), local.Local),
                IInvocationOperation { TargetMethod.Name: "ToString", Instance: { } instance } => IsGuid(instance.Type),
                _ => IsGuid(value.Type),
            };
        }

        return false;
    }

    /// <summary>
    /// True when <paramref name="root"/> treats <paramref name="value"/> as a Guid's text: it calls <c>Guid.Parse</c>,
    /// <c>TryParse</c>, <c>ParseExact</c> or <c>TryParseExact</c> on it, or compares it with a Guid's <c>ToString()</c>
    /// (<c>.Where(p =&gt; p.Id.ToString() == id)</c>, where the entity's id is a Guid).
    /// </summary>
    private static bool IsGuidText(IOperation root, ISymbol value)
    {
        foreach (var operation in root.Descendants())
        {
            switch (operation)
            {
                case IInvocationOperation { TargetMethod: { IsStatic: true, Name: "Parse" or "TryParse" or "ParseExact" or "TryParseExact" } parse } invocation
                    when IsGuid(parse.ContainingType) && invocation.Arguments.Length > 0 && Is(invocation.Arguments[0].Value, value):
                    return true;
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals } comparison
                    when (Is(comparison.LeftOperand, value) && IsGuidToString(comparison.RightOperand))
                         || (Is(comparison.RightOperand, value) && IsGuidToString(comparison.LeftOperand)):
                    return true;
                case IInvocationOperation { TargetMethod.Name: "Equals", Instance: { } instance, Arguments: { Length: 1 } arguments }
                    when IsGuidToString(instance) && Is(arguments[0].Value, value):
                    return true;
            }
        }

        return false;

        static bool Is(IOperation operation, ISymbol value) => operation.WithoutConversions() switch
        {
            IParameterReferenceOperation p => SymbolEqualityComparer.Default.Equals(p.Parameter, value),
            ILocalReferenceOperation l => SymbolEqualityComparer.Default.Equals(l.Local, value),
            _ => false,
        };

        static bool IsGuidToString(IOperation operation)
            => operation.WithoutConversions() is IInvocationOperation { TargetMethod: { Name: "ToString", Parameters.IsEmpty: true }, Instance: { } instance }
               && IsGuid(instance.Type);
    }

    private static void VisitProperty(IPropertyReferenceOperation reference, TenantNames names, Helper? helper, int depth, ref KeyShape shape)
    {
        if (ChainNamesTenant(reference, names))
        {
            shape.HasTenant = true;
            return;
        }

        if (reference.Instance?.WithoutConversions() is ITypeOfOperation)
        {
            // typeof(Settings).FullName: fixed for the process, like nameof.
            return;
        }

        var property = reference.Property;
        if (helper is null && reference.Arguments.IsEmpty && property.GetMethod is { } getter
            && FollowHelper(getter, call: null, reference, names, depth, ref shape))
        {
            return;
        }

        if (IsNamedLikeKey(property.Name))
        {
            shape.HasOpaque = true;
            return;
        }

        Leaf(reference, property.Name, reference.Type, ref shape);
    }

    private static void VisitInvocation(IInvocationOperation invocation, TenantNames names, Helper? helper, int depth, ref KeyShape shape)
    {
        if (ChainNamesTenant(invocation, names))
        {
            shape.HasTenant = true;
            return;
        }

        var method = invocation.TargetMethod;
        if (method.ContainingType?.SpecialType == SpecialType.System_String && method.IsStatic
            && method.Name is "Concat" or "Format" or "Join")
        {
            VisitArguments(invocation, names, helper, depth, ref shape);
            return;
        }

        if (invocation.Instance is { } instance && IsTransparent(method))
        {
            Visit(instance, names, helper, depth, ref shape);
            return;
        }

        if (method.IsStatic && method.ContainingType is { } type && IsComponentFactory(type, method.Name))
        {
            VisitArguments(invocation, names, helper, depth, ref shape);
            return;
        }

        if (helper is null && FollowHelper(method, invocation, invocation, names, depth, ref shape))
        {
            return;
        }

        shape.HasOpaque = true;
    }

    private static void VisitArguments(IInvocationOperation invocation, TenantNames names, Helper? helper, int depth, ref KeyShape shape)
    {
        foreach (var argument in invocation.Arguments)
        {
            Visit(argument.Value, names, helper, depth, ref shape);
        }
    }

    /// <summary>
    /// Follows a method (or getter) of the compilation declared in the same tree as <paramref name="site"/>, whose body is an
    /// expression or ends in its only <c>return</c>. False when it cannot: the caller then treats the call as opaque.
    /// </summary>
    private static bool FollowHelper(IMethodSymbol method, IInvocationOperation? call, IOperation site, TenantNames names, int depth, ref KeyShape shape)
    {
        method = method.OriginalDefinition;
        if (method.IsAbstract || method.IsVirtual || (method.IsOverride && !method.IsSealed) || method.IsExtern || method.DeclaringSyntaxReferences.Length != 1
            || site.SemanticModel is not { } model)
        {
            return false;
        }

        var reference = method.DeclaringSyntaxReferences[0];
        if (reference.SyntaxTree != model.SyntaxTree || ReturnedExpression(reference.GetSyntax()) is not { } returned)
        {
            return false;
        }

        if (model.GetOperation(returned) is not { } operation)
        {
            return false;
        }

        Visit(operation, names, new Helper(method, call), depth + 1, ref shape);
        return true;
    }

    private static ExpressionSyntax? ReturnedExpression(SyntaxNode declaration)
    {
        var (expressionBody, body) = declaration switch
        {
            MethodDeclarationSyntax method => (method.ExpressionBody, method.Body),
            LocalFunctionStatementSyntax local => (local.ExpressionBody, local.Body),
            AccessorDeclarationSyntax accessor => (accessor.ExpressionBody, accessor.Body),
            PropertyDeclarationSyntax property => (property.ExpressionBody, null),
            ArrowExpressionClauseSyntax arrow => (arrow, null),
            _ => (null, (BlockSyntax?)null),
        };
        if (expressionBody is not null)
        {
            return expressionBody.Expression;
        }

        if (body is null || body.Statements.Count == 0 || body.Statements[body.Statements.Count - 1] is not ReturnStatementSyntax { Expression: { } last })
        {
            return null;
        }

        foreach (var node in body.DescendantNodes(static n => n is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)))
        {
            if (node is ReturnStatementSyntax other && other.Expression != last)
            {
                return null;
            }
        }

        return last;
    }

    /// <summary>True when a member, method or type on the access chain of <paramref name="operation"/> names the tenant (<c>ctx.TenantId</c>, <c>user.Tenant.Id</c>).</summary>
    private static bool ChainNamesTenant(IOperation? operation, TenantNames names)
    {
        for (var steps = 0; operation is not null && steps < 8; steps++)
        {
            operation = operation.WithoutConversions();
            switch (operation)
            {
                case IMemberReferenceOperation member:
                    if (names.Matches(member.Member.Name) || names.Matches(member.Type?.Name))
                    {
                        return true;
                    }

                    operation = member.Instance;
                    break;
                case IInvocationOperation invocation:
                    if (names.Matches(invocation.TargetMethod.Name) || names.Matches(invocation.Type?.Name))
                    {
                        return true;
                    }

                    operation = invocation.Instance
                        ?? (invocation.TargetMethod.IsExtensionMethod && !invocation.Arguments.IsEmpty ? invocation.Arguments[0].Value : null);
                    break;
                case ILocalReferenceOperation local:
                    return names.Matches(local.Local.Name) || names.Matches(local.Local.Type?.Name);
                case IParameterReferenceOperation parameter:
                    return names.Matches(parameter.Parameter.Name) || names.Matches(parameter.Parameter.Type?.Name);
                case IArrayElementReferenceOperation element:
                    operation = element.ArrayReference;
                    break;
                default:
                    return false;
            }
        }

        return false;
    }

    private static void NoteText(string text, TenantNames names, ref KeyShape shape)
    {
        if (names.Matches(text))
        {
            shape.HasTenant = true;
        }
        else if (NamesIdentity(text))
        {
            shape.HasGuid = true;
            shape.AboutIdentity = true;
        }
    }

    /// <summary>A value at the end of the chain: a Guid, a global dimension (time, culture, flag, enum, file path), or a value that can collide.</summary>
    private static void Leaf(IOperation operation, string? name, ITypeSymbol? type, ref KeyShape shape)
    {
        if (IsReadFromRedis(type))
        {
            // A RedisValue or RedisKey handed over (a pub/sub message, a set member): a key someone stored, built elsewhere.
            shape.HasOpaque = true;
            return;
        }

        if (IsGuid(type) || (name is not null && NamesIdentity(name)) || ChainNamesIdentity(operation))
        {
            shape.HasGuid = true;
            return;
        }

        if (IsDimension(type) || (name is not null && IsDimensionName(name)) || IsMemberOfDimension(operation))
        {
            return;
        }

        shape.FirstValue ??= operation;
    }

    /// <summary>StackExchange.Redis's <c>RedisValue</c>, <c>RedisKey</c> and <c>RedisChannel</c>: values that come from (or go to) Redis as they are.</summary>
    private static bool IsReadFromRedis(ITypeSymbol? type)
        => type is { Name: "RedisValue" or "RedisKey" or "RedisChannel", ContainingNamespace: { Name: "Redis", ContainingNamespace: { Name: "StackExchange", ContainingNamespace.IsGlobalNamespace: true } } };

    private static bool IsGuid(ITypeSymbol? type)
    {
        if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
        {
            type = nullable.TypeArguments[0];
        }

        return type is { Name: "Guid", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } };
    }

    /// <summary>
    /// Values that partition global data rather than identify a tenant's records: dates and times, flags, enums, cultures.
    /// A key such as <c>$"rates:{day:yyyyMMdd}"</c> or <c>$"menu:{culture}"</c> is the same for every tenant by design.
    /// </summary>
    private static bool IsDimension(ITypeSymbol? type)
    {
        if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
        {
            type = nullable.TypeArguments[0];
        }

        if (type is null)
        {
            return false;
        }

        if (type.TypeKind == TypeKind.Enum || type.SpecialType is SpecialType.System_Boolean or SpecialType.System_DateTime)
        {
            return true;
        }

        return type.Name is "DateTimeOffset" or "DateOnly" or "TimeOnly" or "TimeSpan" or "CultureInfo"
            && type.ContainingNamespace is { Name: "System" or "Globalization" };
    }

    /// <summary>A member read from a dimension: <c>CultureInfo.CurrentUICulture.Name</c>, <c>day.Year</c>.</summary>
    private static bool IsMemberOfDimension(IOperation operation)
    {
        for (var current = (operation as IMemberReferenceOperation)?.Instance; current is not null; current = (current as IMemberReferenceOperation)?.Instance)
        {
            current = current.WithoutConversions();
            if (IsDimension(current.Type) || (current is IMemberReferenceOperation member && IsDimensionName(member.Member.Name)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Identities of a caller rather than of a tenant's records: users, e-mail addresses, sessions, devices, tokens, connections,
    /// correlation and trace ids. They are unique across tenants in practice (ASP.NET Core Identity user ids are Guid strings;
    /// sessions and tokens are random), like Guids.
    /// </summary>
    private static bool NamesIdentity(string name) => Words.ContainsAny(name, s_identityWords);

    private static readonly string[] s_identityWords = { "user", "email", "session", "device", "token", "login", "jti", "otp", "nonce", "connection", "correlation", "trace" };

    /// <summary>A member read from an identity: <c>user.Name</c>, <c>User.Identity.Name</c>.</summary>
    private static bool ChainNamesIdentity(IOperation operation)
    {
        for (var current = (operation as IMemberReferenceOperation)?.Instance; current is not null; current = (current as IMemberReferenceOperation)?.Instance)
        {
            current = current.WithoutConversions();
            var name = current switch
            {
                IMemberReferenceOperation member => member.Member.Name,
                ILocalReferenceOperation local => local.Local.Name,
                IParameterReferenceOperation parameter => parameter.Parameter.Name,
                _ => null,
            };
            if (name is not null && NamesIdentity(name))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Cultures and languages, paths of files on the server (<c>mappingFilePath</c>, <c>viewFileName</c>, <c>physicalPath</c>) and
    /// system names of plugins and providers (<c>moduleSystemName</c>): a file parsed into the cache, or a module's metadata, is the
    /// same for every tenant the process serves.
    /// </summary>
    private static bool IsDimensionName(string name) => Words.ContainsAny(name, s_dimensionWords);

    private static readonly string[] s_dimensionWords = { "culture", "language", "locale", "filepath", "filename", "fullpath", "physicalpath", "systemname" };

    /// <summary>A key or prefix built somewhere else (<c>key</c>, <c>cacheKey</c>, <c>_keyPrefix</c>): what it holds is not visible here.</summary>
    private static bool IsNamedLikeKey(string name)
        => name.IndexOf("key", StringComparison.OrdinalIgnoreCase) >= 0
        || name.IndexOf("prefix", StringComparison.OrdinalIgnoreCase) >= 0;

    /// <summary>Calls that return their receiver's value in another form: <c>id.ToString()</c>, <c>name.ToLowerInvariant()</c>, <c>slug.Trim()</c>.</summary>
    private static bool IsTransparent(IMethodSymbol method)
        => method.Name is "ToString" or "ToLower" or "ToLowerInvariant" or "ToUpper" or "ToUpperInvariant" or "Trim" or "TrimStart" or "TrimEnd" or "Normalize";

    /// <summary><c>Tuple.Create</c>, <c>ValueTuple.Create</c>, <c>KeyValuePair.Create</c>, <c>Convert.ToString</c>: the result is made of the arguments.</summary>
    private static bool IsComponentFactory(INamedTypeSymbol type, string name)
        => type.ContainingNamespace is { Name: "System" or "Generic" }
        && ((name == "Create" && type.Name is "Tuple" or "ValueTuple" or "KeyValuePair") || (name == "ToString" && type.Name == "Convert"));

    /// <summary>
    /// True when the member or function that declares <paramref name="local"/> assigns it again (or passes it by reference):
    /// its initializer is then not the only value it can hold. A syntactic scan by name, conservative across scopes.
    /// </summary>
    private static bool IsReassigned(ILocalSymbol local)
    {
        if (local.DeclaringSyntaxReferences.Length != 1)
        {
            return true;
        }

        var declarator = local.DeclaringSyntaxReferences[0].GetSyntax();
        // The member that declares it (methods, accessors, constructors), or the file for top-level statements.
        var scope = declarator.Parent;
        while (scope is not null && (scope is GlobalStatementSyntax || scope is not (MemberDeclarationSyntax or CompilationUnitSyntax)))
        {
            scope = scope.Parent;
        }

        if (scope is null)
        {
            return true;
        }

        var name = local.Name;
        foreach (var node in scope.DescendantNodes())
        {
            switch (node)
            {
                case AssignmentExpressionSyntax assignment when WritesName(assignment.Left, name):
                    return true;
                case PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.PreIncrementExpression or (int)SyntaxKind.PreDecrementExpression } prefix when WritesName(prefix.Operand, name):
                    return true;
                case PostfixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.PostIncrementExpression or (int)SyntaxKind.PostDecrementExpression } postfix when WritesName(postfix.Operand, name):
                    return true;
                case ArgumentSyntax argument when !argument.RefKindKeyword.IsKind(SyntaxKind.None) && WritesName(argument.Expression, name):
                    return true;
            }
        }

        return false;
    }

    private static bool WritesName(ExpressionSyntax target, string name)
    {
        switch (target)
        {
            case IdentifierNameSyntax identifier:
                return identifier.Identifier.ValueText == name;
            case ParenthesizedExpressionSyntax parenthesized:
                return WritesName(parenthesized.Expression, name);
            case TupleExpressionSyntax tuple:
                foreach (var argument in tuple.Arguments)
                {
                    if (WritesName(argument.Expression, name))
                    {
                        return true;
                    }
                }

                return false;
            default:
                return false;
        }
    }
}
