using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Postmortem.Analyzers.Shared;
using Postmortem.Analyzers.Symbols;

namespace Postmortem.Analyzers.Knowledge;

/// <summary>Facts about Microsoft.Extensions.DependencyInjection and host start-up code.</summary>
internal static class DependencyInjectionKnowledge
{
    /// <summary>
    /// Registration methods whose instance argument or factory runs once for the application's lifetime:
    /// AddSingleton, AddKeyedSingleton, TryAddSingleton, TryAddKeyedSingleton, ServiceDescriptor.Singleton and
    /// AddHostedService (hosted services are singletons). Factories given to the scoped and transient forms run per
    /// scope or per resolution and are not listed.
    /// </summary>
    public static bool IsSingletonRegistration(IMethodSymbol method, DependencyInjectionSymbols symbols)
    {
        var type = method.ContainingType;
        if (type is null)
        {
            return false;
        }

        if (SymbolEqualityComparer.Default.Equals(type, symbols.ServiceCollectionServiceExtensions))
        {
            return method.Name is "AddSingleton" or "AddKeyedSingleton";
        }

        if (SymbolEqualityComparer.Default.Equals(type, symbols.ServiceCollectionDescriptorExtensions))
        {
            return method.Name is "TryAddSingleton" or "TryAddKeyedSingleton";
        }

        if (SymbolEqualityComparer.Default.Equals(type, symbols.ServiceDescriptor))
        {
            return method.Name is "Singleton" or "KeyedSingleton";
        }

        if (SymbolEqualityComparer.Default.Equals(type, symbols.ServiceCollectionHostedServiceExtensions))
        {
            return method.Name is "AddHostedService";
        }

        return false;
    }

    /// <summary>
    /// Reads a service registration: <c>AddSingleton/AddScoped/AddTransient</c> and their keyed and <c>TryAdd</c> forms,
    /// <c>ServiceDescriptor.Singleton/Scoped/Transient</c> and <c>AddHostedService</c>, with the service and implementation
    /// types taken from the type arguments, from <c>typeof(...)</c> arguments, or from the static type of an instance.
    /// Types the call does not state (an interface registered with a factory, a <c>Type</c> held in a variable) are null.
    /// </summary>
    public static bool TryGetRegistration(IInvocationOperation invocation, DependencyInjectionSymbols symbols, out ServiceRegistration registration)
    {
        registration = default;
        var method = invocation.TargetMethod;
        if (!TryGetLifetime(method, symbols, out var lifetime))
        {
            return false;
        }

        ITypeSymbol? service = null;
        ITypeSymbol? implementation = null;
        var shape = ServiceRegistrationShape.Type;
        var typeArguments = method.TypeArguments;
        if (!typeArguments.IsEmpty)
        {
            service = typeArguments[0];
            implementation = typeArguments[typeArguments.Length - 1];
        }

        var typeArgumentsCount = 0;
        foreach (var argument in invocation.Arguments)
        {
            var parameter = argument.Parameter;
            if (parameter is null || (parameter.Ordinal == 0 && method.IsExtensionMethod))
            {
                continue;
            }

            var parameterType = parameter.Type;
            if (parameterType.TypeKind == TypeKind.Delegate)
            {
                shape = ServiceRegistrationShape.Factory;
            }
            else if (SymbolEqualityComparer.Default.Equals(parameterType, symbols.SystemType))
            {
                // AddSingleton(typeof(IService), typeof(Implementation)): the first is the service, the last the implementation.
                var operand = argument.Value.WithoutConversions() is ITypeOfOperation typeOf ? typeOf.TypeOperand : null;
                if (typeArgumentsCount++ == 0)
                {
                    service = operand;
                }

                implementation = operand;
            }
            else if (IsInstanceParameter(parameter))
            {
                shape = ServiceRegistrationShape.Instance;
                var instanceType = argument.Value.WithoutConversions().Type;
                implementation = instanceType is { TypeKind: TypeKind.Class } ? instanceType : null;
            }
        }

        if (shape == ServiceRegistrationShape.Factory && implementation is not null && (implementation.TypeKind != TypeKind.Class || implementation.IsAbstract))
        {
            // A factory registered for an interface or an abstract class returns some implementation the call does not name.
            implementation = null;
        }

        registration = new ServiceRegistration(lifetime, service, implementation, shape);
        return true;
    }

    /// <summary>
    /// The instance of <c>AddSingleton&lt;TService&gt;(TService instance)</c> or <c>AddSingleton(Type, object instance)</c>:
    /// the declared parameter type is the type parameter or object (a keyed registration's <c>serviceKey</c> is an object too).
    /// </summary>
    public static bool IsInstanceParameter(IParameterSymbol parameter)
    {
        var declared = parameter.OriginalDefinition.Type;
        return (declared.SpecialType == SpecialType.System_Object || declared is ITypeParameterSymbol) && parameter.Name != "serviceKey";
    }

    private static bool TryGetLifetime(IMethodSymbol method, DependencyInjectionSymbols symbols, out RegisteredLifetime lifetime)
    {
        lifetime = default;
        var type = method.ContainingType;
        if (type is null)
        {
            return false;
        }

        string? name = null;
        if (SymbolEqualityComparer.Default.Equals(type, symbols.ServiceCollectionServiceExtensions))
        {
            name = method.Name.StartsWith("AddKeyed", System.StringComparison.Ordinal) ? method.Name.Substring(8) : method.Name.StartsWith("Add", System.StringComparison.Ordinal) ? method.Name.Substring(3) : null;
        }
        else if (SymbolEqualityComparer.Default.Equals(type, symbols.ServiceCollectionDescriptorExtensions))
        {
            name = method.Name.StartsWith("TryAddKeyed", System.StringComparison.Ordinal) ? method.Name.Substring(11) : method.Name.StartsWith("TryAdd", System.StringComparison.Ordinal) ? method.Name.Substring(6) : null;
        }
        else if (SymbolEqualityComparer.Default.Equals(type, symbols.ServiceDescriptor) && method.IsStatic)
        {
            name = method.Name.StartsWith("Keyed", System.StringComparison.Ordinal) ? method.Name.Substring(5) : method.Name;
        }
        else if (SymbolEqualityComparer.Default.Equals(type, symbols.ServiceCollectionHostedServiceExtensions) && method.Name == "AddHostedService")
        {
            lifetime = RegisteredLifetime.Hosted;
            return true;
        }

        switch (name)
        {
            case "Singleton":
                lifetime = RegisteredLifetime.Singleton;
                return true;
            case "Scoped":
                lifetime = RegisteredLifetime.Scoped;
                return true;
            case "Transient":
                lifetime = RegisteredLifetime.Transient;
                return true;
            default:
                return false;
        }
    }

    /// <summary>
    /// Start-up code runs once: a method that receives the service collection, a host/application builder or the
    /// endpoint route builder (Startup.ConfigureServices, Configure, AddXyz(this IServiceCollection) and
    /// MapXyz(this IEndpointRouteBuilder) extension methods). The endpoints' handlers are lambdas or methods of their own.
    /// </summary>
    public static bool IsStartupMethod(IMethodSymbol method, KnownSymbols symbols)
    {
        if (method.Parameters.IsEmpty)
        {
            return false;
        }

        var di = symbols.DependencyInjection;
        var web = symbols.AspNetCore;
        foreach (var parameter in method.Parameters)
        {
            var type = parameter.Type;
            if (type.Implements(di.ServiceCollection) || type.Implements(di.HostBuilder) || type.Implements(di.HostApplicationBuilder)
                || type.Implements(web.ApplicationBuilder) || type.Implements(web.WebHostBuilder) || type.Implements(web.EndpointRouteBuilder))
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>How long the container keeps what a registration provides. Hosted services are singletons the host starts.</summary>
internal enum RegisteredLifetime
{
    Singleton,
    Scoped,
    Transient,
    Hosted,
}

/// <summary>How a registration provides its service: the container constructs a type, calls a factory, or hands out an instance.</summary>
internal enum ServiceRegistrationShape
{
    Type,
    Factory,
    Instance,
}

/// <summary>One registration call: its lifetime, the service type and the type whose instances the container hands out.</summary>
internal readonly struct ServiceRegistration
{
    public ServiceRegistration(RegisteredLifetime lifetime, ITypeSymbol? serviceType, ITypeSymbol? implementationType, ServiceRegistrationShape shape)
    {
        Lifetime = lifetime;
        ServiceType = serviceType;
        ImplementationType = implementationType;
        Shape = shape;
    }

    public RegisteredLifetime Lifetime { get; }

    public ITypeSymbol? ServiceType { get; }

    /// <summary>
    /// The class constructed (type registrations), the static type of the instance (instance registrations), or the
    /// service type when a factory returns a concrete class; null when the call does not say.
    /// </summary>
    public ITypeSymbol? ImplementationType { get; }

    public ServiceRegistrationShape Shape { get; }

    /// <summary>Singletons and hosted services live as long as the application.</summary>
    public bool LivesForTheApplication => Lifetime is RegisteredLifetime.Singleton or RegisteredLifetime.Hosted;
}
