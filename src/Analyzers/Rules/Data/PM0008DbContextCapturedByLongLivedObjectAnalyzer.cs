using System.Collections.Concurrent;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Postmortem.Analyzers.Knowledge;
using Postmortem.Analyzers.Shared;
using Postmortem.Analyzers.Symbols;

namespace Postmortem.Analyzers.Rules.Data;

/// <summary>
/// PM0008: a DbContext held for the life of the application — a constructor parameter of a hosted service or of a class
/// registered as a singleton, a static field or property, or the context itself registered as a singleton. Hosted
/// services, statics and registrations are reported as they are met; singleton-registered classes once every
/// registration of the compilation has been seen (the registration is usually in another file than the class).
/// </summary>
[DiagnosticAnalyzer(Microsoft.CodeAnalysis.LanguageNames.CSharp)]
public sealed class PM0008DbContextCapturedByLongLivedObjectAnalyzer : PostmortemAnalyzer
{
    public PM0008DbContextCapturedByLongLivedObjectAnalyzer()
        : base(Descriptors.PM0008DbContextCapturedByLongLivedObject, Descriptors.PM0008DbContextCapturedBySingleton)
    {
    }

    private protected override bool AppliesTo(RuleContext context)
        => context.Symbols.EntityFramework.DbContext is not null;

    private protected override void Register(RuleContext context)
    {
        var state = new CompilationState(context);
        context.RegisterSymbolAction(state.AnalyzeType, SymbolKind.NamedType);
        context.RegisterSymbolAction(state.AnalyzeStaticMember, SymbolKind.Field, SymbolKind.Property);
        if (context.Symbols.DependencyInjection.ServiceCollection is not null)
        {
            context.RegisterOperationAction(state.AnalyzeInvocation, OperationKind.Invocation);
        }

        context.RegisterCompilationEndAction(state.ReportSingletons);
    }

    /// <summary>What one compilation collects: the classes registered for the application's lifetime, and the constructor parameters waiting for that answer.</summary>
    private sealed class CompilationState
    {
        private readonly RuleContext _rule;
        private readonly INamedTypeSymbol _dbContext;
        private readonly EntityFrameworkSymbols _ef;
        private readonly DependencyInjectionSymbols _di;
        private readonly INamedTypeSymbol? _lazy;
        private readonly INamedTypeSymbol? _threadLocal;
        private readonly ConcurrentDictionary<ITypeSymbol, bool> _singletons = new(SymbolEqualityComparer.Default);
        private readonly ConcurrentQueue<IParameterSymbol> _pending = new();

        public CompilationState(RuleContext rule)
        {
            _rule = rule;
            _ef = rule.Symbols.EntityFramework;
            _dbContext = _ef.DbContext!;
            _di = rule.Symbols.DependencyInjection;
            _lazy = rule.Symbols.Core.Lazy;
            _threadLocal = rule.Symbols.Core.ThreadLocal;
        }

        public void AnalyzeType(SymbolAnalysisContext context)
        {
            var type = (INamedTypeSymbol)context.Symbol;
            if (type.TypeKind != TypeKind.Class || type.IsStatic || !TakesContext(type) || type.InheritsFromOrEquals(_dbContext) || IsController(type))
            {
                return;
            }

            var hosted = type.Implements(_di.HostedService);
            foreach (var constructor in type.InstanceConstructors)
            {
                if (constructor.IsImplicitlyDeclared && constructor.Parameters.IsEmpty)
                {
                    continue;
                }

                foreach (var parameter in constructor.Parameters)
                {
                    if (!IsContext(parameter.Type))
                    {
                        continue;
                    }

                    if (hosted)
                    {
                        Report(context.ReportDiagnostic, Descriptors.PM0008DbContextCapturedByLongLivedObject, parameter, $"Hosted service '{type.Name}'");
                    }
                    else if (!type.IsAbstract)
                    {
                        _pending.Enqueue(parameter);
                    }
                }
            }
        }

        /// <summary>The cheap test first: most classes take no context, and then nothing else is resolved for them.</summary>
        private bool TakesContext(INamedTypeSymbol type)
        {
            foreach (var constructor in type.InstanceConstructors)
            {
                foreach (var parameter in constructor.Parameters)
                {
                    if (IsContext(parameter.Type))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        public void AnalyzeStaticMember(SymbolAnalysisContext context)
        {
            var member = context.Symbol;
            if (!member.IsStatic || member.IsImplicitlyDeclared)
            {
                return;
            }

            ITypeSymbol type;
            string kind;
            switch (member)
            {
                case IFieldSymbol { IsConst: false } field:
                    type = field.Type;
                    kind = "Static field";
                    break;
                case IPropertySymbol property when IsAutoProperty(property, context.CancellationToken):
                    type = property.Type;
                    kind = "Static property";
                    break;
                default:
                    return;
            }

            var held = ContextHeldBy(type);
            if (held is null)
            {
                return;
            }

            var location = member.Locations.IsEmpty ? null : member.Locations[0];
            if (location is null || !location.IsInSource || IsSuppressed(member, held, location.SourceTree!))
            {
                return;
            }

            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.PM0008DbContextCapturedByLongLivedObject,
                location,
                $"{kind} '{member.ContainingType.Name}.{member.Name}'",
                held.Name));
        }

        public void AnalyzeInvocation(OperationAnalysisContext context)
        {
            var invocation = (IInvocationOperation)context.Operation;
            var method = invocation.TargetMethod;
            if (DependencyInjectionKnowledge.TryGetRegistration(invocation, _di, out var registration))
            {
                if (!registration.LivesForTheApplication)
                {
                    return;
                }

                if (registration.ImplementationType is { } implementation)
                {
                    _singletons.TryAdd(implementation.OriginalDefinition, true);
                }

                var registered = IsContext(registration.ImplementationType) ? registration.ImplementationType
                    : IsContext(registration.ServiceType) ? registration.ServiceType
                    : null;
                if (registered is not null && registration.Lifetime == RegisteredLifetime.Singleton)
                {
                    ReportRegistration(context, invocation, registered, $"Singleton registration '{method.Name}'");
                }

                return;
            }

            if (SymbolEqualityComparer.Default.Equals(method.ContainingType, _ef.ServiceCollectionExtensions)
                && method.Name is "AddDbContext"
                && !method.TypeArguments.IsEmpty
                && IsSingletonContextLifetime(invocation))
            {
                ReportRegistration(context, invocation, method.TypeArguments[method.TypeArguments.Length - 1], "Registration 'AddDbContext' with a singleton context lifetime");
            }
        }

        public void ReportSingletons(CompilationAnalysisContext context)
        {
            if (_singletons.IsEmpty)
            {
                return;
            }

            foreach (var parameter in _pending)
            {
                var type = parameter.ContainingType;
                if (_singletons.ContainsKey(type.OriginalDefinition))
                {
                    Report(context.ReportDiagnostic, Descriptors.PM0008DbContextCapturedBySingleton, parameter, $"Singleton '{type.Name}'");
                }
            }
        }

        private void Report(System.Action<Diagnostic> report, DiagnosticDescriptor descriptor, IParameterSymbol parameter, string holder)
        {
            // The whole parameter (type and name), so that the type users read is inside the squiggle.
            var location = parameter.DeclaringSyntaxReferences.Length == 1
                ? parameter.DeclaringSyntaxReferences[0].GetSyntax().GetLocation()
                : parameter.Locations.IsEmpty ? null : parameter.Locations[0];
            if (location is null || !location.IsInSource || IsSuppressed(parameter, parameter.Type, location.SourceTree!))
            {
                return;
            }

            report(Diagnostic.Create(descriptor, location, holder, parameter.Type.Name));
        }

        private void ReportRegistration(OperationAnalysisContext context, IInvocationOperation invocation, ITypeSymbol contextType, string holder)
        {
            var tree = invocation.Syntax.SyntaxTree;
            if (IsSuppressed(context.ContainingSymbol, contextType, tree))
            {
                return;
            }

            context.ReportDiagnostic(Diagnostic.Create(Descriptors.PM0008DbContextCapturedByLongLivedObject, invocation.Syntax.GetLocation(), holder, contextType.Name));
        }

        private bool IsSuppressed(ISymbol holder, ITypeSymbol contextType, SyntaxTree tree)
            => _rule.IsSuppressedFor(holder, tree) || _rule.Options.IsExcluded(_rule.RuleId, contextType, tree);

        private bool IsContext(ITypeSymbol? type) => type is { TypeKind: TypeKind.Class } && type.InheritsFromOrEquals(_dbContext);

        /// <summary>The context type a static member holds: the context itself, or the value of a <c>Lazy&lt;T&gt;</c> or <c>ThreadLocal&lt;T&gt;</c>.</summary>
        private ITypeSymbol? ContextHeldBy(ITypeSymbol type)
        {
            if (IsContext(type))
            {
                return type;
            }

            if (type is INamedTypeSymbol { TypeArguments.Length: 1 } wrapper
                && (SymbolEqualityComparer.Default.Equals(wrapper.OriginalDefinition, _lazy) || SymbolEqualityComparer.Default.Equals(wrapper.OriginalDefinition, _threadLocal))
                && IsContext(wrapper.TypeArguments[0]))
            {
                return wrapper.TypeArguments[0];
            }

            return null;
        }

        /// <summary>
        /// The first <c>ServiceLifetime</c> argument of AddDbContext (<c>contextLifetime</c>) is the constant Singleton.
        /// The second (<c>optionsLifetime</c>) is about the options, and Singleton there is what AddDbContextFactory needs.
        /// </summary>
        private bool IsSingletonContextLifetime(IInvocationOperation invocation)
        {
            var serviceLifetime = _di.ServiceLifetime;
            if (serviceLifetime is null)
            {
                return false;
            }

            IParameterSymbol? contextLifetime = null;
            foreach (var parameter in invocation.TargetMethod.Parameters)
            {
                if (SymbolEqualityComparer.Default.Equals(parameter.Type, serviceLifetime))
                {
                    contextLifetime = parameter;
                    break;
                }
            }

            if (contextLifetime is null)
            {
                return false;
            }

            foreach (var argument in invocation.Arguments)
            {
                if (SymbolEqualityComparer.Default.Equals(argument.Parameter, contextLifetime))
                {
                    // ServiceLifetime.Singleton is 0.
                    return argument.ArgumentKind == ArgumentKind.Explicit
                        && argument.Value.ConstantValue is { HasValue: true, Value: int value }
                        && value == 0;
                }
            }

            return false;
        }

        private bool IsController(INamedTypeSymbol type)
        {
            var web = _rule.Symbols.AspNetCore;
            return type.InheritsFromOrEquals(web.ControllerBase) || type.InheritsFromOrEquals(web.PageModel) || type.InheritsFromOrEquals(web.Hub);
        }

        /// <summary>An auto-property holds what it was given; a property with a body may build a new context on every read.</summary>
        private static bool IsAutoProperty(IPropertySymbol property, System.Threading.CancellationToken cancellationToken)
        {
            if (property.IsAbstract || property.IsExtern || property.DeclaringSyntaxReferences.Length != 1)
            {
                return false;
            }

            if (property.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) is not PropertyDeclarationSyntax { AccessorList: { } accessors, ExpressionBody: null })
            {
                return false;
            }

            foreach (var accessor in accessors.Accessors)
            {
                if (accessor.Body is not null || accessor.ExpressionBody is not null)
                {
                    return false;
                }
            }

            return true;
        }
    }
}
