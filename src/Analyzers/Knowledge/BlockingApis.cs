using System;
using System.Collections.Concurrent;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Postmortem.Analyzers.Shared;
using Postmortem.Analyzers.Symbols;

namespace Postmortem.Analyzers.Knowledge;

/// <summary>How the awaitable counterpart of a blocking call is written.</summary>
internal enum CounterpartShape
{
    /// <summary>The same call with another name (and possibly a CancellationToken): <c>File.ReadAllText(p)</c> → <c>File.ReadAllTextAsync(p, ct)</c>.</summary>
    Renamed,

    /// <summary><c>Thread.Sleep(x)</c> → <c>Task.Delay(x, ct)</c>.</summary>
    TaskDelay,
}

/// <summary>A library method that blocks the calling thread, and what to await instead.</summary>
internal sealed class BlockingApi
{
    public BlockingApi(IMethodSymbol method, string counterpartName, IMethodSymbol? counterpart, CounterpartShape shape, bool needsEntityFrameworkQuery)
    {
        Method = method;
        CounterpartName = counterpartName;
        Counterpart = counterpart;
        Shape = shape;
        NeedsEntityFrameworkQuery = needsEntityFrameworkQuery;
    }

    /// <summary>The blocking method (its containing type constructed as called, its own type parameters not).</summary>
    public IMethodSymbol Method { get; }

    /// <summary>"Type.MethodAsync" as the message names it.</summary>
    public string CounterpartName { get; }

    /// <summary>
    /// The counterpart the code fix can call in place of <see cref="Method"/> with the same arguments (plus a
    /// CancellationToken), returning a Task/ValueTask of the same result; null when only a differently shaped one exists.
    /// </summary>
    public IMethodSymbol? Counterpart { get; }

    public CounterpartShape Shape { get; }

    /// <summary>A LINQ operator that executes a query: blocking only when its source is an Entity Framework query.</summary>
    public bool NeedsEntityFrameworkQuery { get; }

    /// <summary>"File.ReadAllText" as the message names it.</summary>
    public string Name => Method.ContainingType.Name + "." + Method.Name;
}

/// <summary>
/// The one place that knows which calls block a thread on I/O or a wait, and what their awaitable counterparts are.
/// A call blocks when it is in a known family (System.IO, streams, ADO.NET, EF Core query execution and
/// SaveChanges, Dapper, HttpClient.Send, WebClient, WebRequest, Dns, sockets, SmtpClient, StackExchange.Redis,
/// IDistributedCache, Thread.Sleep, SemaphoreSlim.Wait, Process.WaitForExit) or, beyond them, when the method
/// has a parameter-compatible <c>XAsync</c> sibling that returns a Task or ValueTask of the same result: on its
/// type or a base type or interface, or — for an extension method — in its own static class. Built-in
/// exclusions: methods of the compilation itself (their bodies decide, see PM0001's interprocedural form),
/// Dispose and Close, EF Add/AddRange and CreateDbContext, CancellationTokenSource.Cancel, test frameworks and
/// assertion libraries, mocking libraries, Microsoft.Data.Sqlite (whose async API runs synchronously),
/// System.Xml (async readers and writers require Async = true settings), FluentValidation, hosting's
/// Run/Start, System.IO.Pipelines, Utf8JsonWriter, buffered-row reads of DbDataReader, Task's own waits (PM0002),
/// and per call: readers, writers and streams over memory, Console.Out/Error, <c>SemaphoreSlim.Wait(0)</c> and
/// <c>Thread.Sleep(0)</c>. Answers are cached per method for the compilation.
/// </summary>
internal sealed class BlockingApis
{
    private static readonly BlockingApi s_notBlocking = new(null!, "", null, CounterpartShape.Renamed, false);

    private static readonly string[] s_excludedNamespaces =
    [
        "Xunit", "NUnit", "Microsoft.VisualStudio.TestTools", "FluentAssertions", "Shouldly", "TUnit", "Moq", "NSubstitute",
        "FakeItEasy", "Microsoft.Data.Sqlite", "System.Xml", "FluentValidation", "System.IO.Pipelines", "System.Threading.Tasks",
        "System.Runtime.CompilerServices", "Microsoft.Extensions.Hosting", "Microsoft.AspNetCore.Builder",
    ];

    private static readonly string[] s_socketsNamespace = ["Sockets", "Net", "System"];

    private readonly KnownSymbols _symbols;
    private readonly BlockingSymbols _blocking;
    private readonly IAssemblySymbol _assembly;
    private readonly string? _product;
    private readonly ConcurrentDictionary<IMethodSymbol, BlockingApi> _cache = new(concurrencyLevel: 32, capacity: 4096, SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<IAssemblySymbol, bool> _sameProduct = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<INamespaceSymbol, bool> _excludedNamespaces = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<INamedTypeSymbol, bool> _typesWithCandidates = new(concurrencyLevel: 32, capacity: 1024, SymbolEqualityComparer.Default);
    private readonly Func<IMethodSymbol, BlockingApi> _classify;
    private readonly Func<INamedTypeSymbol, bool> _hasCandidates;
    private readonly Func<IAssemblySymbol, bool> _isSameProduct;
    private readonly Func<INamespaceSymbol, bool> _isExcludedNamespace;

    public BlockingApis(KnownSymbols symbols)
    {
        _symbols = symbols;
        _blocking = symbols.Blocking;
        _assembly = symbols.Compilation.Assembly;
        _product = ProductOf(symbols.Compilation.AssemblyName);
        _classify = method => Classify(method) ?? s_notBlocking;
        _hasCandidates = HasCandidatesCore;
        _isSameProduct = IsSameProductCore;
        _isExcludedNamespace = IsExcludedNamespaceCore;
    }

    /// <summary>The blocking API <paramref name="invocation"/> calls, or null when the call does not block (or is excluded).</summary>
    public BlockingApi? Find(IInvocationOperation invocation)
        => invocation.TargetMethod.ContainingAssembly.IsSameAssemblyAs(_assembly) ? null : FindOutsideCompilation(invocation);

    /// <summary>
    /// <see cref="Find"/> for a call the caller already knows targets a method outside the compilation (the compilation's
    /// own methods are judged by their bodies, see PM0001's interprocedural form).
    /// </summary>
    public BlockingApi? FindOutsideCompilation(IInvocationOperation invocation)
    {
        var target = invocation.TargetMethod;
        if (target.MethodKind != MethodKind.Ordinary || target.Name.EndsWith("Async", StringComparison.Ordinal))
        {
            return null;
        }

        // Judged on the definition, one entry for every instantiation (List<int>.Add and List<Order>.Add): substitution keeps
        // a non-blocking method non-blocking, and the one way it can make a blocking one awaitable, a type parameter
        // returned as a Task (Func<Task>.Invoke), is checked on the call itself.
        var definition = (target.ReducedFrom ?? target).OriginalDefinition;
        if (definition.ContainingType is not { } type || !_typesWithCandidates.GetOrAdd(type, _hasCandidates))
        {
            return null;
        }

        var api = _cache.GetOrAdd(definition, _classify);
        if (ReferenceEquals(api, s_notBlocking) || !BlocksHere(api, invocation) || (api.Method.ReturnType is ITypeParameterSymbol && _symbols.Tasks.IsAwaitable(target.ReturnType)))
        {
            return null;
        }

        return api;
    }

    /// <summary>
    /// The type-level answer, asked first: can a method of this type block at all? Only Thread (Sleep), LINQ's operators
    /// (EF queries) and types with an <c>XAsync</c> member, their own or a base type's or interface's, can: most types have
    /// none, and their calls are answered without looking at the method.
    /// </summary>
    private bool HasCandidatesCore(INamedTypeSymbol type)
    {
        if (SymbolEqualityComparer.Default.Equals(type, _blocking.Thread)
            || SymbolEqualityComparer.Default.Equals(type, _blocking.Enumerable)
            || SymbolEqualityComparer.Default.Equals(type, _blocking.Queryable))
        {
            return true;
        }

        for (var current = type; current is not null; current = current.BaseType)
        {
            if (HasAsyncMember(current))
            {
                return true;
            }
        }

        if (type.TypeKind == TypeKind.Interface)
        {
            foreach (var @interface in type.AllInterfaces)
            {
                if (HasAsyncMember(@interface))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool HasAsyncMember(INamedTypeSymbol type)
    {
        foreach (var name in type.MemberNames)
        {
            if (name.EndsWith("Async", StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The method-level answer: does this method block, and what is its counterpart.</summary>
    private BlockingApi? Classify(IMethodSymbol method)
    {
        var type = method.ContainingType;
        if (type is null
            || (method.ContainingAssembly is { } assembly && _product is not null && _sameProduct.GetOrAdd(assembly, _isSameProduct))
            || method.Name.EndsWith("Async", StringComparison.Ordinal)
            || _symbols.Tasks.IsAwaitable(method.ReturnType)
            || IsExcluded(method, type))
        {
            return null;
        }

        var definition = type.OriginalDefinition;
        if (SymbolEqualityComparer.Default.Equals(definition, _blocking.Thread))
        {
            return method.Name == "Sleep" ? TaskDelayFor(method) : null;
        }

        if (SymbolEqualityComparer.Default.Equals(definition, _blocking.Enumerable) || SymbolEqualityComparer.Default.Equals(definition, _blocking.Queryable))
        {
            return EntityFrameworkCounterpart(method);
        }

        if (SymbolEqualityComparer.Default.Equals(definition, _blocking.SmtpClient) && method.Name == "Send")
        {
            return Sibling(method, "SendMailAsync", requireCompatible: true);
        }

        if (SymbolEqualityComparer.Default.Equals(definition, _blocking.WebClient))
        {
            return Sibling(method, method.Name + "TaskAsync", requireCompatible: false);
        }

        // Dapper's and the socket types' async forms take different parameters (no 'buffered' flag; Memory instead of arrays).
        var nameOnly = SymbolEqualityComparer.Default.Equals(definition, _blocking.DapperSqlMapper)
            || definition.ContainingNamespace.IsNamespace(s_socketsNamespace);
        return Sibling(method, method.Name + "Async", requireCompatible: !nameOnly);
    }

    private BlockingApi? Sibling(IMethodSymbol method, string name, bool requireCompatible)
    {
        var counterpart = AsyncCounterparts.Find(method, name, _symbols, skipFirstParameter: false, out var exists);
        if (counterpart is null && (requireCompatible || !exists))
        {
            return null;
        }

        return new BlockingApi(method, method.ContainingType.Name + "." + name, counterpart, CounterpartShape.Renamed, needsEntityFrameworkQuery: false);
    }

    private BlockingApi? TaskDelayFor(IMethodSymbol sleep)
    {
        if (_symbols.Tasks.Task is not { } task)
        {
            return null;
        }

        // Delay(x, CancellationToken) when it exists, so that the fix can pass the token in scope.
        IMethodSymbol? best = null;
        foreach (var member in task.GetMembers("Delay"))
        {
            if (member is IMethodSymbol delay && AsyncCounterparts.IsCompatible(sleep, delay, _symbols, skipFirstParameter: false, ignoreReturnType: true)
                && (best is null || delay.Parameters.Length > best.Parameters.Length))
            {
                best = delay;
            }
        }

        return best is null ? null : new BlockingApi(sleep, "Task.Delay", best, CounterpartShape.TaskDelay, needsEntityFrameworkQuery: false);
    }

    /// <summary>ToList, First, Count, Sum...: blocking when they execute an EF Core query, whose XAsync operator lives in EF's extensions.</summary>
    private BlockingApi? EntityFrameworkCounterpart(IMethodSymbol method)
        => DatabaseCalls.EntityFrameworkAsyncOperator(method, _symbols) is { } counterpart
            ? new BlockingApi(method, "EntityFrameworkQueryableExtensions." + counterpart.Name, counterpart, CounterpartShape.Renamed, needsEntityFrameworkQuery: true)
            : null;

    /// <summary>
    /// An assembly of the same product (Contoso.Data for Contoso.Api: same first name segment), typically a project
    /// reference. Its "XAsync" siblings are often synchronous wrappers written next to the sync method, and its
    /// bodies are not visible here: the sibling rule does not apply to it (the families above still do).
    /// </summary>
    private bool IsSameProductCore(IAssemblySymbol assembly)
    {
        var other = assembly.Name;
        return other.StartsWith(_product!, StringComparison.Ordinal) && (other.Length == _product!.Length || other[_product.Length] == '.');
    }

    /// <summary>"Contoso" for "Contoso.Api"; null when there is no usable product name (none, or System/Microsoft).</summary>
    private static string? ProductOf(string? assemblyName)
    {
        if (string.IsNullOrEmpty(assemblyName))
        {
            return null;
        }

        var dot = assemblyName!.IndexOf('.');
        var product = dot < 0 ? assemblyName : assemblyName.Substring(0, dot);
        return product.Length == 0 || product.Equals("System", StringComparison.Ordinal) || product.Equals("Microsoft", StringComparison.Ordinal) ? null : product;
    }

    private bool IsExcluded(IMethodSymbol method, INamedTypeSymbol type)
    {
        switch (method.Name)
        {
            case "Dispose" or "Close":
                return true;
            case "Cancel" or "CancelAfter" when SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, _blocking.CancellationTokenSource):
                return true;
            case "GetFieldValue" or "IsDBNull" when type.InheritsFromOrEquals(_blocking.DbDataReader):
                return true;
            case "Add" or "AddRange" when IsEntityFrameworkType(type):
                return true;
            case "CreateDbContext" when type.Implements(_symbols.EntityFramework.DbContextFactory):
                return true;
        }

        // Utf8JsonWriter.Flush is non-blocking over a buffer writer, the common case; the stream case cannot be told apart.
        return SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, _blocking.Utf8JsonWriter)
            || (type.ContainingNamespace is { } ns && _excludedNamespaces.GetOrAdd(ns, _isExcludedNamespace));
    }

    private bool IsExcludedNamespaceCore(INamespaceSymbol ns)
    {
        var name = ns.ToDisplayString();
        foreach (var excluded in s_excludedNamespaces)
        {
            if (name.StartsWith(excluded, StringComparison.Ordinal) && (name.Length == excluded.Length || name[excluded.Length] == '.'))
            {
                return true;
            }
        }

        return false;
    }

    private bool IsEntityFrameworkType(INamedTypeSymbol type)
    {
        var ef = _symbols.EntityFramework;
        return type.InheritsFromOrEquals(ef.DbContext) || type.InheritsFromOrEquals(ef.DbSet);
    }

    /// <summary>The per-call conditions: arguments that never block, in-memory targets, EF-only query operators.</summary>
    private bool BlocksHere(BlockingApi api, IInvocationOperation invocation)
    {
        var method = api.Method;
        var receiver = invocation.Instance ?? (method.IsExtensionMethod && invocation.Arguments.Length > 0 ? invocation.Arguments[0].Value : null);
        if (api.NeedsEntityFrameworkQuery)
        {
            return receiver is not null && EntityFrameworkQueries.IsQuery(receiver, _symbols, depth: 0);
        }

        if (api.Shape == CounterpartShape.TaskDelay || SymbolEqualityComparer.Default.Equals(method.ContainingType.OriginalDefinition, _blocking.SemaphoreSlim))
        {
            // Thread.Sleep(0) and SemaphoreSlim.Wait(0) never block: one yields, the other only tries.
            if (invocation.Arguments.Length > 0 && IsZero(invocation.Arguments[0].Value))
            {
                return false;
            }
        }

        if (receiver is not null)
        {
            return !InMemoryIo.IsInMemory(receiver, _blocking, depth: 0) && !IsConsole(receiver);
        }

        // Static APIs that take the stream or writer they do I/O on (serializers, copy helpers).
        foreach (var argument in invocation.Arguments)
        {
            if (argument.Value.Type is { } type
                && (type.InheritsFromOrEquals(_blocking.Stream) || type.InheritsFromOrEquals(_blocking.TextReader) || type.InheritsFromOrEquals(_blocking.TextWriter))
                && InMemoryIo.IsInMemory(argument.Value, _blocking, depth: 0))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsZero(IOperation value)
    {
        value = value.WithoutConversions();
        if (value.ConstantValue is { HasValue: true, Value: int or long } constant)
        {
            return Convert.ToInt64(constant.Value, System.Globalization.CultureInfo.InvariantCulture) == 0;
        }

        return value is IFieldReferenceOperation { Field: { Name: "Zero", IsStatic: true } field } && field.ContainingType.Name == "TimeSpan";
    }

    private bool IsConsole(IOperation receiver)
        => receiver.WithoutConversions() is IPropertyReferenceOperation { Property: { IsStatic: true } property }
           && SymbolEqualityComparer.Default.Equals(property.ContainingType, _blocking.Console);
}
