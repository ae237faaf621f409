using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Postmortem.Analyzers.Shared;
using Postmortem.Analyzers.Symbols;

namespace Postmortem.Analyzers.Knowledge;

/// <summary>What kind of remote party a call waits for.</summary>
internal enum ExternalCallKind
{
    Http,
    Grpc,
    Email,
    Publish,
    Delay,
    Llm,
}

/// <summary>The HTTP method of an HTTP call, as far as the call site shows it.</summary>
internal enum HttpVerb
{
    /// <summary>Not an HTTP call.</summary>
    None,

    /// <summary><c>Send</c>/<c>SendAsync</c> with a request whose method is not visible where the call is made.</summary>
    Unknown,
    Get,
    Post,
    Put,
    Patch,
    Delete,

    /// <summary>HEAD, OPTIONS, a custom method...</summary>
    Other,
}

/// <summary>A library call that leaves the process and waits for another service (or for time to pass).</summary>
internal sealed class ExternalCall
{
    public ExternalCall(ExternalCallKind kind, string name, HttpVerb verb = HttpVerb.None, bool delivers = true)
    {
        Kind = kind;
        Name = name;
        Verb = verb;
        Delivers = delivers;
    }

    public ExternalCallKind Kind { get; }

    /// <summary>"HttpClient.PostAsync" as a message names it.</summary>
    public string Name { get; }

    /// <summary>
    /// For HTTP calls, the method the call's name says (<c>PostAsync</c>: POST, <c>GetFromJsonAsync</c>: GET); <see cref="HttpVerb.Unknown"/>
    /// for <c>Send</c>/<c>SendAsync</c>, whose request says it (<see cref="ExternalCalls.VerbOf"/>); <see cref="HttpVerb.None"/> for other kinds.
    /// </summary>
    public HttpVerb Verb { get; }

    /// <summary>
    /// False for calls that only prepare the exchange (MailKit <c>Connect</c>/<c>Authenticate</c>, SendGrid's raw <c>Request</c>,
    /// <c>SmtpClient.SendAsyncCancel</c>): they wait for the remote party but hand nothing over to it.
    /// </summary>
    public bool Delivers { get; }

    /// <summary>"HTTP call 'HttpClient.PostAsync'", named after the type the call is made on (the receiver's declared type when it is known).</summary>
    public string Describe(IInvocationOperation invocation) => KindName(Kind) + " '" + NameAt(invocation) + "'";

    /// <summary>"HttpClient.PostAsync": the call named after the type it is made on (the receiver's declared type when it is known).</summary>
    public string NameAt(IInvocationOperation invocation)
    {
        var method = invocation.TargetMethod;
        var receiver = invocation.Instance?.WithoutConversions().Type
            ?? (method.IsExtensionMethod && invocation.Arguments.Length > 0 ? invocation.Arguments[0].Value.WithoutConversions().Type : null);
        return receiver is null || receiver.Name.Length == 0 ? Name : receiver.Name + "." + method.Name;
    }

    public static string KindName(ExternalCallKind kind) => kind switch
    {
        ExternalCallKind.Http => "HTTP call",
        ExternalCallKind.Grpc => "gRPC call",
        ExternalCallKind.Email => "email",
        ExternalCallKind.Publish => "message publish",
        ExternalCallKind.Delay => "delay",
        _ => "LLM call",
    };
}

/// <summary>
/// The one place that knows which calls leave the process: HTTP (HttpClient and HttpMessageInvoker sends, the JSON
/// extensions), gRPC (methods of generated clients, which derive from Grpc.Core.ClientBase), email
/// (System.Net.Mail.SmtpClient, MailKit, ASP.NET Core's IEmailSender, SendGrid), message publishing (MassTransit
/// IPublishEndpoint/ISendEndpoint/IBus and their extensions, NServiceBus IMessageSession and handler contexts,
/// Azure ServiceBusSender, Confluent.Kafka IProducer, AWS SQS and SNS, RabbitMQ BasicPublish), <c>Task.Delay</c>,
/// and LLM chat calls (OpenAI, Azure.AI.OpenAI 1.x, Microsoft.Extensions.AI IChatClient). A family is active only
/// when its library is referenced. Not listed on purpose: SignalR and WebSocket pushes (another rule covers
/// them) and DotNetCore.CAP's ICapPublisher, which writes to the database outbox inside a CAP transaction.
/// Answers are cached per type (most types belong to no family) and, for the types of a family, per method. Each
/// answer also says whether the call hands something over (<see cref="ExternalCall.Delivers"/>) and, for HTTP, which
/// method it sends (<see cref="ExternalCall.Verb"/>, and <see cref="VerbOf"/> for <c>Send</c>/<c>SendAsync</c>, whose
/// request carries it).
/// </summary>
internal sealed class ExternalCalls
{
    private static readonly ExternalCall s_none = new(ExternalCallKind.Http, "");
    private static readonly ExternalCall s_delay = new(ExternalCallKind.Delay, "Task.Delay");
    private static readonly string[] s_deliveryPrefixes = ["Send", "Post", "Patch"];

    private readonly List<Family> _families = new();
    private readonly ExternalCallSymbols _symbols;
    private readonly INamedTypeSymbol? _task;
    private readonly INamedTypeSymbol? _httpRequestMessage;
    private readonly INamedTypeSymbol? _httpMethod;
    private readonly ConcurrentDictionary<ITypeSymbol, Family[]> _familiesOfType = new(concurrencyLevel: 32, capacity: 256, SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<IMethodSymbol, ExternalCall> _calls = new(SymbolEqualityComparer.Default);
    private readonly Func<ITypeSymbol, Family[]> _collectFamilies;
    private readonly Func<IMethodSymbol, ExternalCall> _classify;
    private readonly string[] _namePrefixes;
    private readonly bool _anyName;
    private Family[]? _activeFamilies;

    public ExternalCalls(ExternalCallSymbols s)
    {
        _symbols = s;
        _task = s.Task;
        _httpRequestMessage = s.HttpRequestMessage;
        _httpMethod = s.HttpMethod;
        _classify = method => Classify(method) ?? s_none;
        _collectFamilies = CollectFamilies;
        Add(ExternalCallKind.Http, static t => t.HttpMessageInvoker, "Send", "Get", "Post", "Put", "Patch", "Delete");
        Add(ExternalCallKind.Http, static t => t.HttpClientJsonExtensions, "Get", "Post", "Put", "Patch", "Delete");
        Add(ExternalCallKind.Grpc, static t => t.GrpcClientBase);
        Add(ExternalCallKind.Email, static t => t.SmtpClient, "Send");
        Add(ExternalCallKind.Email, static t => t.MailKitTransport, "Send");
        Add(ExternalCallKind.Email, static t => t.MailKitService, "Connect", "Authenticate");
        Add(ExternalCallKind.Email, static t => t.IdentityEmailSender, "Send");
        Add(ExternalCallKind.Email, static t => t.IdentityUserEmailSender, "Send");
        Add(ExternalCallKind.Email, static t => t.SendGridClient, "Send", "Request");
        Add(ExternalCallKind.Publish, static t => t.MassTransitPublishEndpoint, "Publish");
        Add(ExternalCallKind.Publish, static t => t.MassTransitSendEndpoint, "Send");
        Add(ExternalCallKind.Publish, static t => t.MassTransitSendEndpointProvider, "Send");
        Add(ExternalCallKind.Publish, static t => t.NServiceBusMessageSession, "Send", "Publish");
        Add(ExternalCallKind.Publish, static t => t.NServiceBusPipelineContext, "Send", "Publish");
        Add(ExternalCallKind.Publish, static t => t.ServiceBusSender, "Send", "Schedule");
        Add(ExternalCallKind.Publish, static t => t.KafkaProducer, "Produce", "Flush");
        Add(ExternalCallKind.Publish, static t => t.AmazonSqs, "SendMessage");
        Add(ExternalCallKind.Publish, static t => t.AmazonSns, "Publish");
        Add(ExternalCallKind.Publish, static t => t.RabbitModel, "BasicPublish");
        Add(ExternalCallKind.Publish, static t => t.RabbitChannel, "BasicPublish");
        Add(ExternalCallKind.Llm, static t => t.OpenAIChatClient, "CompleteChat");
        Add(ExternalCallKind.Llm, static t => t.AzureOpenAIClient, "GetChatCompletions", "GetCompletions");
        Add(ExternalCallKind.Llm, static t => t.ExtensionsChatClient, "GetResponse", "GetStreamingResponse", "Complete");
        var prefixes = CollectPrefixes();
        _anyName = prefixes is null;
        _namePrefixes = prefixes ?? Array.Empty<string>();
    }

    /// <summary>True when at least one family's library is referenced (Task.Delay always is).</summary>
    public bool IsEmpty => _task is null && ActiveFamilies().Length == 0;

    /// <summary>The external call <paramref name="invocation"/> makes, or null.</summary>
    public ExternalCall? Find(IInvocationOperation invocation)
    {
        var target = invocation.TargetMethod;
        return target.MethodKind == MethodKind.Ordinary && MayMatch(target.Name) ? FindCore(target) : null;
    }

    /// <summary>
    /// The external call <paramref name="invocation"/> makes when it can hand something over that a repeat would hand over
    /// again (an email sent, an HTTP request whose name or request can say POST or PATCH), or null. Only names starting
    /// with <c>Send</c>, <c>Post</c> or <c>Patch</c> can: every other call is answered by its name.
    /// </summary>
    public ExternalCall? FindDelivery(IInvocationOperation invocation)
    {
        var target = invocation.TargetMethod;
        return target.MethodKind == MethodKind.Ordinary && StartsWithAny(target.Name, s_deliveryPrefixes) && MayMatch(target.Name) ? FindCore(target) : null;
    }

    private ExternalCall? FindCore(IMethodSymbol target)
    {
        if (target.ContainingType is not { } type)
        {
            return null;
        }

        if (target.IsStatic && target.Name == "Delay" && SymbolEqualityComparer.Default.Equals(type, _task))
        {
            return s_delay;
        }

        // Most calls whose name passes are made on types no family knows: answered per type (far fewer than methods),
        // before anything is cached per method.
        var receiver = target.IsExtensionMethod && target.Parameters.Length > 0 ? target.Parameters[0].Type : type;
        if (FamiliesOf(type).Length == 0 && (ReferenceEquals(receiver, type) || FamiliesOf(receiver).Length == 0))
        {
            return null;
        }

        var call = _calls.GetOrAdd((target.ReducedFrom ?? target).OriginalDefinition, _classify);
        return ReferenceEquals(call, s_none) ? null : call;
    }

    /// <summary>The families whose type <paramref name="type"/> is, extends or implements (usually none).</summary>
    private Family[] FamiliesOf(ITypeSymbol type) => _familiesOfType.GetOrAdd(type.OriginalDefinition, _collectFamilies);

    private Family[] CollectFamilies(ITypeSymbol type)
    {
        List<Family>? found = null;
        foreach (var family in ActiveFamilies())
        {
            var owner = family.TypeIn(_symbols)!;
            if (owner.TypeKind == TypeKind.Interface ? type.Implements(owner) : type.InheritsFromOrEquals(owner))
            {
                (found ??= new List<Family>()).Add(family);
            }
        }

        return found is null ? Array.Empty<Family>() : found.ToArray();
    }

    /// <summary>The families whose library is referenced, found the first time a call needs them.</summary>
    private Family[] ActiveFamilies()
    {
        var active = System.Threading.Volatile.Read(ref _activeFamilies);
        if (active is null)
        {
            var list = new List<Family>();
            foreach (var family in _families)
            {
                if (family.TypeIn(_symbols) is not null)
                {
                    list.Add(family);
                }
            }

            active = list.ToArray();
            System.Threading.Volatile.Write(ref _activeFamilies, active);
        }

        return active;
    }

    /// <summary>
    /// False when no family can accept a method of that name: most calls are answered here, before the per-method cache
    /// (whose lookups hash the method and contend with other threads' additions).
    /// </summary>
    private bool MayMatch(string name) => _anyName || StartsWithAny(name, _namePrefixes);

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

    /// <summary>The method-name prefixes of every family, and "Delay"; null when a family accepts any name (gRPC).</summary>
    private string[]? CollectPrefixes()
    {
        var prefixes = new List<string> { "Delay" };
        foreach (var family in _families)
        {
            if (family.Prefixes.Length == 0)
            {
                if (family.TypeIn(_symbols) is not null)
                {
                    return null;
                }

                continue;
            }

            foreach (var prefix in family.Prefixes)
            {
                if (!prefixes.Contains(prefix))
                {
                    prefixes.Add(prefix);
                }
            }
        }

        return prefixes.ToArray();
    }

    private ExternalCall? Classify(IMethodSymbol method)
    {
        if (method.ContainingType is not { } type)
        {
            return null;
        }

        // An extension method is judged by the type it extends, and named after it: HttpClient.PostAsJsonAsync.
        var receiver = method.IsExtensionMethod && method.Parameters.Length > 0 ? method.Parameters[0].Type : type;
        foreach (var family in _families)
        {
            // The name first (a string comparison), then the type: an interface is looked for among the receiver's
            // interfaces, a class among its base types.
            if (!family.AcceptsName(method.Name) || family.TypeIn(_symbols) is not { } owner)
            {
                continue;
            }

            var matches = SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, owner)
                || (owner.TypeKind == TypeKind.Interface ? receiver.Implements(owner) : receiver.InheritsFromOrEquals(owner));
            if (!matches || !family.Accepts(method, type, owner))
            {
                continue;
            }

            var name = receiver.Name + "." + method.Name;
            return family.Kind switch
            {
                ExternalCallKind.Http => new ExternalCall(family.Kind, name, VerbOfName(method.Name)),
                ExternalCallKind.Email => new ExternalCall(family.Kind, name, delivers: method.Name.StartsWith("Send", StringComparison.Ordinal) && method.Name != "SendAsyncCancel"),
                _ => new ExternalCall(family.Kind, name),
            };
        }

        return null;
    }

    /// <summary>GetAsync, GetFromJsonAsync: GET; PostAsJsonAsync: POST...; Send and SendAsync: the request says.</summary>
    private static HttpVerb VerbOfName(string name)
    {
        if (name.StartsWith("Post", StringComparison.Ordinal))
        {
            return HttpVerb.Post;
        }

        if (name.StartsWith("Patch", StringComparison.Ordinal))
        {
            return HttpVerb.Patch;
        }

        if (name.StartsWith("Put", StringComparison.Ordinal))
        {
            return HttpVerb.Put;
        }

        if (name.StartsWith("Delete", StringComparison.Ordinal))
        {
            return HttpVerb.Delete;
        }

        return name.StartsWith("Get", StringComparison.Ordinal) ? HttpVerb.Get : HttpVerb.Unknown;
    }

    /// <summary>
    /// The HTTP method <paramref name="invocation"/> (an HTTP <paramref name="call"/>) sends. For <c>Send</c>/<c>SendAsync</c>, the
    /// request's method when the same method shows it: <c>new HttpRequestMessage(HttpMethod.Post, ...)</c> or
    /// <c>new HttpRequestMessage { Method = HttpMethod.Patch }</c> passed directly or through a local, or a later
    /// <c>request.Method = ...</c> on that local (one value only); <see cref="HttpVerb.Unknown"/> otherwise.
    /// </summary>
    public HttpVerb VerbOf(IInvocationOperation invocation, ExternalCall call)
    {
        if (call.Verb != HttpVerb.Unknown || _httpRequestMessage is null || _httpMethod is null)
        {
            return call.Verb;
        }

        foreach (var argument in invocation.Arguments)
        {
            if (argument.Parameter is { } parameter && SymbolEqualityComparer.Default.Equals(parameter.Type, _httpRequestMessage))
            {
                return VerbOfRequest(argument.Value.WithoutConversions(), invocation);
            }
        }

        return HttpVerb.Unknown;
    }

    private HttpVerb VerbOfRequest(IOperation request, IInvocationOperation site)
    {
        if (request is IObjectCreationOperation creation)
        {
            return VerbOfCreation(creation);
        }

        if (request is not ILocalReferenceOperation local)
        {
            return HttpVerb.Unknown;
        }

        var verb = local.InitializerOf()?.WithoutConversions() is IObjectCreationOperation initial ? VerbOfCreation(initial) : HttpVerb.Unknown;

        // request.Method = HttpMethod.Post; anywhere in the method replaces the method it was created with; two different
        // values leave it unknown.
        var root = site.Root();

        var assigned = HttpVerb.None;
        foreach (var operation in root.Descendants())
        {
            if (operation is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: "Method", Instance: ILocalReferenceOperation target } } assignment
                && SymbolEqualityComparer.Default.Equals(target.Local, local.Local))
            {
                var value = VerbOfMethod(assignment.Value);
                if (assigned != HttpVerb.None && value != assigned)
                {
                    return HttpVerb.Unknown;
                }

                assigned = value;
            }
        }

        return assigned == HttpVerb.None ? verb : assigned;
    }

    private HttpVerb VerbOfCreation(IObjectCreationOperation creation)
    {
        if (!SymbolEqualityComparer.Default.Equals(creation.Type, _httpRequestMessage))
        {
            return HttpVerb.Unknown;
        }

        var verb = HttpVerb.Get;
        foreach (var argument in creation.Arguments)
        {
            if (argument.Parameter is { } parameter && SymbolEqualityComparer.Default.Equals(parameter.Type, _httpMethod))
            {
                verb = VerbOfMethod(argument.Value);
            }
        }

        if (creation.Initializer is not null)
        {
            foreach (var initializer in creation.Initializer.Initializers)
            {
                if (initializer is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: "Method" } } assignment)
                {
                    verb = VerbOfMethod(assignment.Value);
                }
            }
        }

        return verb;
    }

    /// <summary><c>HttpMethod.Post</c>, <c>new HttpMethod("PATCH")</c>.</summary>
    private HttpVerb VerbOfMethod(IOperation value)
    {
        value = value.WithoutConversions();
        string? name = null;
        if (value is IPropertyReferenceOperation { Property.IsStatic: true } property && SymbolEqualityComparer.Default.Equals(property.Property.ContainingType, _httpMethod))
        {
            name = property.Property.Name;
        }
        else if (value is IObjectCreationOperation { Arguments.Length: 1 } creation && SymbolEqualityComparer.Default.Equals(creation.Type, _httpMethod)
                 && creation.Arguments[0].Value.ConstantValue is { HasValue: true, Value: string text })
        {
            name = text;
        }

        if (name is null)
        {
            return HttpVerb.Unknown;
        }

        return name.ToUpperInvariant() switch
        {
            "GET" => HttpVerb.Get,
            "POST" => HttpVerb.Post,
            "PUT" => HttpVerb.Put,
            "PATCH" => HttpVerb.Patch,
            "DELETE" => HttpVerb.Delete,
            _ => HttpVerb.Other,
        };
    }

    private void Add(ExternalCallKind kind, Func<ExternalCallSymbols, INamedTypeSymbol?> type, params string[] prefixes)
        => _families.Add(new Family(kind, type, prefixes));

    private sealed class Family
    {
        private static readonly string[] s_grpcCoreNamespace = ["Core", "Grpc"];

        private readonly Func<ExternalCallSymbols, INamedTypeSymbol?> _type;

        public Family(ExternalCallKind kind, Func<ExternalCallSymbols, INamedTypeSymbol?> type, string[] prefixes)
        {
            Kind = kind;
            _type = type;
            Prefixes = prefixes;
        }

        public ExternalCallKind Kind { get; }

        /// <summary>The family's type, resolved the first time a call's name could belong to it; null when its library is not referenced.</summary>
        public INamedTypeSymbol? TypeIn(ExternalCallSymbols symbols) => _type(symbols);

        /// <summary>Method-name prefixes that call out; empty for gRPC, where every generated method is a call.</summary>
        public string[] Prefixes { get; }

        /// <summary>True when a method of this name can call out (any name for gRPC).</summary>
        public bool AcceptsName(string name) => Prefixes.Length == 0 || StartsWithAny(name, Prefixes);

        /// <summary>For a method whose name <see cref="AcceptsName"/> and whose type is the family's: does it call out.</summary>
        public bool Accepts(IMethodSymbol method, INamedTypeSymbol containingType, INamedTypeSymbol owner)
            => Prefixes.Length != 0
               || (!method.IsStatic
                   && method.DeclaredAccessibility == Accessibility.Public
                   && !SymbolEqualityComparer.Default.Equals(containingType.OriginalDefinition, owner)
                   && !IsClientBaseItself(containingType, owner)); // generated gRPC clients: their own methods, not ClientBase's (WithHost...)

        /// <summary><c>ClientBase&lt;T&gt;</c> itself, whose members configure the client.</summary>
        private static bool IsClientBaseItself(INamedTypeSymbol type, INamedTypeSymbol owner)
            => SymbolEqualityComparer.Default.Equals(type.OriginalDefinition.BaseType?.OriginalDefinition, owner)
               && type.ContainingNamespace.IsNamespace(s_grpcCoreNamespace);
    }
}
