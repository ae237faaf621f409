using Microsoft.CodeAnalysis;
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
