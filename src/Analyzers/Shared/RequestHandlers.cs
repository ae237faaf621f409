using Microsoft.CodeAnalysis;
using Postmortem.Analyzers.Symbols;

namespace Postmortem.Analyzers.Shared;

/// <summary>The kinds of types that ASP.NET Core creates anew for every request (or every call, for gRPC and SignalR).</summary>
internal enum RequestHandlerKind
{
    None,
    Controller,
    RazorPageModel,
    SignalRHub,
    GrpcService,
    Filter,
    FactoryMiddleware,
}

/// <summary>"What kind of type am I in": classifies a type by how the web framework instantiates it.</summary>
internal static class RequestHandlers
{
    public static RequestHandlerKind Classify(INamedTypeSymbol? type, KnownSymbols knownSymbols)
    {
        var symbols = knownSymbols.AspNetCore;
        if (type is null || type.TypeKind != TypeKind.Class || type.IsStatic)
        {
            return RequestHandlerKind.None;
        }

        if (IsController(type, symbols))
        {
            return RequestHandlerKind.Controller;
        }

        if (type.InheritsFromOrEquals(symbols.PageModel))
        {
            return RequestHandlerKind.RazorPageModel;
        }

        // Hub<T> derives from Hub.
        if (type.InheritsFromOrEquals(symbols.Hub))
        {
            return RequestHandlerKind.SignalRHub;
        }

        if (IsGrpcService(type, symbols))
        {
            return RequestHandlerKind.GrpcService;
        }

        // A filter that is an attribute ([Audit] on an action) is instantiated once, with the action model, and reused;
        // filters added by type (TypeFilter, ServiceFilter, Filters.Add<T>, AddEndpointFilter<T>) are created per request.
        if ((type.Implements(symbols.FilterMetadata) && !type.InheritsFromOrEquals(knownSymbols.Core.Attribute))
            || type.Implements(symbols.EndpointFilter))
        {
            return RequestHandlerKind.Filter;
        }

        // Convention-based middleware is built once with the pipeline; only IMiddleware is resolved per request.
        if (type.Implements(symbols.Middleware))
        {
            return RequestHandlerKind.FactoryMiddleware;
        }

        return RequestHandlerKind.None;
    }

    public static bool IsPerRequest(INamedTypeSymbol? type, KnownSymbols symbols) => Classify(type, symbols) != RequestHandlerKind.None;

    private static bool IsController(INamedTypeSymbol type, AspNetCoreSymbols symbols)
    {
        if (type.IsAbstract || type.HasAttributeIncludingBaseTypes(symbols.NonControllerAttribute))
        {
            return false;
        }

        return type.InheritsFromOrEquals(symbols.ControllerBase) || type.HasAttributeIncludingBaseTypes(symbols.ControllerAttribute);
    }

    private static bool IsGrpcService(INamedTypeSymbol type, AspNetCoreSymbols symbols)
    {
        if (symbols.BindServiceMethodAttribute is null)
        {
            return false;
        }

        for (var current = type.BaseType; current is not null; current = current.BaseType)
        {
            if (current.HasAttribute(symbols.BindServiceMethodAttribute))
            {
                return true;
            }
        }

        return false;
    }
}
