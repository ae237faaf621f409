using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Postmortem.Analyzers.Symbols;

namespace Postmortem.Analyzers.Shared;

/// <summary>The ways a broker or job runner hands a message to application code.</summary>
internal enum MessageHandlerKind
{
    None,
    MassTransitConsumer,
    NServiceBusHandler,
    RebusHandler,
    ServiceBusProcessor,
    RabbitMqConsumer,
    KafkaConsumeLoop,
    SqsReceiveLoop,
    AzureFunction,
    HangfireJob,
}

/// <summary>
/// Finds message handlers — the entry points a broker calls once per delivery, and calls again when it redelivers:
/// declared handlers (MassTransit <c>IConsumer&lt;T&gt;.Consume</c>, NServiceBus and Rebus <c>IHandleMessages&lt;T&gt;.Handle</c>,
/// Azure Functions with a queue, topic or stream trigger), attached handlers (Azure Service Bus <c>ProcessMessageAsync</c>,
/// RabbitMQ <c>Received</c>/<c>ReceivedAsync</c>, as a lambda or a method group), the body of a loop around Confluent.Kafka's
/// <c>Consume</c> or SQS's <c>ReceiveMessageAsync</c>, and methods enqueued as Hangfire jobs. Allocation-free checks that
/// start with the cheapest test (a name or a containing type).
/// </summary>
internal static class MessageHandlers
{
    /// <summary>The kind of handler a method declares itself to be (by interface implementation or trigger attribute).</summary>
    public static MessageHandlerKind ClassifyMethod(IMethodSymbol method, MessagingSymbols symbols)
    {
        // Asked for every method of the compilation: Parameters is read last, because reading it makes a symbol per parameter.
        if (method.MethodKind != MethodKind.Ordinary)
        {
            return MessageHandlerKind.None;
        }

        switch (method.Name)
        {
            case "Consume" when !method.IsStatic && ImplementsMember(method, symbols.MassTransitConsumer, "Consume"):
                return MessageHandlerKind.MassTransitConsumer;
            case "Handle" when !method.IsStatic && ImplementsMember(method, symbols.NServiceBusHandler, "Handle"):
                return MessageHandlerKind.NServiceBusHandler;
            case "Handle" when !method.IsStatic && ImplementsMember(method, symbols.RebusHandler, "Handle"):
                return MessageHandlerKind.RebusHandler;
        }

        var triggers = symbols.FunctionTriggerAttributes;
        if (triggers.Length == 0)
        {
            return MessageHandlerKind.None;
        }

        foreach (var parameter in method.Parameters)
        {
            foreach (var trigger in triggers)
            {
                if (parameter.HasAttribute(trigger))
                {
                    return MessageHandlerKind.AzureFunction;
                }
            }
        }

        return MessageHandlerKind.None;
    }

    /// <summary>
    /// For <c>processor.ProcessMessageAsync += handler</c> or <c>consumer.Received(Async) += handler</c>, the kind and the
    /// handler: an <see cref="IAnonymousFunctionOperation"/> (lambda, anonymous method) or the method of a method group.
    /// </summary>
    public static MessageHandlerKind ClassifySubscription(IEventAssignmentOperation assignment, MessagingSymbols symbols, out IAnonymousFunctionOperation? lambda, out IMethodSymbol? method)
    {
        lambda = null;
        method = null;
        if (!assignment.Adds || assignment.EventReference is not IEventReferenceOperation { Event: { } @event })
        {
            return MessageHandlerKind.None;
        }

        MessageHandlerKind kind;
        if (@event.Name == "ProcessMessageAsync"
            && (@event.ContainingType.InheritsFromOrEquals(symbols.ServiceBusProcessor) || @event.ContainingType.InheritsFromOrEquals(symbols.ServiceBusSessionProcessor)))
        {
            kind = MessageHandlerKind.ServiceBusProcessor;
        }
        else if (@event.Name is "Received" or "ReceivedAsync" && IsAny(@event.ContainingType, symbols.RabbitMqConsumers))
        {
            kind = MessageHandlerKind.RabbitMqConsumer;
        }
        else
        {
            return MessageHandlerKind.None;
        }

        var handler = assignment.HandlerValue.WithoutConversions();
        if (handler is IDelegateCreationOperation creation)
        {
            handler = creation.Target.WithoutConversions();
        }

        switch (handler)
        {
            case IAnonymousFunctionOperation anonymous:
                lambda = anonymous;
                return kind;
            case IMethodReferenceOperation reference:
                method = reference.Method;
                return kind;
            default:
                return MessageHandlerKind.None;
        }
    }

    /// <summary>
    /// For <c>BackgroundJob.Enqueue(() => service.Method(...))</c>, <c>Schedule</c>, and the same on <c>IBackgroundJobClient</c>,
    /// the method the job runs; null for any other call.
    /// </summary>
    public static IMethodSymbol? EnqueuedJob(IInvocationOperation invocation, MessagingSymbols symbols)
    {
        var target = invocation.TargetMethod;
        if (target.Name is not ("Enqueue" or "Schedule") || !IsAny(target.ContainingType, symbols.HangfireJobApis))
        {
            return null;
        }

        foreach (var argument in invocation.Arguments)
        {
            var value = argument.Value.WithoutConversions();
            if (value is IDelegateCreationOperation creation)
            {
                value = creation.Target.WithoutConversions();
            }

            if (value is IAnonymousFunctionOperation { Body.Operations: { Length: >= 1 } operations })
            {
                var body = operations[0] switch
                {
                    IReturnOperation { ReturnedValue: { } returned } => returned,
                    IExpressionStatementOperation statement => statement.Operation,
                    _ => null,
                };
                if (body?.WithoutConversions() is IInvocationOperation job)
                {
                    return job.TargetMethod;
                }
            }
        }

        return null;
    }

    /// <summary>True for Confluent.Kafka's <c>IConsumer.Consume</c> or SQS's <c>ReceiveMessage(Async)</c>: a loop around it is a handler.</summary>
    public static MessageHandlerKind ClassifyReceive(IInvocationOperation invocation, MessagingSymbols symbols)
    {
        var target = invocation.TargetMethod;
        switch (target.Name)
        {
            case "Consume" when symbols.KafkaConsumer is not null && target.ContainingType.Implements(symbols.KafkaConsumer):
                return MessageHandlerKind.KafkaConsumeLoop;
            case "ReceiveMessageAsync" or "ReceiveMessage" when symbols.Sqs is not null && target.ContainingType.Implements(symbols.Sqs):
                return MessageHandlerKind.SqsReceiveLoop;
            default:
                return MessageHandlerKind.None;
        }
    }

    /// <summary>The innermost loop of the same function around <paramref name="operation"/>; null outside loops.</summary>
    public static ILoopOperation? EnclosingLoop(IOperation operation)
    {
        for (var parent = operation.Parent; parent is not null; parent = parent.Parent)
        {
            switch (parent)
            {
                case ILoopOperation loop:
                    return loop;
                case IAnonymousFunctionOperation or ILocalFunctionOperation:
                    return null;
            }
        }

        return null;
    }

    /// <summary>Where a lambda handler starts: from its first token to its arrow (or the anonymous method's parameter list).</summary>
    public static Location LambdaStart(SyntaxNode lambda)
    {
        var end = lambda switch
        {
            LambdaExpressionSyntax arrow => arrow.ArrowToken.Span.End,
            AnonymousMethodExpressionSyntax anonymous => anonymous.ParameterList?.Span.End ?? anonymous.DelegateKeyword.Span.End,
            _ => lambda.Span.End,
        };
        return Location.Create(lambda.SyntaxTree, Microsoft.CodeAnalysis.Text.TextSpan.FromBounds(lambda.SpanStart, end));
    }

    /// <summary>"MassTransit consumer", "Kafka consume loop"... as a message names the handler's kind.</summary>
    public static string Describe(MessageHandlerKind kind) => kind switch
    {
        MessageHandlerKind.MassTransitConsumer => "MassTransit consumer",
        MessageHandlerKind.NServiceBusHandler => "NServiceBus handler",
        MessageHandlerKind.RebusHandler => "Rebus handler",
        MessageHandlerKind.ServiceBusProcessor => "Service Bus message handler",
        MessageHandlerKind.RabbitMqConsumer => "RabbitMQ consumer",
        MessageHandlerKind.KafkaConsumeLoop => "Kafka consume loop",
        MessageHandlerKind.SqsReceiveLoop => "SQS receive loop",
        MessageHandlerKind.AzureFunction => "queue-triggered function",
        MessageHandlerKind.HangfireJob => "Hangfire job",
        _ => "message handler",
    };

    private static bool ImplementsMember(IMethodSymbol method, INamedTypeSymbol? @interface, string name)
    {
        if (@interface is null || method.ContainingType is not { } type)
        {
            return false;
        }

        foreach (var implemented in type.AllInterfaces)
        {
            if (!SymbolEqualityComparer.Default.Equals(implemented.OriginalDefinition, @interface))
            {
                continue;
            }

            foreach (var member in implemented.GetMembers(name))
            {
                if (SymbolEqualityComparer.Default.Equals(type.FindImplementationForInterfaceMember(member), method))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool IsAny(INamedTypeSymbol? type, INamedTypeSymbol[] candidates)
    {
        foreach (var candidate in candidates)
        {
            if (type.InheritsFromOrEquals(candidate))
            {
                return true;
            }
        }

        return false;
    }
}
