using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Postmortem.Analyzers.Knowledge;
using Postmortem.Analyzers.Options;
using Postmortem.Analyzers.Shared;
using Postmortem.Analyzers.Symbols;

namespace Postmortem.Analyzers.Rules.Messaging;

/// <summary>
/// PM0006: a message handler (see <see cref="MessageHandlers"/>) that, itself or through the methods it calls, saves an
/// increment or an insert with EF Core, charges through Stripe without an idempotency key, sends an email or makes an
/// HTTP POST or PATCH (<see cref="ExternalCalls"/>), and shows no sign of
/// deduplicating: a redelivered message repeats the effect. Every method's effects, evidence and calls are recorded
/// while the compilation is analyzed (<see cref="CallGraph"/>) and combined once, at compilation end.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class PM0006NonIdempotentMessageHandlerAnalyzer : PostmortemAnalyzer
{
    /// <summary>
    /// Diagnostic property: the <see cref="MessageHandlerKind"/> of a handler that is a whole method (not a lambda or a loop),
    /// for the code fix, which needs to know where the message id is.
    /// </summary>
    public const string HandlerKindProperty = "HandlerKind";

    private const int MaxEffectsListed = 3;

    public PM0006NonIdempotentMessageHandlerAnalyzer()
        : base(Descriptors.PM0006NonIdempotentMessageHandler)
    {
    }

    private protected override bool AppliesTo(RuleContext context)
        => context.Symbols.Messaging.HasAny
           && (context.Symbols.EntityFramework.DbContext is not null || context.Symbols.Messaging.StripeRequestOptions is not null || !context.Symbols.ExternalCalls.IsEmpty);

    private protected override void Register(RuleContext context)
    {
        var state = new State(context);
        context.RegisterOperationAction(state.AnalyzeInvocation, OperationKind.Invocation);
        context.RegisterOperationAction(state.AnalyzeObjectCreation, OperationKind.ObjectCreation);
        context.RegisterOperationAction(state.AnalyzeChange, OperationKind.CompoundAssignment, OperationKind.Increment, OperationKind.Decrement);
        // Field references and literals are too frequent to watch one by one: the evidence they carry (When.NotExists, an
        // identity header, a field named like an inbox) is used through a call, and is read from the call's receiver and arguments.
        context.RegisterOperationAction(state.AnalyzePropertyReference, OperationKind.PropertyReference);
        context.RegisterOperationAction(state.AnalyzeCatch, OperationKind.CatchClause);
        context.RegisterOperationAction(state.AnalyzeSubscription, OperationKind.EventAssignment);
        context.RegisterSymbolAction(state.AnalyzeMethod, SymbolKind.Method);
        context.RegisterSymbolAction(state.AnalyzeType, SymbolKind.NamedType);
        context.RegisterCompilationEndAction(state.Report);
    }

    /// <summary>An entry point: a method, or the part of one (a lambda, a loop body) that runs once per delivery.</summary>
    private sealed class HandlerRoot
    {
        public HandlerRoot(MessageHandlerKind kind, IMethodSymbol method, SyntaxNode? scope, SyntaxNode? lambda)
        {
            Kind = kind;
            Method = method;
            Scope = scope;
            Lambda = lambda;
        }

        public MessageHandlerKind Kind { get; }

        /// <summary>The method whose code holds the handler (for a lambda or a loop, the enclosing method).</summary>
        public IMethodSymbol Method { get; }

        /// <summary>The lambda or loop whose code is the handler; null when it is the whole method.</summary>
        public SyntaxNode? Scope { get; }

        public SyntaxNode? Lambda { get; }
    }

    /// <summary>Interfaces of the System namespaces (IDisposable, IEnumerable, IAsyncDisposable...): implemented everywhere, never a service of the application.</summary>
    private static bool IsFrameworkInterface(INamedTypeSymbol type)
    {
        var root = type.ContainingNamespace;
        while (root is { ContainingNamespace.IsGlobalNamespace: false })
        {
            root = root.ContainingNamespace;
        }

        return root is { Name: "System" };
    }

    /// <summary>
    /// Which type implements an interface when only one concrete type of the compilation does (a service or repository and its
    /// one class), and which method then runs for a call through it. Built at compilation end, the first time a handler
    /// reaches a call through an interface.
    /// </summary>
    private sealed class Implementations
    {
        private readonly IEnumerable<INamedTypeSymbol> _types;
        private Dictionary<INamedTypeSymbol, INamedTypeSymbol?>? _byInterface;

        public Implementations(IEnumerable<INamedTypeSymbol> types) => _types = types;

        public Dictionary<IMethodSymbol, IMethodSymbol?> ByMethod { get; } = new(SymbolEqualityComparer.Default);

        /// <summary>The one concrete type of the compilation implementing <paramref name="interface"/>; null for none or several.</summary>
        public INamedTypeSymbol? TypeImplementing(INamedTypeSymbol @interface)
        {
            if (_byInterface is null)
            {
                _byInterface = new Dictionary<INamedTypeSymbol, INamedTypeSymbol?>(SymbolEqualityComparer.Default);
                foreach (var type in _types)
                {
                    foreach (var implemented in type.AllInterfaces)
                    {
                        var definition = implemented.OriginalDefinition;
                        if (IsFrameworkInterface(definition))
                        {
                            continue;
                        }

                        // A second implementing type makes the entry null for good.
                        _byInterface[definition] = _byInterface.TryGetValue(definition, out var known) && !SymbolEqualityComparer.Default.Equals(known, type) ? null : type;
                    }
                }
            }

            return _byInterface.TryGetValue(@interface, out var found) ? found : null;
        }
    }

    private sealed class State
    {
        private readonly RuleContext _rule;
        private readonly KnownSymbols _symbols;
        private readonly MessagingSymbols _messaging;
        private readonly EntityFrameworkSymbols _ef;
        private readonly ExternalCalls _external;
        private readonly CallGraph _graph;
        private readonly ConcurrentQueue<HandlerRoot> _roots = new();
        private readonly ConcurrentDictionary<string, string[]> _markersByList = new(System.StringComparer.Ordinal);
        private readonly Recorded<(IMethodSymbol Caller, IMethodSymbol Target, SyntaxNode Site)> _interfaceCalls = new();
        private readonly ConcurrentQueue<IMethodSymbol> _interfaceJobs = new();

        /// <summary>The concrete types of the compilation that implement interfaces: mapped to their interfaces only if a handler needs it.</summary>
        private readonly Recorded<INamedTypeSymbol> _implementingTypes = new();
        private readonly bool _markersConfigured;
        private int _massTransitInbox;

        public State(RuleContext rule)
        {
            _rule = rule;
            _symbols = rule.Symbols;
            _messaging = rule.Symbols.Messaging;
            _ef = rule.Symbols.EntityFramework;
            _external = rule.Symbols.ExternalCalls;
            _graph = new CallGraph(rule.Symbols);
            _markersConfigured = rule.Options.IsConfiguredAnywhere(OptionCatalog.PM0006IdempotencyMarkers);
        }

        public void AnalyzeMethod(SymbolAnalysisContext context)
        {
            var method = (IMethodSymbol)context.Symbol;
            _graph.RecordDeclaration(method);
            var kind = MessageHandlers.ClassifyMethod(method, _messaging);
            if (kind != MessageHandlerKind.None && _graph.HasBodyInCompilation(method))
            {
                _roots.Enqueue(new HandlerRoot(kind, method, scope: null, lambda: null));
            }
        }

        /// <summary>Notes the concrete types that implement interfaces, for <see cref="SingleImplementation"/>.</summary>
        public void AnalyzeType(SymbolAnalysisContext context)
        {
            var type = (INamedTypeSymbol)context.Symbol;
            if (type.TypeKind is (TypeKind.Class or TypeKind.Struct) && !type.IsAbstract && !type.IsStatic && !type.AllInterfaces.IsEmpty)
            {
                _implementingTypes.Add(type);
            }
        }

        public void AnalyzeSubscription(OperationAnalysisContext context)
        {
            var kind = MessageHandlers.ClassifySubscription((IEventAssignmentOperation)context.Operation, _messaging, out var lambda, out var method);
            if (kind == MessageHandlerKind.None)
            {
                return;
            }

            if (lambda is not null && context.ContainingSymbol is IMethodSymbol owner)
            {
                _roots.Enqueue(new HandlerRoot(kind, owner, lambda.Syntax, lambda.Syntax));
            }
            else if (method is not null && _graph.HasBodyInCompilation(method))
            {
                _roots.Enqueue(new HandlerRoot(kind, method, scope: null, lambda: null));
            }
        }

        public void AnalyzeInvocation(OperationAnalysisContext context)
        {
            var invocation = (IInvocationOperation)context.Operation;
            if (context.ContainingSymbol is not IMethodSymbol owner)
            {
                return;
            }

            var method = invocation.TargetMethod;
            _graph.RecordForwardCall(owner, method, invocation.Syntax);
            if (IsInterfaceCall(method))
            {
                // Followed at compilation end when exactly one type of the compilation implements the interface.
                _interfaceCalls.Add((owner, method, invocation.Syntax));
            }

            RecordEvidenceOfCall(owner, invocation.Instance, invocation.Arguments);
            var reduced = method.ReducedFrom ?? method;
            if (_ef.DbContext is not null)
            {
                if (NonIdempotentEffects.IsSaveChanges(method, _ef))
                {
                    Record(owner, "SaveChanges", invocation, EffectKinds.Save);
                    return;
                }

                if (NonIdempotentEffects.IsInsert(method, _ef))
                {
                    Record(owner, "'" + method.ContainingType.Name + "." + method.Name + "' saved with SaveChanges", invocation, EffectKinds.Insert);
                    return;
                }

                if (NonIdempotentEffects.IsExistenceCheck(invocation, _symbols))
                {
                    Record(owner, "existence check", invocation, EffectKinds.Evidence);
                    return;
                }

                if (NonIdempotentEffects.IsEntityLookup(invocation, _symbols, out var byPredicate))
                {
                    if (byPredicate)
                    {
                        Record(owner, "lookup", invocation, EffectKinds.Lookup);
                    }

                    return;
                }
            }

            if (NonIdempotentEffects.IsStripeCallWithoutIdempotencyKey(invocation, _messaging))
            {
                Record(owner, "'" + method.ContainingType.Name + "." + method.Name + "' without an idempotency key", invocation, EffectKinds.Immediate);
                return;
            }

            if (_external.FindDelivery(invocation) is { } external && RepeatedEffectOf(invocation, external) is { } repeated)
            {
                Record(owner, repeated, invocation, EffectKinds.External);
                return;
            }

            if (MessageHandlers.EnqueuedJob(invocation, _messaging) is { } job)
            {
                if (_graph.HasBodyInCompilation(job))
                {
                    _roots.Enqueue(new HandlerRoot(MessageHandlerKind.HangfireJob, job, scope: null, lambda: null));
                }
                else if (IsInterfaceCall(job))
                {
                    _interfaceJobs.Enqueue(job);
                }

                return;
            }

            var receive = MessageHandlers.ClassifyReceive(invocation, _messaging);
            if (receive != MessageHandlerKind.None)
            {
                if (MessageHandlers.EnclosingLoop(invocation) is { } loop)
                {
                    _roots.Enqueue(new HandlerRoot(receive, owner, loop.Syntax, lambda: null));
                }

                return;
            }

            if (_messaging.MassTransitConsumer is not null && NonIdempotentEffects.IsMassTransitInboxConfiguration(reduced))
            {
                System.Threading.Interlocked.Exchange(ref _massTransitInbox, 1);
                return;
            }

            var markers = MarkersFor(invocation.Syntax.SyntaxTree);
            if (NonIdempotentEffects.IsMarkerName(reduced.Name, markers) || NonIdempotentEffects.IsMarkerType(reduced.ContainingType, markers))
            {
                Record(owner, "marker", invocation, EffectKinds.Evidence);
            }
        }

        /// <summary>"email 'SmtpClient.SendMailAsync'", "HTTP POST 'HttpClient.PostAsJsonAsync'": a call a redelivery repeats; null for any other external call.</summary>
        private string? RepeatedEffectOf(IInvocationOperation invocation, ExternalCall external)
        {
            switch (external.Kind)
            {
                case ExternalCallKind.Email when external.Delivers:
                    return external.Describe(invocation);
                case ExternalCallKind.Http:
                    var verb = _external.VerbOf(invocation, external);
                    return verb is HttpVerb.Post or HttpVerb.Patch
                        ? "HTTP " + (verb == HttpVerb.Post ? "POST" : "PATCH") + " '" + external.NameAt(invocation) + "'"
                        : null;
                default:
                    return null;
            }
        }

        public void AnalyzeObjectCreation(OperationAnalysisContext context)
        {
            var creation = (IObjectCreationOperation)context.Operation;
            if (context.ContainingSymbol is not IMethodSymbol owner || creation.Type is null)
            {
                return;
            }

            if (creation.Constructor is { } constructor)
            {
                _graph.RecordForwardCall(owner, constructor, creation.Syntax);
            }

            if (NonIdempotentEffects.IsMarkerType(creation.Type, MarkersFor(creation.Syntax.SyntaxTree)))
            {
                Record(owner, "marker", creation, EffectKinds.Evidence);
            }
        }

        public void AnalyzeChange(OperationAnalysisContext context)
        {
            if (context.ContainingSymbol is not IMethodSymbol owner || _ef.DbContext is null)
            {
                return;
            }

            IOperation target;
            string change;
            switch (context.Operation)
            {
                case ICompoundAssignmentOperation { OperatorKind: BinaryOperatorKind.Add or BinaryOperatorKind.Subtract } compound:
                    target = compound.Target;
                    change = compound.OperatorKind == BinaryOperatorKind.Add ? " +=" : " -=";
                    break;
                case IIncrementOrDecrementOperation step:
                    target = step.Target;
                    change = step.Kind == OperationKind.Increment ? "++" : "--";
                    break;
                default:
                    return;
            }

            if (target.WithoutConversions() is IMemberReferenceOperation member && NonIdempotentEffects.IsTrackedEntityMember(member, _symbols))
            {
                Record(owner, "'" + member.Member.ContainingType.Name + "." + member.Member.Name + change + "' saved with SaveChanges", context.Operation, EffectKinds.Increment);
            }
        }

        public void AnalyzePropertyReference(OperationAnalysisContext context)
        {
            var reference = (IPropertyReferenceOperation)context.Operation;
            if (context.ContainingSymbol is not IMethodSymbol owner)
            {
                return;
            }

            var member = reference.Property;
            if (_graph.MayHaveAccessorsWithBodies(member)
                && (IsWritten(reference) ? member.SetMethod : member.GetMethod) is { } accessor)
            {
                _graph.RecordForwardCall(owner, accessor, reference.Syntax);
            }

            if (!reference.Arguments.IsEmpty)
            {
                // An indexer: headers["Idempotency-Key"], message.Headers[Headers.MessageId].
                RecordEvidenceOfCall(owner, instance: null, reference.Arguments);
            }

            if (NonIdempotentEffects.IsIdentityMember(member, _messaging))
            {
                if (!IsWritten(reference) && !InLoggingCall(reference))
                {
                    Record(owner, "message identity", reference, EffectKinds.Evidence);
                }

                return;
            }

            var markers = MarkersFor(reference.Syntax.SyntaxTree);
            if (NonIdempotentEffects.IsMarkerName(member.Name, markers) || (reference.Type is { } type && NonIdempotentEffects.IsMarkerType(type, markers)))
            {
                Record(owner, "marker", reference, EffectKinds.Evidence);
            }
        }

        /// <summary>
        /// The evidence a call (or an indexer) carries in its receiver and arguments: Redis's <c>When.NotExists</c>, a string naming
        /// an identity header (<c>"Idempotency-Key"</c>), a constant naming the message identity (Rebus's <c>Headers.MessageId</c>),
        /// and a receiver field named like a marker (<c>_processedMessages.Add(id)</c>).
        /// </summary>
        private void RecordEvidenceOfCall(IMethodSymbol owner, IOperation? instance, ImmutableArray<IArgumentOperation> arguments)
        {
            if (instance?.WithoutConversions() is IFieldReferenceOperation { Field: var field } receiver
                && NonIdempotentEffects.IsMarkerName(field.Name, MarkersFor(receiver.Syntax.SyntaxTree)))
            {
                Record(owner, "marker", receiver, EffectKinds.Evidence);
            }

            foreach (var argument in arguments)
            {
                var value = argument.Value.WithoutConversions();
                if (value is IFieldReferenceOperation { Field: var constant } fieldReference)
                {
                    if (constant.Name == "NotExists" && SymbolEqualityComparer.Default.Equals(constant.ContainingType, _messaging.RedisWhen))
                    {
                        Record(owner, "When.NotExists", fieldReference, EffectKinds.Evidence);
                        continue;
                    }

                    if (NonIdempotentEffects.IsIdentityMember(constant, _messaging) && !InLoggingCall(value))
                    {
                        Record(owner, "message identity", fieldReference, EffectKinds.Evidence);
                        continue;
                    }
                }

                // The type first: reading ConstantValue boxes every numeric constant.
                if (value.Type is { SpecialType: SpecialType.System_String }
                    && value.ConstantValue is { HasValue: true, Value: string text }
                    && NonIdempotentEffects.IsIdentityHeader(text)
                    && !InLoggingCall(value))
                {
                    Record(owner, "identity header", value, EffectKinds.Evidence);
                }
            }
        }

        public void AnalyzeCatch(OperationAnalysisContext context)
        {
            var clause = (ICatchClauseOperation)context.Operation;
            if (context.ContainingSymbol is not IMethodSymbol owner)
            {
                return;
            }

            var caught = clause.ExceptionType;
            if (caught.InheritsFromOrEquals(_messaging.DbUpdateException)
                || caught.Name.IndexOf("Duplicate", System.StringComparison.Ordinal) >= 0
                || caught.Name.IndexOf("UniqueConstraint", System.StringComparison.Ordinal) >= 0)
            {
                Record(owner, "duplicate-key catch", clause, EffectKinds.Evidence);
            }
        }

        public void Report(CompilationAnalysisContext context)
        {
            var implementations = new Implementations(_implementingTypes);
            foreach (var job in _interfaceJobs)
            {
                if (SingleImplementation(job, implementations) is { } implementation)
                {
                    _roots.Enqueue(new HandlerRoot(MessageHandlerKind.HangfireJob, implementation, scope: null, lambda: null));
                }
            }

            if (_roots.IsEmpty)
            {
                return;
            }

            // MassTransit's inbox, configured on a receive endpoint anywhere in the compilation, drops redelivered messages
            // before they reach the consumer; which consumers share that endpoint is decided at run time.
            var massTransitInbox = System.Threading.Volatile.Read(ref _massTransitInbox) == 1;
            var summaries = _graph.ResolveForward();
            summaries.AddLateCalls(InterfaceCallsResolver(implementations));
            var saves = new Dictionary<IMethodSymbol, bool>(SymbolEqualityComparer.Default);
            var seen = new HashSet<(IMethodSymbol, int)>();
            foreach (var root in _roots)
            {
                if (!seen.Add((CallGraph.Key(root.Method), root.Scope?.SpanStart ?? -1)))
                {
                    continue;
                }

                var tree = root.Scope?.SyntaxTree ?? (root.Method.Locations.Length > 0 ? root.Method.Locations[0].SourceTree : null);
                if (tree is null || (massTransitInbox && root.Kind == MessageHandlerKind.MassTransitConsumer) || _rule.IsSuppressedFor(root.Method, tree) || HasMarkerDeclaration(root.Method, MarkersFor(tree)))
                {
                    continue;
                }

                var effects = new List<(BuriedEffect Fact, IReadOnlyList<IMethodSymbol> Chain)>();
                var strong = false;
                var lookup = false;
                foreach (var (fact, method, chain) in summaries.Reachable(root.Method, root.Scope, context.CancellationToken))
                {
                    switch (fact.Kind)
                    {
                        case EffectKinds.Evidence:
                            strong = true;
                            break;
                        case EffectKinds.Lookup:
                            lookup = true;
                            break;
                        case EffectKinds.Immediate or EffectKinds.External:
                            effects.Add((fact, chain));
                            break;
                        case EffectKinds.Increment or EffectKinds.Insert when IsSavedAfter(fact, method, summaries, saves, context.CancellationToken):
                            effects.Add((fact, chain));
                            break;
                    }

                    if (strong)
                    {
                        break;
                    }
                }

                if (strong)
                {
                    continue;
                }

                if (lookup)
                {
                    // A lookup by key is a check-before-write for an insert; with no insert, it loads what the email or the
                    // request is about (the incident: a payment looked up, then its receipt sent again on each delivery).
                    var checksInsert = effects.Exists(static e => e.Fact.Kind == EffectKinds.Insert);
                    effects.RemoveAll(e => e.Fact.Kind is EffectKinds.Insert or EffectKinds.Immediate || (checksInsert && e.Fact.Kind == EffectKinds.External));
                }

                if (effects.Count == 0)
                {
                    continue;
                }

                context.ReportDiagnostic(Diagnostic.Create(
                    Descriptors.PM0006NonIdempotentMessageHandler,
                    ReportLocation(root),
                    root.Scope is null ? PropertiesFor(root.Kind) : ImmutableDictionary<string, string?>.Empty,
                    MessageHandlers.Describe(root.Kind),
                    root.Lambda is null ? root.Method.ToMessageName() : "lambda in " + root.Method.ToMessageName(),
                    Describe(effects)));
            }
        }

        /// <summary>
        /// The calls a method makes through interfaces, to the one implementation each has in the compilation: resolved only
        /// for the methods a handler reaches (see <see cref="ForwardSummaries.AddLateCalls"/>).
        /// </summary>
        private System.Func<IMethodSymbol, List<(IMethodSymbol Callee, SyntaxNode Site)>?> InterfaceCallsResolver(Implementations implementations)
        {
            var byCaller = new Dictionary<IMethodSymbol, List<(IMethodSymbol Target, SyntaxNode Site)>>(SymbolEqualityComparer.Default);
            foreach (var (caller, target, site) in _interfaceCalls)
            {
                var key = CallGraph.Key(caller);
                if (!byCaller.TryGetValue(key, out var calls))
                {
                    byCaller[key] = calls = new List<(IMethodSymbol, SyntaxNode)>();
                }

                calls.Add((target, site));
            }

            return caller =>
            {
                if (!byCaller.TryGetValue(caller, out var calls))
                {
                    return null;
                }

                List<(IMethodSymbol, SyntaxNode)>? resolved = null;
                foreach (var (target, site) in calls)
                {
                    if (SingleImplementation(target, implementations) is { } implementation)
                    {
                        (resolved ??= new List<(IMethodSymbol, SyntaxNode)>()).Add((CallGraph.Key(implementation), site));
                    }
                }

                return resolved;
            };
        }

        /// <summary>
        /// The method that runs for a call through an interface when exactly one concrete type of the compilation implements that
        /// interface (a service or repository and its one class); null when there are several, or none with a body here.
        /// </summary>
        private IMethodSymbol? SingleImplementation(IMethodSymbol target, Implementations implementations)
        {
            var known = implementations.ByMethod;
            if (known.TryGetValue(target, out var cached))
            {
                return cached;
            }

            IMethodSymbol? found = null;
            var @interface = target.ContainingType.OriginalDefinition;
            if (implementations.TypeImplementing(@interface) is { } type)
            {
                // The interface member itself, not a generic method constructed for the call (Roslyn only maps definitions).
                var member = target.IsGenericMethod ? target.ConstructedFrom : target;
                found = type.FindImplementationForInterfaceMember(member) as IMethodSymbol;
                if (found is null)
                {
                    // A generic interface implemented with other type arguments than the call's: match by definition.
                    foreach (var implemented in type.AllInterfaces)
                    {
                        if (!SymbolEqualityComparer.Default.Equals(implemented.OriginalDefinition, @interface))
                        {
                            continue;
                        }

                        foreach (var candidate in implemented.GetMembers(target.Name))
                        {
                            if (SymbolEqualityComparer.Default.Equals(candidate.OriginalDefinition, target.OriginalDefinition))
                            {
                                found = type.FindImplementationForInterfaceMember(candidate) as IMethodSymbol;
                                break;
                            }
                        }

                        if (found is not null)
                        {
                            break;
                        }
                    }
                }

                if (found is not null && !_graph.HasBodyInCompilation(found))
                {
                    found = null;
                }
            }

            known[target] = found;
            return found;
        }

        private static bool IsInterfaceCall(IMethodSymbol method)
            => !method.IsStatic && method.ContainingType is { TypeKind: TypeKind.Interface } type && !IsFrameworkInterface(type);

        /// <summary>A pending increment or insert is an effect when SaveChanges runs after it in the same method, directly or in a callee.</summary>
        private static bool IsSavedAfter(BuriedEffect fact, IMethodSymbol method, ForwardSummaries summaries, Dictionary<IMethodSymbol, bool> saves, System.Threading.CancellationToken cancellationToken)
        {
            var position = fact.Location.SourceSpan.Start;
            foreach (var other in summaries.FactsOf(method))
            {
                if (other.Kind == EffectKinds.Save && other.Location.SourceTree == fact.Location.SourceTree && other.Location.SourceSpan.Start > position)
                {
                    return true;
                }
            }

            foreach (var (callee, site) in summaries.CallsOf(method))
            {
                if (site.SyntaxTree == fact.Location.SourceTree && site.SpanStart > position && Saves(callee, summaries, saves, cancellationToken))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool Saves(IMethodSymbol method, ForwardSummaries summaries, Dictionary<IMethodSymbol, bool> saves, System.Threading.CancellationToken cancellationToken)
        {
            if (saves.TryGetValue(method, out var known))
            {
                return known;
            }

            var found = false;
            foreach (var (fact, _, _) in summaries.Reachable(method, scope: null, cancellationToken))
            {
                if (fact.Kind == EffectKinds.Save)
                {
                    found = true;
                    break;
                }
            }

            saves[method] = found;
            return found;
        }

        private static ImmutableDictionary<string, string?> PropertiesFor(MessageHandlerKind kind)
            => ImmutableDictionary<string, string?>.Empty.Add(HandlerKindProperty, kind.ToString());

        private static Location ReportLocation(HandlerRoot root)
        {
            if (root.Lambda is not null)
            {
                return MessageHandlers.LambdaStart(root.Lambda);
            }

            foreach (var location in root.Method.Locations)
            {
                if (location.IsInSource)
                {
                    return location;
                }
            }

            return root.Scope?.GetLocation() ?? Location.None;
        }

        private static string Describe(List<(BuriedEffect Fact, IReadOnlyList<IMethodSymbol> Chain)> effects)
        {
            effects.Sort(static (x, y) => x.Chain.Count != y.Chain.Count ? x.Chain.Count.CompareTo(y.Chain.Count) : string.CompareOrdinal(x.Fact.Where, y.Fact.Where));
            var text = new StringBuilder();
            var listed = 0;
            var seen = new HashSet<string>(System.StringComparer.Ordinal);
            foreach (var (fact, chain) in effects)
            {
                if (!seen.Add(fact.What + fact.Where) || listed == MaxEffectsListed)
                {
                    continue;
                }

                if (listed++ > 0)
                {
                    text.Append(", ");
                }

                text.Append(fact.What).Append(" (").Append(fact.Where);
                for (var i = 0; i < chain.Count; i++)
                {
                    text.Append(i == 0 ? " via '" : " → '").Append(CallGraph.CallName(chain[i])).Append('\'');
                }

                text.Append(')');
            }

            if (seen.Count > MaxEffectsListed)
            {
                text.Append(" and more");
            }

            return text.ToString();
        }

        private void Record(IMethodSymbol owner, string what, IOperation operation, int kind)
            => _graph.RecordFact(owner, new BuriedEffect(what, operation.Syntax.GetLocation(), kind));

        private string[] MarkersFor(SyntaxTree tree)
        {
            if (!_markersConfigured)
            {
                return System.Array.Empty<string>();
            }

            var list = _rule.Options.GetRaw(OptionCatalog.PM0006IdempotencyMarkers, tree) ?? string.Empty;
            return list.Length == 0 ? System.Array.Empty<string>() : _markersByList.GetOrAdd(list, static text => Tenants.Split(text));
        }

        /// <summary>The handler, its type or a base type is named like a deduplicating one, or carries an attribute named so.</summary>
        private static bool HasMarkerDeclaration(IMethodSymbol method, string[] markers)
        {
            if (HasMarkerAttribute(method, markers))
            {
                return true;
            }

            for (var type = method.ContainingType; type is not null; type = type.BaseType)
            {
                if (NonIdempotentEffects.IsMarkerName(type.Name, markers) || HasMarkerAttribute(type, markers))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool HasMarkerAttribute(ISymbol symbol, string[] markers)
        {
            foreach (var attribute in symbol.GetAttributes())
            {
                if (attribute.AttributeClass is { } type && NonIdempotentEffects.IsMarkerName(type.Name, markers))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsWritten(IOperation reference)
            => reference.Parent is IAssignmentOperation assignment && ReferenceEquals(assignment.Target, reference);

        private bool InLoggingCall(IOperation operation)
        {
            for (var parent = operation.Parent; parent is not null; parent = parent.Parent)
            {
                if (parent is IInvocationOperation call)
                {
                    var type = (call.TargetMethod.ReducedFrom ?? call.TargetMethod).ContainingType;
                    if (SymbolEqualityComparer.Default.Equals(type, _messaging.LoggerExtensions) || type.Implements(_messaging.Logger) || type is { Name: "Console", ContainingNamespace.Name: "System" })
                    {
                        return true;
                    }
                }
                else if (parent is IBlockOperation or IExpressionStatementOperation or IAnonymousFunctionOperation)
                {
                    return false;
                }
            }

            return false;
        }
    }
}
