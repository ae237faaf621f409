using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Postmortem.Analyzers.Shared;
using Postmortem.Analyzers.Symbols;

namespace Postmortem.Analyzers.Rules.Data;

/// <summary>
/// PM0012: an int, short or uint primary key that the database generates (identity or sequence). Entity types come from
/// <c>DbSet&lt;T&gt;</c> properties, <c>modelBuilder.Entity&lt;T&gt;()</c> and <c>IEntityTypeConfiguration&lt;T&gt;</c>;
/// keys and value generation from conventions, attributes and fluent calls anywhere in the compilation. The facts are
/// collected during analysis and combined once at compilation end.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class PM0012ThirtyTwoBitIdentityKeyAnalyzer : PostmortemAnalyzer
{
    public PM0012ThirtyTwoBitIdentityKeyAnalyzer()
        : base(Descriptors.PM0012ThirtyTwoBitIdentityKey)
    {
    }

    private protected override bool AppliesTo(RuleContext context)
        => context.Symbols.EntityFramework is { DbContext: not null, DbSet: not null, ModelBuilder: not null };

    private protected override void Register(RuleContext context)
    {
        var model = new ModelFacts(context);
        context.RegisterSymbolAction(model.AnalyzeProperty, SymbolKind.Property);
        context.RegisterSymbolAction(model.AnalyzeType, SymbolKind.NamedType);
        context.RegisterOperationAction(model.AnalyzeInvocation, OperationKind.Invocation);
        context.RegisterCompilationEndAction(model.Report);
    }

    /// <summary>What the compilation says about its EF Core model, gathered from every file.</summary>
    private sealed class ModelFacts
    {
        private readonly RuleContext _rule;
        private readonly EntityFrameworkSymbols _ef;
        private readonly ConcurrentDictionary<ITypeSymbol, bool> _entities = new(SymbolEqualityComparer.Default);
        private readonly ConcurrentDictionary<ITypeSymbol, bool> _owned = new(SymbolEqualityComparer.Default);
        private readonly ConcurrentDictionary<ITypeSymbol, bool> _keyless = new(SymbolEqualityComparer.Default);

        /// <summary>HasKey: the key's properties, or null when a key names something the rule cannot resolve.</summary>
        private readonly ConcurrentDictionary<ITypeSymbol, IPropertySymbol[]?> _explicitKeys = new(SymbolEqualityComparer.Default);
        private readonly ConcurrentDictionary<(ITypeSymbol Entity, ISymbol Property), bool> _neverGenerated = new(EntityPropertyComparer.Instance);
        private readonly ConcurrentDictionary<(ITypeSymbol Entity, ISymbol Property), bool> _foreignKeys = new(EntityPropertyComparer.Instance);

        public ModelFacts(RuleContext rule)
        {
            _rule = rule;
            _ef = rule.Symbols.EntityFramework;
        }

        public void AnalyzeProperty(SymbolAnalysisContext context)
        {
            var property = (IPropertySymbol)context.Symbol;
            if (!property.IsStatic
                && property.Type is INamedTypeSymbol { TypeArguments.Length: 1 } set
                && SymbolEqualityComparer.Default.Equals(set.OriginalDefinition, _ef.DbSet)
                && property.ContainingType.InheritsFromOrEquals(_ef.DbContext))
            {
                _entities.TryAdd(set.TypeArguments[0], true);
            }
        }

        public void AnalyzeType(SymbolAnalysisContext context)
        {
            foreach (var implemented in ((INamedTypeSymbol)context.Symbol).Interfaces)
            {
                if (SymbolEqualityComparer.Default.Equals(implemented.OriginalDefinition, _ef.EntityTypeConfiguration))
                {
                    _entities.TryAdd(implemented.TypeArguments[0], true);
                }
            }
        }

        public void AnalyzeInvocation(OperationAnalysisContext context)
        {
            var invocation = (IInvocationOperation)context.Operation;
            var method = invocation.TargetMethod;
            var containing = method.ContainingType;
            if (containing is null || IsGeneratedModelCode(context.ContainingSymbol))
            {
                return;
            }

            if (SymbolEqualityComparer.Default.Equals(containing, _ef.ModelBuilder))
            {
                if (method.TypeArguments.Length == 1)
                {
                    switch (method.Name)
                    {
                        case "Entity":
                            _entities.TryAdd(method.TypeArguments[0], true);
                            break;
                        case "Owned":
                            _owned.TryAdd(method.TypeArguments[0], true);
                            break;
                    }
                }

                return;
            }

            if (EntityOfBuilder(invocation.Instance?.Type) is { } entity)
            {
                switch (method.Name)
                {
                    case "HasKey":
                        _explicitKeys[entity] = KeyProperties(invocation, entity);
                        break;
                    case "HasNoKey":
                        _keyless.TryAdd(entity, true);
                        break;
                    case "OwnsOne" or "OwnsMany" when method.TypeArguments.Length == 1:
                        _owned.TryAdd(method.TypeArguments[0], true);
                        break;
                }

                return;
            }

            if (method.Name == "ValueGeneratedNever" && containing.InheritsFromOrEquals(_ef.PropertyBuilder))
            {
                if (ConfiguredProperty(invocation) is { } configured)
                {
                    _neverGenerated.TryAdd(configured, true);
                }

                return;
            }

            if (method.Name == "HasForeignKey" && IsRelationshipBuilder(containing))
            {
                RecordForeignKey(invocation);
            }
        }

        public void Report(CompilationAnalysisContext context)
        {
            var reported = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
            foreach (var entity in _entities.Keys)
            {
                if (entity is not INamedTypeSymbol type
                    || type.TypeKind != TypeKind.Class
                    || _owned.ContainsKey(type) || _keyless.ContainsKey(type)
                    || type.HasAttributeIncludingBaseTypes(_ef.OwnedAttribute) || type.HasAttributeIncludingBaseTypes(_ef.KeylessAttribute))
                {
                    continue;
                }

                var key = KeyOf(type);
                if (key is null
                    || !IsThirtyTwoBitOrLess(key.Type)
                    || key.OriginalDefinition.Type is ITypeParameterSymbol
                    || _neverGenerated.ContainsKey((type, key.OriginalDefinition))
                    || _foreignKeys.ContainsKey((type, key.OriginalDefinition))
                    || IsNeverGeneratedByAttribute(key)
                    || IsForeignKeyByAttribute(type, key)
                    || !reported.Add(key.OriginalDefinition))
                {
                    continue;
                }

                // A key declared in another project of the solution is that project's to report; this compilation cannot.
                var location = key.Locations.IsEmpty ? null : key.Locations[0];
                if (location is null || !location.IsInSource || !context.Compilation.ContainsSyntaxTree(location.SourceTree!)
                    || _rule.IsSuppressedFor(key, location.SourceTree!)
                    || _rule.Options.IsExcluded(_rule.RuleId, type, location.SourceTree!))
                {
                    continue;
                }

                context.ReportDiagnostic(Diagnostic.Create(
                    Descriptors.PM0012ThirtyTwoBitIdentityKey,
                    location,
                    key.ContainingType.Name + "." + key.Name,
                    key.Type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat),
                    Ceiling(key.Type)));
            }
        }

        /// <summary>The single-property primary key: fluent HasKey, then [PrimaryKey], then [Key], then the Id / TypeNameId convention. Null for composite or unknown keys.</summary>
        private IPropertySymbol? KeyOf(INamedTypeSymbol entity)
        {
            if (_explicitKeys.TryGetValue(entity, out var fluent))
            {
                return fluent is { Length: 1 } ? fluent[0] : null;
            }

            for (var current = entity; current is not null; current = current.BaseType)
            {
                foreach (var attribute in current.GetAttributes())
                {
                    if (attribute.AttributeClass.InheritsFromOrEquals(_ef.PrimaryKeyAttribute))
                    {
                        var names = new List<string>();
                        foreach (var argument in attribute.ConstructorArguments)
                        {
                            if (argument.Kind == TypedConstantKind.Array)
                            {
                                foreach (var item in argument.Values)
                                {
                                    names.Add(item.Value as string ?? "");
                                }
                            }
                            else
                            {
                                names.Add(argument.Value as string ?? "");
                            }
                        }

                        return names.Count == 1 ? FindProperty(entity, names[0], StringComparison.Ordinal) : null;
                    }
                }
            }

            IPropertySymbol? annotated = null;
            foreach (var property in MappedProperties(entity))
            {
                if (property.HasAttribute(_ef.KeyAttribute))
                {
                    if (annotated is not null)
                    {
                        return null;
                    }

                    annotated = property;
                }
            }

            if (annotated is not null)
            {
                return annotated;
            }

            return FindProperty(entity, "Id", StringComparison.OrdinalIgnoreCase)
                ?? FindProperty(entity, entity.Name + "Id", StringComparison.OrdinalIgnoreCase);
        }

        private IPropertySymbol? FindProperty(INamedTypeSymbol entity, string name, StringComparison comparison)
        {
            IPropertySymbol? found = null;
            foreach (var property in MappedProperties(entity))
            {
                if (string.Equals(property.Name, name, comparison))
                {
                    if (found is not null)
                    {
                        // "Id" and "ID" both present: the convention finds no key.
                        return null;
                    }

                    found = property;
                }
            }

            return found;
        }

        /// <summary>The instance properties EF Core maps by convention, declared on the entity or a base class (overrides once).</summary>
        private IEnumerable<IPropertySymbol> MappedProperties(INamedTypeSymbol entity)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (var current = entity; current is not null && current.SpecialType != SpecialType.System_Object; current = current.BaseType)
            {
                foreach (var member in current.GetMembers())
                {
                    if (member is IPropertySymbol { IsStatic: false, IsIndexer: false, GetMethod: not null } property
                        && !property.HasAttribute(_ef.NotMappedAttribute)
                        && seen.Add(property.Name))
                    {
                        yield return property;
                    }
                }
            }
        }

        private bool IsNeverGeneratedByAttribute(IPropertySymbol key)
        {
            foreach (var attribute in key.GetAttributes())
            {
                if (attribute.AttributeClass.InheritsFromOrEquals(_ef.DatabaseGeneratedAttribute)
                    && attribute.ConstructorArguments.Length == 1
                    && attribute.ConstructorArguments[0].Value is int option
                    && option == 0)
                {
                    // DatabaseGeneratedOption.None.
                    return true;
                }
            }

            return false;
        }

        /// <summary>[ForeignKey] on the key itself, or [ForeignKey("Id")] on a navigation of the entity: a shared primary key, generated by the principal.</summary>
        private bool IsForeignKeyByAttribute(INamedTypeSymbol entity, IPropertySymbol key)
        {
            if (key.HasAttribute(_ef.ForeignKeyAttribute))
            {
                return true;
            }

            foreach (var property in MappedProperties(entity))
            {
                foreach (var attribute in property.GetAttributes())
                {
                    if (attribute.AttributeClass.InheritsFromOrEquals(_ef.ForeignKeyAttribute)
                        && attribute.ConstructorArguments.Length == 1
                        && attribute.ConstructorArguments[0].Value is string name
                        && string.Equals(name, key.Name, StringComparison.Ordinal))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        private ITypeSymbol? EntityOfBuilder(ITypeSymbol? builder)
        {
            for (var current = builder as INamedTypeSymbol; current is not null; current = current.BaseType)
            {
                if (SymbolEqualityComparer.Default.Equals(current.OriginalDefinition, _ef.EntityTypeBuilderOfT))
                {
                    return current.TypeArguments[0];
                }
            }

            return null;
        }

        private bool IsRelationshipBuilder(INamedTypeSymbol type)
        {
            foreach (var builder in _ef.RelationshipBuilders)
            {
                if (type.InheritsFromOrEquals(builder))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The properties a HasKey call names: a lambda's member or anonymous object, or property names. Null when unresolved.</summary>
        private static IPropertySymbol[]? KeyProperties(IInvocationOperation invocation, ITypeSymbol entity)
        {
            var properties = new List<IPropertySymbol>();
            foreach (var argument in invocation.Arguments)
            {
                if (argument.Parameter is null)
                {
                    continue;
                }

                var value = argument.Value.WithoutConversions();
                if (value is IDelegateCreationOperation delegateCreation)
                {
                    value = delegateCreation.Target;
                }

                switch (value)
                {
                    case IAnonymousFunctionOperation lambda:
                        CollectProperties(lambda, properties);
                        break;
                    case IArrayCreationOperation { Initializer: { } initializer }:
                        foreach (var element in initializer.ElementValues)
                        {
                            if (element.ConstantValue is not { HasValue: true, Value: string name } || !AddByName(entity, name, properties))
                            {
                                return null;
                            }
                        }

                        break;
                    case { ConstantValue: { HasValue: true, Value: string single } }:
                        if (!AddByName(entity, single, properties))
                        {
                            return null;
                        }

                        break;
                }
            }

            return properties.Count == 0 ? null : properties.ToArray();
        }

        /// <summary>Adds the CLR property named <paramref name="name"/>; false for a shadow property the rule cannot see.</summary>
        private static bool AddByName(ITypeSymbol entity, string name, List<IPropertySymbol> properties)
        {
            for (var current = entity; current is not null; current = current.BaseType)
            {
                foreach (var member in current.GetMembers(name))
                {
                    if (member is IPropertySymbol property)
                    {
                        properties.Add(property);
                        return true;
                    }
                }
            }

            return false;
        }

        /// <summary>The properties a key or foreign-key lambda selects: <c>e =&gt; e.Id</c> or <c>e =&gt; new { e.A, e.B }</c>.</summary>
        private static void CollectProperties(IAnonymousFunctionOperation lambda, List<IPropertySymbol> properties)
        {
            foreach (var operation in lambda.Body.Descendants())
            {
                if (operation is IPropertyReferenceOperation { Instance: IParameterReferenceOperation } reference)
                {
                    properties.Add(reference.Property);
                }
            }
        }

        /// <summary>The (entity, property) a <c>Property(e =&gt; e.Id)...ValueGeneratedNever()</c> chain configures.</summary>
        private (ITypeSymbol Entity, ISymbol Property)? ConfiguredProperty(IInvocationOperation invocation)
        {
            for (var current = Receiver(invocation); current is IInvocationOperation call; current = Receiver(call))
            {
                if (call.TargetMethod.Name != "Property" || EntityOfBuilder(Receiver(call)?.Type) is not { } entity)
                {
                    continue;
                }

                var properties = KeyProperties(call, entity);
                return properties is { Length: 1 } ? (entity, properties[0].OriginalDefinition) : null;
            }

            return null;
        }

        /// <summary>The instance, or the first argument of an extension method such as <c>HasColumnName</c>.</summary>
        private static IOperation? Receiver(IInvocationOperation invocation)
            => invocation.Instance
            ?? (invocation.TargetMethod.IsExtensionMethod && !invocation.Arguments.IsEmpty ? invocation.Arguments[0].Value.WithoutConversions() : null);

        private void RecordForeignKey(IInvocationOperation invocation)
        {
            var method = invocation.TargetMethod;
            foreach (var argument in invocation.Arguments)
            {
                var value = argument.Value.WithoutConversions();
                if (value is IDelegateCreationOperation delegateCreation)
                {
                    value = delegateCreation.Target;
                }

                if (value is IAnonymousFunctionOperation lambda && lambda.Symbol.Parameters.Length == 1)
                {
                    var entity = lambda.Symbol.Parameters[0].Type;
                    var properties = new List<IPropertySymbol>();
                    CollectProperties(lambda, properties);
                    foreach (var property in properties)
                    {
                        _foreignKeys.TryAdd((entity, property.OriginalDefinition), true);
                    }
                }
                else if (method.TypeArguments.Length == 1 && argument.Parameter is { IsParams: true })
                {
                    var entity = method.TypeArguments[0];
                    var names = new List<IPropertySymbol>();
                    if (value is IArrayCreationOperation { Initializer: { } initializer })
                    {
                        foreach (var element in initializer.ElementValues)
                        {
                            if (element.ConstantValue is { HasValue: true, Value: string name })
                            {
                                _ = AddByName(entity, name, names);
                            }
                        }
                    }

                    foreach (var property in names)
                    {
                        _foreignKeys.TryAdd((entity, property.OriginalDefinition), true);
                    }
                }
            }
        }

        /// <summary>Model snapshots and migration designer files describe the model with strings; they are a copy, not configuration.</summary>
        private bool IsGeneratedModelCode(ISymbol? symbol)
        {
            var type = symbol?.ContainingType;
            return type.InheritsFromOrEquals(_ef.ModelSnapshot) || type.InheritsFromOrEquals(_ef.Migration);
        }

        private static bool IsThirtyTwoBitOrLess(ITypeSymbol type)
            => type.SpecialType is SpecialType.System_Int32 or SpecialType.System_Int16 or SpecialType.System_UInt32;

        private static string Ceiling(ITypeSymbol type) => type.SpecialType switch
        {
            SpecialType.System_Int16 => "32,767",
            SpecialType.System_UInt32 => "4,294,967,295",
            _ => "2,147,483,647",
        };
    }

    private sealed class EntityPropertyComparer : IEqualityComparer<(ITypeSymbol Entity, ISymbol Property)>
    {
        public static readonly EntityPropertyComparer Instance = new();

        public bool Equals((ITypeSymbol Entity, ISymbol Property) x, (ITypeSymbol Entity, ISymbol Property) y)
            => SymbolEqualityComparer.Default.Equals(x.Entity, y.Entity) && SymbolEqualityComparer.Default.Equals(x.Property, y.Property);

        public int GetHashCode((ITypeSymbol Entity, ISymbol Property) obj)
            => (SymbolEqualityComparer.Default.GetHashCode(obj.Entity) * 31) + SymbolEqualityComparer.Default.GetHashCode(obj.Property);
    }
}
