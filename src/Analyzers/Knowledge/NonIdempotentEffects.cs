using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Postmortem.Analyzers.Shared;
using Postmortem.Analyzers.Symbols;

namespace Postmortem.Analyzers.Knowledge;

/// <summary>What a fact recorded for a message handler's code says (the <see cref="BuriedEffect.Kind"/> PM0006 records).</summary>
internal static class EffectKinds
{
    /// <summary>A compound assignment or ++/-- on a member of a tracked entity: an effect once it is saved.</summary>
    public const int Increment = 1;

    /// <summary>An EF Core Add/AddRange: an effect once it is saved.</summary>
    public const int Insert = 2;

    /// <summary>SaveChanges(Async): makes the pending increments and inserts before it effects.</summary>
    public const int Save = 3;

    /// <summary>An effect by itself: a payment call without an idempotency key.</summary>
    public const int Immediate = 4;

    /// <summary>
    /// An effect by itself that leaves the process: an email sent, an HTTP POST or PATCH (see <see cref="ExternalCalls"/>). A lookup by
    /// key clears it only when the handler also inserts (the lookup is then a check before the write).
    /// </summary>
    public const int External = 5;

    /// <summary>Evidence that clears every effect: the message identity used, an existence check, a duplicate-key catch, Redis NotExists, a marker name.</summary>
    public const int Evidence = 10;

    /// <summary>A lookup by key before writing: clears inserts and immediate effects, not increments (the looked-up row is often the one incremented).</summary>
    public const int Lookup = 11;
}

/// <summary>
/// Library facts behind PM0006: which operations repeat their effect when a message is processed twice (EF Core increments
/// and inserts that are saved, Stripe calls without an idempotency key; emails and HTTP POST/PATCH calls are known by
/// <see cref="ExternalCalls"/>), and which show that the code guards against it.
/// </summary>
internal static class NonIdempotentEffects
{
    /// <summary>Names that say the code deduplicates (types, members, attributes), case-insensitive substrings (in lower case).</summary>
    private static readonly string[] s_markers = ["idempoten", "inbox", "dedup", "processed"];

    private static readonly uint s_markerFirstLetters = FirstLetters(s_markers);

    /// <summary>Words in a header key that names a delivery's identity ("Idempotency-Key", "x-dedup-id"), in lower case.</summary>
    private static readonly string[] s_identityHeaderWords = ["idempoten", "dedup"];

    private static readonly uint s_identityHeaderFirstLetters = FirstLetters(s_identityHeaderWords);

    /// <summary>Members that carry the identity of a delivered message.</summary>
    private static readonly string[] s_identityMembers = { "MessageId", "TopicPartitionOffset", "DeduplicationId", "IdempotencyKey" };

    private const int MaxDepth = 8;

    /// <summary>
    /// MassTransit's endpoint configuration that turns on its inbox (<c>UseEntityFrameworkOutbox</c>, <c>UseMongoDbOutbox</c>,
    /// <c>UseInMemoryInboxOutbox</c>): consumers on that endpoint receive a message id once. <c>UseInMemoryOutbox</c> and
    /// <c>UseBusOutbox</c> only delay outgoing messages and are not in the list.
    /// </summary>
    public static bool IsMassTransitInboxConfiguration(IMethodSymbol method)
        => method.Name is "UseEntityFrameworkOutbox" or "UseMongoDbOutbox" or "UseInMemoryInboxOutbox"
           && method.IsExtensionMethod
           && method.ContainingNamespace is { Name: "MassTransit", ContainingNamespace.IsGlobalNamespace: true };

    /// <summary>True for a name containing a built-in marker or one of <paramref name="extra"/>.</summary>
    public static bool IsMarkerName(string name, string[] extra)
        => ContainsIgnoreCase(name, s_markers, s_markerFirstLetters) || Words.ContainsAny(name, extra);

    /// <summary>A type named like a deduplicating one; the core library's types (string, int, object...) never are, and are not read.</summary>
    public static bool IsMarkerType(ITypeSymbol type, string[] extra)
        => type.SpecialType == SpecialType.None && IsMarkerName(type.Name, extra);

    /// <summary>
    /// True when <paramref name="text"/> contains one of <paramref name="words"/> (lower-case ASCII letters), ignoring ASCII
    /// case. Asked for the names of most calls, creations and property reads of the compilation: one pass over the text, and a
    /// word is compared only where a character is the first letter of some word (<paramref name="firstLetters"/>, a bit per letter).
    /// </summary>
    private static bool ContainsIgnoreCase(string text, string[] words, uint firstLetters)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var letter = (text[i] | 0x20) - 'a';
            if ((uint)letter >= 26 || (firstLetters & (1u << letter)) == 0)
            {
                continue;
            }

            foreach (var word in words)
            {
                if (IsAt(text, i, word))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>True when <paramref name="word"/> (lower-case ASCII letters) appears at <paramref name="start"/> in <paramref name="text"/>, in either case.</summary>
    private static bool IsAt(string text, int start, string word)
    {
        if (text.Length - start < word.Length)
        {
            return false;
        }

        for (var k = 0; k < word.Length; k++)
        {
            // A character folded with 0x20 equals a lower-case ASCII letter only when it is that letter, in either case.
            if ((text[start + k] | 0x20) != word[k])
            {
                return false;
            }
        }

        return true;
    }

    private static uint FirstLetters(string[] words)
    {
        var letters = 0u;
        foreach (var word in words)
        {
            letters |= 1u << (word[0] - 'a');
        }

        return letters;
    }

    /// <summary>True for a read of a message identity member (MessageId, TopicPartitionOffset, Kafka's ConsumeResult.Offset...).</summary>
    public static bool IsIdentityMember(ISymbol member, MessagingSymbols messaging)
    {
        foreach (var name in s_identityMembers)
        {
            if (member.Name == name)
            {
                return true;
            }
        }

        return member.Name == "Offset" && member.ContainingType.InheritsFromOrEquals(messaging.KafkaConsumeResult);
    }

    /// <summary>A header key such as "Idempotency-Key" or "x-dedup-id".</summary>
    public static bool IsIdentityHeader(string literal) => literal.Length < 64 && ContainsIgnoreCase(literal, s_identityHeaderWords, s_identityHeaderFirstLetters);

    /// <summary>
    /// DbContext.SaveChanges(Async) (and overrides in derived contexts), or the same method of an interface that stands for a
    /// context by exposing its DbSet&lt;T&gt; properties (<c>IApplicationDbContext</c> in clean-architecture layouts).
    /// </summary>
    public static bool IsSaveChanges(IMethodSymbol method, EntityFrameworkSymbols ef)
        => method.Name is "SaveChanges" or "SaveChangesAsync"
           && (method.ContainingType.InheritsFromOrEquals(ef.DbContext) || IsContextInterface(method.ContainingType, ef.DbSet));

    /// <summary>An interface that declares (itself or through its base interfaces) a DbSet&lt;T&gt; property.</summary>
    private static bool IsContextInterface(INamedTypeSymbol? type, INamedTypeSymbol? dbSet)
    {
        if (type is not { TypeKind: TypeKind.Interface } || dbSet is null)
        {
            return false;
        }

        if (DeclaresDbSet(type, dbSet))
        {
            return true;
        }

        foreach (var inherited in type.AllInterfaces)
        {
            if (DeclaresDbSet(inherited, dbSet))
            {
                return true;
            }
        }

        return false;
    }

    private static bool DeclaresDbSet(INamedTypeSymbol type, INamedTypeSymbol dbSet)
    {
        foreach (var member in type.GetMembers())
        {
            if (member is IPropertySymbol { Type: INamedTypeSymbol propertyType } && SymbolEqualityComparer.Default.Equals(propertyType.OriginalDefinition, dbSet))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>DbSet&lt;T&gt;.Add/AddAsync/AddRange/AddRangeAsync or the same on DbContext.</summary>
    public static bool IsInsert(IMethodSymbol method, EntityFrameworkSymbols ef)
        => method.Name is "Add" or "AddAsync" or "AddRange" or "AddRangeAsync"
           && (method.ContainingType.InheritsFromOrEquals(ef.DbSet) || method.ContainingType.InheritsFromOrEquals(ef.DbContext));

    /// <summary>
    /// The entity a member belongs to when it is tracked: a local (or an expression) whose value is an EF Core lookup
    /// (Find, First/Single/Last(OrDefault)(Async) on an EF query), or a navigation reached from one.
    /// </summary>
    public static bool IsTrackedEntityMember(IMemberReferenceOperation member, KnownSymbols symbols)
    {
        if (member.Member.IsStatic || member.Member is not (IPropertySymbol or IFieldSymbol))
        {
            return false;
        }

        var instance = member.Instance;
        for (var depth = 0; instance is not null && depth < MaxDepth; depth++)
        {
            instance = instance.WithoutConversions();
            if (instance is IAwaitOperation awaited)
            {
                instance = awaited.Operation.WithoutConversions();
            }

            switch (instance)
            {
                case IPropertyReferenceOperation { Property.IsStatic: false } navigation:
                    instance = navigation.Instance;
                    break;
                case ILocalReferenceOperation local:
                    instance = local.InitializerOf();
                    if (instance is null)
                    {
                        return false;
                    }

                    break;
                case IInvocationOperation invocation:
                    return IsEntityLookup(invocation, symbols, out _);
                default:
                    return false;
            }
        }

        return false;
    }

    /// <summary>
    /// An EF Core query that loads one entity: Find(Async) on a DbSet/DbContext, or First/Single/Last(OrDefault)(Async) on an
    /// EF query. <paramref name="byPredicate"/> is true when the lookup compares an entity property with an outside value.
    /// </summary>
    public static bool IsEntityLookup(IInvocationOperation invocation, KnownSymbols symbols, out bool byPredicate)
    {
        byPredicate = false;
        var method = invocation.TargetMethod;
        var ef = symbols.EntityFramework;
        switch (method.Name)
        {
            case "Find" or "FindAsync":
                byPredicate = true;
                return method.ContainingType.InheritsFromOrEquals(ef.DbSet) || method.ContainingType.InheritsFromOrEquals(ef.DbContext);
            case "First" or "FirstOrDefault" or "Single" or "SingleOrDefault" or "Last" or "LastOrDefault"
                or "FirstAsync" or "FirstOrDefaultAsync" or "SingleAsync" or "SingleOrDefaultAsync" or "LastAsync" or "LastOrDefaultAsync":
                if (!method.IsExtensionMethod || invocation.Arguments.IsEmpty || !IsQueryOperator(method, symbols)
                    || !EntityFrameworkQueries.IsQuery(invocation.Arguments[0].Value, symbols, 0))
                {
                    return false;
                }

                byPredicate = ComparesWithOutsideValue(invocation, symbols);
                return true;
            default:
                return false;
        }
    }

    /// <summary>An operator of System.Linq.Queryable or of EF Core's async extensions: the only ones that run over an EF query (cheap; checked before tracing the source).</summary>
    private static bool IsQueryOperator(IMethodSymbol method, KnownSymbols symbols)
    {
        var type = (method.ReducedFrom ?? method).ContainingType;
        return SymbolEqualityComparer.Default.Equals(type, symbols.Blocking.Queryable)
            || SymbolEqualityComparer.Default.Equals(type, symbols.EntityFramework.QueryableExtensions);
    }

    /// <summary>Any/Count/Contains on an EF query whose predicate compares an entity property with an outside value: "does it exist already".</summary>
    public static bool IsExistenceCheck(IInvocationOperation invocation, KnownSymbols symbols)
    {
        var method = invocation.TargetMethod;
        return method.Name is "Any" or "AnyAsync" or "Count" or "CountAsync" or "LongCount" or "LongCountAsync" or "Contains" or "ContainsAsync"
               && method.IsExtensionMethod
               && !invocation.Arguments.IsEmpty
               && IsQueryOperator(method, symbols)
               && EntityFrameworkQueries.IsQuery(invocation.Arguments[0].Value, symbols, 0)
               && ComparesWithOutsideValue(invocation, symbols);
    }

    /// <summary>
    /// A Stripe call that creates or moves money (Create, Capture, Confirm, Pay) without a RequestOptions carrying an
    /// IdempotencyKey. A RequestOptions that is not created in place is assumed to carry one.
    /// </summary>
    public static bool IsStripeCallWithoutIdempotencyKey(IInvocationOperation invocation, MessagingSymbols messaging)
    {
        // Stripe.net first (resolved once per compilation; without it, no call is looked at), then the name, then the assembly.
        var method = invocation.TargetMethod;
        if (messaging.StripeRequestOptions is not { } requestOptions
            || !StartsWithAny(method.Name, s_moneyMovingPrefixes)
            || !SymbolEqualityComparer.Default.Equals(method.ContainingAssembly, requestOptions.ContainingAssembly))
        {
            return false;
        }

        var takesOptions = false;
        foreach (var argument in invocation.Arguments)
        {
            if (argument.Parameter is not { } parameter || !SymbolEqualityComparer.Default.Equals(parameter.Type, requestOptions))
            {
                continue;
            }

            takesOptions = true;
            var value = argument.Value.WithoutConversions();
            if (argument.ArgumentKind == ArgumentKind.DefaultValue || value is IDefaultValueOperation || value.ConstantValue is { HasValue: true, Value: null })
            {
                continue;
            }

            if (value is IObjectCreationOperation creation)
            {
                return !SetsIdempotencyKey(creation);
            }

            // A RequestOptions built elsewhere: assume it carries the key.
            return false;
        }

        return takesOptions;
    }

    private static bool SetsIdempotencyKey(IObjectCreationOperation creation)
    {
        if (creation.Initializer is null)
        {
            return false;
        }

        foreach (var initializer in creation.Initializer.Initializers)
        {
            if (initializer is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: "IdempotencyKey" } })
            {
                return true;
            }
        }

        return false;
    }

    private static readonly string[] s_moneyMovingPrefixes = ["Create", "Capture", "Confirm", "Pay"];

    private static bool StartsWithAny(string name, string[] prefixes)
    {
        foreach (var prefix in prefixes)
        {
            if (name.StartsWith(prefix, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// True when a lambda in the query (its own arguments, or a Where earlier in the chain) compares a property of the lambda's
    /// parameter with a value that does not come from that parameter and is not a constant (a field of the message, a key).
    /// </summary>
    private static bool ComparesWithOutsideValue(IInvocationOperation invocation, KnownSymbols symbols)
    {
        for (var depth = 0; invocation is not null && depth < MaxDepth; depth++)
        {
            for (var i = 1; i < invocation.Arguments.Length; i++)
            {
                if (LambdaOf(invocation.Arguments[i].Value) is { } lambda && HasOutsideComparison(lambda))
                {
                    return true;
                }
            }

            if (invocation.Arguments.IsEmpty || invocation.Arguments[0].Value.WithoutConversions() is not IInvocationOperation source
                || !SymbolEqualityComparer.Default.Equals(source.TargetMethod.ContainingType, symbols.Blocking.Queryable))
            {
                return false;
            }

            invocation = source;
        }

        return false;
    }

    private static IAnonymousFunctionOperation? LambdaOf(IOperation value)
    {
        value = value.WithoutConversions();
        if (value is IDelegateCreationOperation creation)
        {
            value = creation.Target.WithoutConversions();
        }

        return value as IAnonymousFunctionOperation;
    }

    private static bool HasOutsideComparison(IAnonymousFunctionOperation lambda)
    {
        if (lambda.Symbol.Parameters.Length != 1)
        {
            return false;
        }

        var parameter = lambda.Symbol.Parameters[0];
        foreach (var operation in lambda.Body.Descendants())
        {
            if (operation is IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals } comparison)
            {
                var left = UsesParameter(comparison.LeftOperand, parameter);
                var right = UsesParameter(comparison.RightOperand, parameter);
                if (left != right && !IsConstant(left ? comparison.RightOperand : comparison.LeftOperand))
                {
                    return true;
                }
            }
            else if (operation is IInvocationOperation { TargetMethod.Name: "Equals" or "Contains" } call && call.Instance is { } instance)
            {
                // o.ExternalId.Equals(message.Id), ids.Contains(o.Id)
                var onParameter = UsesParameter(instance, parameter);
                foreach (var argument in call.Arguments)
                {
                    if (UsesParameter(argument.Value, parameter) != onParameter && !IsConstant(onParameter ? argument.Value : instance))
                    {
                        return true;
                    }
                }
            }
        }

        return false;
    }

    private static bool IsConstant(IOperation operation) => operation.WithoutConversions().ConstantValue.HasValue;

    private static bool UsesParameter(IOperation operation, IParameterSymbol parameter)
    {
        if (operation.WithoutConversions() is IParameterReferenceOperation direct)
        {
            return SymbolEqualityComparer.Default.Equals(direct.Parameter, parameter);
        }

        foreach (var descendant in operation.Descendants())
        {
            if (descendant is IParameterReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Parameter, parameter))
            {
                return true;
            }
        }

        return false;
    }
}
