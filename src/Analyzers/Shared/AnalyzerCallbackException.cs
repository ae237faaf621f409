using System;
using Microsoft.CodeAnalysis;

namespace Postmortem.Analyzers.Shared;

/// <summary>
/// Wraps an unexpected exception thrown by a rule so that the AD0001 a user sees names the rule and the
/// code it was looking at. The original exception is kept as the inner exception; nothing is swallowed.
/// </summary>
public sealed class AnalyzerCallbackException : Exception
{
    public AnalyzerCallbackException(string ruleId, Location? location, Exception inner)
        : base(Describe(ruleId, location, inner), inner)
    {
        RuleId = ruleId;
    }

    public string RuleId { get; }

    private static string Describe(string ruleId, Location? location, Exception inner)
    {
        var where = "an unknown location";
        if (location is not null && location.IsInSource)
        {
            var span = location.GetLineSpan();
            where = $"{span.Path} line {span.StartLinePosition.Line + 1}";
        }

        return $"{ruleId} failed while analyzing {where}: {inner.GetType().Name}: {inner.Message}. "
            + $"Please report this with the code at that line. To unblock the build, set 'dotnet_diagnostic.{ruleId}.severity = none' for that file in .editorconfig.";
    }
}
